import type { Pool } from "pg";

/**
 * The schema, as numbered SQL steps: each runs once, in order, in its own transaction, and is
 * recorded in `schema_migrations`. Kept in TypeScript so the build ships them with the code.
 * Never edit a step that has shipped; add the next one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "installations and bot events",
    sql: `
      CREATE TABLE installations (
        install_key text PRIMARY KEY,
        team_id text,
        enterprise_id text,
        is_enterprise_install boolean NOT NULL,
        -- The whole Installation (tokens included) as AES-256-GCM ciphertext, bound to install_key.
        sealed bytea NOT NULL,
        installed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE bot_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        team_id text,
        enterprise_id text,
        kind text NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX bot_events_team_at ON bot_events (team_id, at);
    `,
  },
  {
    version: 2,
    name: "workspace settings, document owners and escalations",
    // team_id is '' when Slack named no workspace, so it can be part of a primary key.
    sql: `
      CREATE TABLE channel_modes (
        team_id text NOT NULL,
        channel text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('mention', 'auto')),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, channel)
      );
      CREATE TABLE workspace_settings (
        team_id text PRIMARY KEY,
        escalation_channel text,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE document_owners (
        team_id text NOT NULL,
        document text NOT NULL,
        user_id text NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, document)
      );
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        team_id text NOT NULL,
        asker text NOT NULL,
        question text NOT NULL,
        section_id text,
        origin jsonb NOT NULL,
        expert text NOT NULL,
        posted_channel text,
        posted_ts text,
        status text NOT NULL CHECK (status IN ('open', 'answered', 'resolved')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX escalations_thread ON escalations (posted_channel, posted_ts);
      CREATE INDEX escalations_team_status ON escalations (team_id, status);
    `,
  },
];

/** Any constant: replicas starting together take turns on this advisory lock. */
const MIGRATION_LOCK = 14_001_014;

/**
 * Brings the database up to the newest schema. Safe to call from every replica at once: an
 * advisory lock lets one migrate while the others wait, then find nothing left to do.
 * Returns the versions it applied.
 */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
      const known = new Set(done.rows.map((row) => row.version));
      for (const step of MIGRATIONS) {
        if (known.has(step.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(step.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            step.version,
            step.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${step.version} (${step.name}) failed`, { cause: error });
        }
        applied.push(step.version);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
