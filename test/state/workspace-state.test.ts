import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../../src/state/migrations.js";
import { createPostgresEscalations } from "../../src/state/postgres-escalations.js";
import { createPostgresSettings } from "../../src/state/postgres-settings.js";
import { captureLogger } from "../helpers.js";
import { createTestDatabase, describeWithServices } from "./services.js";

describeWithServices("per-workspace state in PostgreSQL", ["postgres"], () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  /** Two pools: two replicas of the bot on the same database. */
  let one: pg.Pool;
  let two: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    one = new pg.Pool({ connectionString: database.url, max: 4 });
    two = new pg.Pool({ connectionString: database.url, max: 4 });
    await migrate(one);
  });
  afterAll(async () => {
    await one?.end();
    await two?.end();
    await database?.drop();
  });

  it("migrates to the newest version, tables included", async () => {
    const versions = await one.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(versions.rows.map((row) => row.version)).toEqual(MIGRATIONS.map((step) => step.version));
    const tables = await one.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.rows.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        "channel_modes",
        "document_owners",
        "escalations",
        "workspace_settings",
      ]),
    );
  });

  describe("settings", () => {
    it("keeps each workspace's channel modes, escalation channel and owners apart, on every replica", async () => {
      const { logger } = captureLogger();
      const here = createPostgresSettings(one, logger);
      const there = createPostgresSettings(two, logger);

      expect(await here.setChannelMode("T0AAA", "C0SHARED", "auto", "U0ADMIN")).toBe(true);
      expect(await there.channelMode("T0AAA", "C0SHARED")).toBe("auto");
      expect(await there.channelMode("T0BBB", "C0SHARED")).toBe("mention");
      expect(await there.setChannelMode("T0AAA", "C0SHARED", "mention", "U0ADMIN")).toBe(true);
      expect(await here.channelMode("T0AAA", "C0SHARED")).toBe("mention");

      expect(await here.escalationChannel("T0AAA")).toBeUndefined();
      expect(await here.setEscalationChannel("T0AAA", "C0EXPERTS", "U0ADMIN")).toBe(true);
      expect(await there.escalationChannel("T0AAA")).toBe("C0EXPERTS");
      expect(await there.escalationChannel("T0BBB")).toBeUndefined();
      expect(await there.setEscalationChannel("T0AAA", undefined, "U0ADMIN")).toBe(true);
      expect(await here.escalationChannel("T0AAA")).toBeUndefined();

      expect(await here.setDocumentOwner("T0AAA", "risks.md", "U0ALICE", "U0ADMIN")).toBe(true);
      expect(await here.setDocumentOwner("T0BBB", "risks.md", "U0BOB", "U0ADMIN")).toBe(true);
      expect(await there.documentOwner("T0AAA", "risks.md")).toBe("U0ALICE");
      expect(await there.documentOwner("T0BBB", "risks.md")).toBe("U0BOB");
      expect(await here.setDocumentOwner("T0AAA", "risks.md", "U0CAROL", "U0ADMIN")).toBe(true);
      expect(await there.documentOwner("T0AAA", "risks.md")).toBe("U0CAROL");
      expect(await here.setDocumentOwner("T0AAA", "retro.md", "U0DAN", "U0ADMIN")).toBe(true);
      // A reply reads a workspace's owners in one query: this workspace's, no other's.
      expect(await there.documentOwners("T0AAA")).toEqual(
        new Map([
          ["risks.md", "U0CAROL"],
          ["retro.md", "U0DAN"],
        ]),
      );
      expect(await there.documentOwners("T0BBB")).toEqual(new Map([["risks.md", "U0BOB"]]));
      expect(await here.setDocumentOwner("T0AAA", "retro.md", undefined, "U0ADMIN")).toBe(true);
      expect(await there.setDocumentOwner("T0AAA", "risks.md", undefined, "U0ADMIN")).toBe(true);
      expect(await here.documentOwner("T0AAA", "risks.md")).toBeUndefined();
      expect(await here.documentOwner("T0BBB", "risks.md")).toBe("U0BOB");
    });

    it("answers with the defaults, and says a change was not saved, when the database is gone", async () => {
      const log = captureLogger();
      const closed = new pg.Pool({ connectionString: database.url });
      await closed.end();
      const settings = createPostgresSettings(closed, log.logger);
      expect(await settings.channelMode("T0AAA", "C0HELP")).toBe("mention");
      expect(await settings.escalationChannel("T0AAA")).toBeUndefined();
      // No owners set from Slack: a reply then names the frontmatter's owner, as with no database.
      expect(await settings.documentOwners("T0AAA")).toEqual(new Map());
      expect(await settings.setChannelMode("T0AAA", "C0HELP", "auto", "U0ADMIN")).toBe(false);
      // Once per outage: channel modes are read for every channel message.
      expect(log.events("settings_unreadable")).toHaveLength(1);
      expect(log.events("settings_unsaved")).toHaveLength(1);
    });
  });

  describe("escalations", () => {
    it("are found by thread on another replica and after a restart, with their workspace", async () => {
      const opened = await createPostgresEscalations(one).open({
        teamId: "T0AAA",
        asker: "U0ASKER",
        question: "who approves leave?",
        sectionId: "people/leave.md#approval",
        origin: { channel: "C0TEAM", threadTs: "1700000000.000100", private: false },
        to: "U0OWNER",
      });
      await createPostgresEscalations(one).posted(opened.id, "D0OWNER", "1700000000.000900");
      // A store built afresh on the other pool: another replica, or this one restarted.
      const restarted = createPostgresEscalations(two);
      expect(await restarted.byThread("D0OWNER", "1700000000.000900")).toEqual({
        ...opened,
        posted: { channel: "D0OWNER", ts: "1700000000.000900" },
      });
      expect(await restarted.byId(opened.id)).toMatchObject({ teamId: "T0AAA", status: "open" });
      expect(await restarted.byThread("D0OWNER", "1700000000.000999")).toBeUndefined();
      expect(await restarted.byId("not-a-uuid")).toBeUndefined();
    });

    it("move on once: of replicas racing on one reply, exactly one passes it on", async () => {
      const escalation = await createPostgresEscalations(one).open({
        asker: "U0ASKER",
        question: "q",
        origin: { channel: "C0TEAM", private: true },
        to: "C0EXPERTS",
      });
      const replicas = [one, two, one, two].map((pool) => createPostgresEscalations(pool));
      const answered = await Promise.all(
        replicas.map((store) => store.advance(escalation.id, "answered")),
      );
      expect(answered.filter(Boolean)).toHaveLength(1);
      const resolved = await Promise.all(
        replicas.map((store) => store.advance(escalation.id, "resolved")),
      );
      expect(resolved.filter(Boolean)).toHaveLength(1);
      // Resolved is final: a late reply does not reopen it as answered.
      expect(await replicas[0]?.advance(escalation.id, "answered")).toBe(false);
      expect((await replicas[1]?.byId(escalation.id))?.status).toBe("resolved");
      // Without a workspace, it is stored under '' and read back without one.
      expect((await replicas[1]?.byId(escalation.id))?.teamId).toBeUndefined();
    });
  });
});
