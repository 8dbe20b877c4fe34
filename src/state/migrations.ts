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
