import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/gaps.js";

const fixture = fileURLToPath(new URL("../fixtures/gaps-basic/bot.log", import.meta.url));
// The fixture's last event is at 2025-03-12T09:11:00Z.
const NOW = Date.UTC(2025, 2, 12, 10, 0);

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    now: () => NOW,
  });
  return { code, out, err };
}

function lastLineJson(out: string) {
  const lines = out.trimEnd().split("\n");
  return JSON.parse(lines.at(-1) ?? "");
}

let dir: string;
let gzFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gaps-cli-"));
  gzFile = join(dir, "bot.log.1.gz");
  // A rotated day of logs: one more unanswered room question and a helpful vote.
  const rotated = [
    // Exactly as the bot's logger writes it: level label, ISO time, null closest section.
    '{"level":"info","time":"2025-03-11T09:00:00.000Z","pid":7,"hostname":"bot","component":"slack","event":"query","surface":"dm","user":"U09","query":"Can I book meeting rooms?","answered":false,"topScore":null,"sectionId":null,"ms":0.2,"msg":"question answered"}',
    "not json",
    '{"level":30,"time":1741683660000,"event":"feedback","sectionId":"responsibilities.md#ceremonies","query":"retro","helpful":true,"user":"U10"}',
  ].join("\n");
  await writeFile(gzFile, gzipSync(`${rotated}\n`));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run gaps", () => {
  it("prints a markdown report from a log with mixed JSON and non-JSON lines", async () => {
    const { code, out, err } = await run([fixture]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^# Knowledge gaps report\n/);
    expect(out).toContain(
      "_Period: 2025-03-12 09:01 UTC → 2025-03-12 09:11 UTC · from 1 log file_",
    );
    expect(out).toContain("**Answer rate: 44%** — 4 of 9 questions answered, 5 unanswered");
    expect(out).toContain(
      "1. **book room** — 3 questions\n   - `How do I book a room?` ×2\n   - `booking rooms`",
    );
    // Labelled with the commonest spelling of each term: "Expense" and "expenses" tie.
    expect(out).toContain("2. **expense policy travel** — 2 questions");
    expect(out).toContain("1. `responsibilities.md#ceremonies` — 1 not helpful, 0 helpful");
    expect(out).toContain("1. `overview.md#what-is-a-delivery-manager` — 3 questions (75%)");
  });

  it("gives the same data as one JSON object on the last line with --json", async () => {
    const { code, out } = await run([fixture, "--json"]);
    expect(code).toBe(0);
    const data = lastLineJson(out);
    expect(data.queries).toEqual({ total: 9, answered: 4, unanswered: 5, answerRate: 4 / 9 });
    expect(data.unanswered[0]).toEqual({
      terms: ["book", "room"],
      words: ["book", "room"],
      count: 3,
      examples: [
        { query: "How do I book a room?", count: 2 },
        { query: "booking rooms", count: 1 },
      ],
    });
    expect(data.unhelpful).toEqual([
      {
        sectionId: "responsibilities.md#ceremonies",
        unhelpful: 1,
        helpful: 0,
        examples: [{ query: "who runs the retro?", count: 1 }],
      },
    ]);
    expect(data.mostAsked[0]).toEqual({
      sectionId: "overview.md#what-is-a-delivery-manager",
      count: 3,
      share: 0.75,
    });
    // 17 non-empty lines, of which 11 are query or feedback events.
    expect(data.input).toEqual({ files: [fixture], lines: 17, skipped: 6 });
  });

  it("reads .gz logs alongside plain ones", async () => {
    const { code, out } = await run([gzFile, fixture, "--json"]);
    expect(code).toBe(0);
    const data = lastLineJson(out);
    expect(data.queries.total).toBe(10);
    // "Can I book meeting rooms?" shares terms with the room questions but adds one.
    expect(
      data.unanswered.map((g: { words: string[]; count: number }) => [g.words.join(" "), g.count]),
    ).toEqual([
      ["book room", 3],
      ["expense policy travel", 2],
      ["book meeting rooms", 1],
    ]);
    expect(data.unhelpful[0]).toMatchObject({ unhelpful: 1, helpful: 1 });
    expect(data.range.from).toBe("2025-03-11T09:00:00.000Z");
  });

  it("filters by --since relative to now", async () => {
    // 54 minutes before NOW is 09:06: only the last four queries of the fixture remain.
    const { code, out } = await run([gzFile, fixture, "--since", "54m", "--json"]);
    expect(code).toBe(0);
    const data = lastLineJson(out);
    expect(data.since).toBe("2025-03-12T09:06:00.000Z");
    expect(data.queries).toMatchObject({ total: 4, answered: 2 });
    expect(data.range.from).toBe("2025-03-12T09:06:00.000Z");

    const day = lastLineJson((await run([gzFile, fixture, "--since=24h", "--json"])).out);
    expect(day.queries.total).toBe(9);
    const iso = lastLineJson((await run([gzFile, fixture, "--since", "2025-03-11", "--json"])).out);
    expect(iso.queries.total).toBe(10);
  });

  it("rejects a bad --since", async () => {
    const { code, out, err } = await run([fixture, "--since", "last week"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain('got "last week"');
  });

  it("prints usage and fails without files", async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("Usage: npm run gaps -- <log files…>");
  });

  it("fails naming each missing file and prints no report", async () => {
    const missing = join(dir, "nope.log");
    const { code, out, err } = await run([fixture, missing, "--json"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`cannot read log file ${missing}`);
  });

  it("rejects an unknown option, and prints help on request", async () => {
    const unknown = await run([fixture, "--sinse", "7d"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("--sinse");
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Usage: npm run gaps");
  });

  it("fails naming a corrupt .gz file", async () => {
    const corrupt = join(dir, "corrupt.log.gz");
    await writeFile(corrupt, "this is not gzip data\n");
    const { code, out, err } = await run([corrupt]);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain(`cannot read log file ${corrupt}`);
  });

  it("leaves the fixture untouched", async () => {
    expect(await readFile(fixture, "utf8")).toContain("not json at all");
  });
});
