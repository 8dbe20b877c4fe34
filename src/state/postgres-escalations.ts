import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import {
  ADVANCES_FROM,
  type Escalation,
  type EscalationOrigin,
  type EscalationStatus,
  type EscalationStore,
} from "../slack/conversations/escalations.js";

interface EscalationRow {
  id: string;
  team_id: string;
  asker: string;
  question: string;
  section_id: string | null;
  origin: EscalationOrigin;
  expert: string;
  posted_channel: string | null;
  posted_ts: string | null;
  status: EscalationStatus;
}

function fromRow(row: EscalationRow): Escalation {
  return {
    id: row.id,
    ...(row.team_id !== "" && { teamId: row.team_id }),
    asker: row.asker,
    question: row.question,
    ...(row.section_id !== null && { sectionId: row.section_id }),
    origin: row.origin,
    to: row.expert,
    ...(row.posted_channel !== null &&
      row.posted_ts !== null && { posted: { channel: row.posted_channel, ts: row.posted_ts } }),
    status: row.status,
  };
}

const COLUMNS =
  "id, team_id, asker, question, section_id, origin, expert, posted_channel, posted_ts, status";

/**
 * Requests to experts in PostgreSQL (`escalations`): which expert thread belongs to which asker
 * survives a restart and is the same on every replica. A status moves with one conditional
 * UPDATE, so of two replicas handling the same reply exactly one passes it on. Errors reach the
 * listener, which logs them (Bolt's error handler) like any failed call.
 */
export function createPostgresEscalations(pool: Pool): EscalationStore {
  const one = async (sql: string, values: unknown[]): Promise<Escalation | undefined> => {
    const found = await pool.query<EscalationRow>(sql, values);
    const row = found.rows[0];
    return row === undefined ? undefined : fromRow(row);
  };
  return {
    async open(input) {
      const escalation: Escalation = { ...input, id: randomUUID(), status: "open" };
      await pool.query(
        `INSERT INTO escalations (id, team_id, asker, question, section_id, origin, expert, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')`,
        [
          escalation.id,
          input.teamId ?? "",
          input.asker,
          input.question,
          input.sectionId ?? null,
          JSON.stringify(input.origin),
          input.to,
        ],
      );
      return escalation;
    },
    async posted(id, channel, ts) {
      await pool.query(
        "UPDATE escalations SET posted_channel = $2, posted_ts = $3, updated_at = now() WHERE id = $1",
        [id, channel, ts],
      );
    },
    // Not a uuid (a forged or stale button value) cannot be a request: no query needed.
    byId: (id) =>
      /^[0-9a-f-]{36}$/i.test(id)
        ? one(`SELECT ${COLUMNS} FROM escalations WHERE id = $1`, [id])
        : Promise.resolve(undefined),
    byThread: (channel, threadTs) =>
      one(`SELECT ${COLUMNS} FROM escalations WHERE posted_channel = $1 AND posted_ts = $2`, [
        channel,
        threadTs,
      ]),
    async advance(id, to) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      const changed = await pool.query(
        "UPDATE escalations SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3)",
        [id, to, ADVANCES_FROM[to]],
      );
      return changed.rowCount === 1;
    },
  };
}
