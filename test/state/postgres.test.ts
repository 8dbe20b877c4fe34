import { randomBytes } from "node:crypto";
import type { Installation } from "@slack/bolt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventSink } from "../../src/state/event-sink.js";
import { createPostgresInstallationStore } from "../../src/state/installation-store.js";
import { MIGRATIONS, migrate } from "../../src/state/migrations.js";
import { captureLogger, waitFor } from "../helpers.js";
import { createTestDatabase, describeWithServices } from "./services.js";

function installation(team: string, token: string): Installation<"v2", false> {
  return {
    team: { id: team, name: "Team" },
    enterprise: undefined,
    user: { id: "U1", token: undefined, scopes: undefined },
    bot: { id: "B1", userId: "UBOT", token, scopes: ["chat:write"] },
    isEnterpriseInstall: false,
    appId: "A1",
    authVersion: "v2",
  } as Installation<"v2", false>;
}

describeWithServices("PostgreSQL state", ["postgres"], () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  const key = randomBytes(32);

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 8 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  describe("migrations", () => {
    it("apply once even when three replicas start together, and record their versions", async () => {
      const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
      try {
        const applied = await Promise.all(pools.map((each) => migrate(each)));
        expect(applied.flat().sort()).toEqual(MIGRATIONS.map((step) => step.version));
      } finally {
        await Promise.all(pools.map((each) => each.end()));
      }
      const versions = await pool.query("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.rows.map((row) => row.version)).toEqual(
        MIGRATIONS.map((step) => step.version),
      );
      expect(await migrate(pool)).toEqual([]);
    });
  });

  describe("installation store", () => {
    it("stores, fetches, replaces and deletes a workspace's installation, token sealed at rest", async () => {
      const store = createPostgresInstallationStore(pool, key);
      await store.storeInstallation(installation("T0NEW", "xoxb-new-secret-1"));
      const raw = await pool.query("SELECT * FROM installations");
      expect(JSON.stringify(raw.rows)).not.toContain("xoxb-new-secret-1");
      expect(raw.rows[0]).toMatchObject({ install_key: "T:T0NEW", team_id: "T0NEW" });

      const query = {
        teamId: "T0NEW",
        enterpriseId: undefined,
        isEnterpriseInstall: false as const,
      };
      expect((await store.fetchInstallation(query)).bot?.token).toBe("xoxb-new-secret-1");

      await store.storeInstallation(installation("T0NEW", "xoxb-new-secret-2"));
      expect((await store.fetchInstallation(query)).bot?.token).toBe("xoxb-new-secret-2");
      expect((await pool.query("SELECT count(*)::int AS n FROM installations")).rows[0].n).toBe(1);

      await store.deleteInstallation?.(query);
      await expect(store.fetchInstallation(query)).rejects.toThrow("no installation for T:T0NEW");
    });

    it("keys an org-wide install by its enterprise", async () => {
      const store = createPostgresInstallationStore(pool, key);
      await store.storeInstallation({
        ...installation("T0ORG", "xoxb-org"),
        team: undefined,
        enterprise: { id: "E0ORG", name: "Org" },
        isEnterpriseInstall: true,
      } as unknown as Installation);
      const fetched = await store.fetchInstallation({
        teamId: undefined,
        enterpriseId: "E0ORG",
        isEnterpriseInstall: true,
      });
      expect(fetched.bot?.token).toBe("xoxb-org");
    });

    it("does not open rows sealed under another key", async () => {
      await createPostgresInstallationStore(pool, key).storeInstallation(
        installation("T0KEY", "xoxb-k"),
      );
      const other = createPostgresInstallationStore(pool, randomBytes(32));
      await expect(
        other.fetchInstallation({
          teamId: "T0KEY",
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        }),
      ).rejects.toThrow();
    });
  });

  describe("event sink", () => {
    it("stores query and feedback lines with their workspace, and nothing else", async () => {
      const { logger } = captureLogger();
      const sink = createEventSink(pool, logger);
      const line = (fields: Record<string, unknown>) =>
        JSON.stringify({ level: "info", time: "2026-01-02T03:04:05.000Z", ...fields });
      sink.offer(
        line({ event: "query", query: "what is velocity", answered: true, team_id: "T1" }),
      );
      sink.offer(
        line({
          event: "feedback",
          helpful: false,
          sectionId: "a#b",
          team_id: "T2",
          enterprise_id: "E1",
        }),
      );
      sink.offer(line({ event: "started", team_id: "T1" }));
      sink.offer("not json");
      await sink.drain();
      const rows = await pool.query(
        "SELECT kind, team_id, enterprise_id, record->>'query' AS query FROM bot_events ORDER BY id",
      );
      expect(rows.rows).toEqual([
        { kind: "query", team_id: "T1", enterprise_id: null, query: "what is velocity" },
        { kind: "feedback", team_id: "T2", enterprise_id: "E1", query: null },
      ]);
    });

    it("logs a failed write once and keeps going", async () => {
      const { logger, events } = captureLogger();
      const closed = new pg.Pool({ connectionString: database.url });
      await closed.end();
      const sink = createEventSink(closed, logger);
      sink.offer(JSON.stringify({ event: "query", query: "a", answered: true }));
      sink.offer(JSON.stringify({ event: "query", query: "b", answered: true }));
      await sink.drain();
      await waitFor(() => events("event_store_failed").length === 1, "one failure line");
    });
  });
});
