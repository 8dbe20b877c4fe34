/**
 * The real PostgreSQL and Redis the integration tests use: `.ci/run` starts them and exports
 * TEST_DATABASE_URL and TEST_REDIS_URL. Without them a test that needs one is skipped locally
 * with a message saying how to get them, and fails in CI, where they must be there.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, it } from "vitest";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const IN_CI = process.env.CI === "true";

type Need = "redis" | "postgres";

/** `describe` when every needed server is there; otherwise skipped (locally) or failing (CI). */
export function describeWithServices(name: string, needs: Need[], body: () => void): void {
  const missing = needs.filter((need) =>
    need === "redis" ? TEST_REDIS_URL === undefined : TEST_DATABASE_URL === undefined,
  );
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const why = `needs ${missing.join(" and ")}: run \`eval "$(bash .ci/services.sh start)"\` first (sets TEST_REDIS_URL / TEST_DATABASE_URL)`;
  if (IN_CI) {
    describe(name, () => {
      it(`has its servers (${why})`, () => {
        throw new Error(`CI=true but ${why}`);
      });
    });
    return;
  }
  process.stderr.write(`skipped "${name}": ${why}\n`);
  describe.skip(name, body);
}

/** A fresh, empty database on the test server, dropped by the returned `drop`. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (TEST_DATABASE_URL === undefined) throw new Error("TEST_DATABASE_URL is not set");
  const name = `handbook_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      // pool.end() resolves once its clients are told to end, before their connections close.
      // FORCE would then terminate a closing connection, whose client reports the error to a
      // pool with no listener left: an uncaught exception in whichever test runs then. Wait for
      // them to go first (FORCE stays, for a test that leaked a connection).
      for (let waited = 0; waited < 2000; waited += 50) {
        const open = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
          [name],
        );
        if ((open.rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
