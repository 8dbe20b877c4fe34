import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main } from "../../src/cli/gaps.js";
import { createEventSink } from "../../src/state/event-sink.js";
import { migrate } from "../../src/state/migrations.js";
import { captureLogger } from "../helpers.js";
import { createTestDatabase, describeWithServices } from "../state/services.js";

async function run(argv: string[], env: Record<string, string | undefined>) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    now: () => Date.UTC(2026, 0, 10),
    env,
  });
  return { code, out, err };
}

it("gaps --database without DATABASE_URL says what it needs", async () => {
  expect(await run(["--database"], {})).toMatchObject({
    code: 1,
    err: expect.stringContaining("DATABASE_URL"),
  });
  expect((await run(["--database", "bot.log"], {})).code).toBe(2);
});

describeWithServices("gaps --database", ["postgres"], () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url });
    await migrate(pool);
    const sink = createEventSink(pool, captureLogger().logger);
    const line = (fields: Record<string, unknown>) =>
      JSON.stringify({ level: 30, time: "2026-01-05T10:00:00.000Z", ...fields });
    for (const [team, query] of [
      ["T0AAA", "where is the wifi password"],
      ["T0AAA", "where is the wifi password"],
      ["T0BBB", "how do I book a room"],
    ] as const) {
      sink.offer(line({ event: "query", query, answered: false, tier: "none", team_id: team }));
    }
    sink.offer(
      line({
        event: "query",
        query: "old",
        answered: false,
        team_id: "T0BBB",
        time: "2025-01-01T00:00:00.000Z",
      }),
    );
    // Requests to experts: T0AAA has one waiting and one answered, T0BBB one resolved.
    for (const [team, id, status, query] of [
      ["T0AAA", "e-wait", "open", "who approves leave"],
      ["T0AAA", "e-done", "open", "what is the expense limit"],
      ["T0AAA", "e-done", "answered", "what is the expense limit"],
      ["T0BBB", "e-closed", "open", "who runs the retro"],
      ["T0BBB", "e-closed", "resolved", "who runs the retro"],
    ] as const) {
      sink.offer(line({ event: "escalation", id, status, query, team_id: team }));
    }
    await sink.drain();
    await pool.end();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("reports each workspace on its own", async () => {
    const { code, out } = await run(["--database", "--json"], { DATABASE_URL: database.url });
    expect(code).toBe(0);
    const { workspaces } = JSON.parse(out.trim());
    expect(Object.keys(workspaces).sort()).toEqual(["T0AAA", "T0BBB"]);
    expect(JSON.stringify(workspaces.T0AAA)).toContain("wifi");
    expect(JSON.stringify(workspaces.T0AAA)).not.toContain("room");
    expect(JSON.stringify(workspaces.T0BBB)).toContain("room");
    expect(JSON.stringify(workspaces.T0BBB)).toContain('"old"');

    const markdown = await run(["--database"], { DATABASE_URL: database.url });
    expect(markdown.out).toContain("# Workspace T0AAA");
    expect(markdown.out).toContain("# Workspace T0BBB");
  });

  it("reports each workspace's requests to experts: waiting, answered and resolved", async () => {
    const { out } = await run(["--database", "--json"], { DATABASE_URL: database.url });
    const { workspaces } = JSON.parse(out.trim());
    const ids = (items: { id: string }[]) => items.map((item) => item.id);
    expect(ids(workspaces.T0AAA.escalations.open)).toEqual(["e-wait"]);
    expect(ids(workspaces.T0AAA.escalations.answered)).toEqual(["e-done"]);
    expect(workspaces.T0AAA.escalations.resolved).toBe(0);
    expect(workspaces.T0BBB.escalations).toEqual({ open: [], answered: [], resolved: 1 });

    const markdown = await run(["--database"], { DATABASE_URL: database.url });
    const [, aaa = "", bbb = ""] = markdown.out.split(/^# Workspace /m);
    expect(aaa).toContain("who approves leave");
    expect(bbb).not.toContain("who approves leave");
  });

  it("says so when the bot never ran against the database", async () => {
    const empty = await createTestDatabase();
    try {
      expect(await run(["--database"], { DATABASE_URL: empty.url })).toMatchObject({
        code: 1,
        err: expect.stringContaining("creates its tables when it first starts"),
      });
    } finally {
      await empty.drop();
    }
  });

  it("honours --since", async () => {
    const { out } = await run(["--database", "--json", "--since", "30d"], {
      DATABASE_URL: database.url,
    });
    expect(JSON.stringify(JSON.parse(out.trim()).workspaces.T0BBB)).not.toContain('"old"');
  });
});
