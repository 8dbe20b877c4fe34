import pg from "pg";
import { type GapEvent, parseLogLine } from "./events.js";

/**
 * The query, feedback and escalation events the bot stored in PostgreSQL (`bot_events`), grouped by
 * workspace, oldest first. Each row holds the log line as it was written, so it is read by the
 * same parser as a log file; rows without a workspace are grouped under "unknown".
 */
export async function readWorkspaceEvents(
  databaseUrl: string,
  since?: number,
): Promise<Map<string, GapEvent[]>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const rows = await client.query<{ team_id: string | null; record: unknown }>(
      `SELECT team_id, record FROM bot_events
       WHERE kind IN ('query', 'feedback', 'escalation') AND ($1::timestamptz IS NULL OR at >= $1)
       ORDER BY team_id, at, id`,
      [since === undefined ? null : new Date(since).toISOString()],
    );
    const byTeam = new Map<string, GapEvent[]>();
    for (const row of rows.rows) {
      const event = parseLogLine(JSON.stringify(row.record));
      if (event === undefined) continue;
      const team = row.team_id ?? "unknown";
      const events = byTeam.get(team) ?? [];
      events.push(event);
      byTeam.set(team, events);
    }
    return byTeam;
  } finally {
    await client.end();
  }
}
