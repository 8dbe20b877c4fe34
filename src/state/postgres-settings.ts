import type { Pool } from "pg";
import type { AppLogger } from "../logger.js";
import type { ChannelMode } from "../slack/conversations/channel-modes.js";
import type { WorkspaceSettings } from "../slack/conversations/workspace-settings.js";

/**
 * Workspace settings in PostgreSQL (DATABASE_URL): channel modes, the escalation channel and
 * document owners, one row per workspace and key, read on every use, so a change made through
 * one replica holds on all of them at once. A read that fails falls back to the defaults
 * (`mention`, ESCALATION_CHANNEL, the frontmatter), logged once per outage; a write that fails
 * says so, logged each time.
 */
export function createPostgresSettings(pool: Pool, logger: AppLogger): WorkspaceSettings {
  // Channel modes are read for every top-level channel message: one line per outage, not per read.
  let failing = false;
  const read = async <T>(what: string, query: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      const value = await query();
      failing = false;
      return value;
    } catch (error) {
      if (failing) return fallback;
      failing = true;
      logger.error(
        { event: "settings_unreadable", what, err: error },
        "could not read a workspace setting from PostgreSQL; using the default",
      );
      return fallback;
    }
  };
  const write = async (what: string, change: () => Promise<unknown>): Promise<boolean> => {
    try {
      await change();
      return true;
    } catch (error) {
      logger.error(
        { event: "settings_unsaved", what, err: error },
        "could not save a workspace setting in PostgreSQL",
      );
      return false;
    }
  };
  const first = async (sql: string, values: unknown[]): Promise<string | undefined> => {
    const found = await pool.query<{ value: string }>(sql, values);
    return found.rows[0]?.value;
  };
  return {
    channelMode: (team, channel) =>
      read<ChannelMode>(
        "channel mode",
        async () =>
          (await first(
            "SELECT mode AS value FROM channel_modes WHERE team_id = $1 AND channel = $2",
            [team ?? "", channel],
          )) === "auto"
            ? "auto"
            : "mention",
        "mention",
      ),
    setChannelMode: (team, channel, mode, by) =>
      write("channel mode", () =>
        pool.query(
          `INSERT INTO channel_modes (team_id, channel, mode, set_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (team_id, channel) DO UPDATE SET mode = $3, set_by = $4, set_at = now()`,
          [team ?? "", channel, mode, by],
        ),
      ),
    escalationChannel: (team) =>
      read(
        "escalation channel",
        () =>
          first(
            "SELECT escalation_channel AS value FROM workspace_settings WHERE team_id = $1 AND escalation_channel IS NOT NULL",
            [team ?? ""],
          ),
        undefined,
      ),
    setEscalationChannel: (team, channel, by) =>
      write("escalation channel", () =>
        pool.query(
          `INSERT INTO workspace_settings (team_id, escalation_channel, set_by) VALUES ($1, $2, $3)
           ON CONFLICT (team_id) DO UPDATE SET escalation_channel = $2, set_by = $3, set_at = now()`,
          [team ?? "", channel ?? null, by],
        ),
      ),
    documentOwner: (team, document) =>
      read(
        "document owner",
        () =>
          first(
            "SELECT user_id AS value FROM document_owners WHERE team_id = $1 AND document = $2",
            [team ?? "", document],
          ),
        undefined,
      ),
    documentOwners: (team) =>
      read(
        "document owners",
        async () => {
          const found = await pool.query<{ document: string; user_id: string }>(
            "SELECT document, user_id FROM document_owners WHERE team_id = $1",
            [team ?? ""],
          );
          return new Map(found.rows.map((row) => [row.document, row.user_id]));
        },
        new Map<string, string>(),
      ),
    setDocumentOwner: (team, document, user, by) =>
      write("document owner", () =>
        user === undefined
          ? pool.query("DELETE FROM document_owners WHERE team_id = $1 AND document = $2", [
              team ?? "",
              document,
            ])
          : pool.query(
              `INSERT INTO document_owners (team_id, document, user_id, set_by) VALUES ($1, $2, $3, $4)
               ON CONFLICT (team_id, document) DO UPDATE SET user_id = $3, set_by = $4, set_at = now()`,
              [team ?? "", document, user, by],
            ),
      ),
  };
}
