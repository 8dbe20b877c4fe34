import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  benchCorpus,
  benchJson,
  formatBenchTable,
  percentile,
  replicateSections,
  startNodeOptions,
} from "../../src/cli/bench-run.js";
import { formatStartTable } from "../../src/cli/bench-start.js";
import { loadKnowledgeBase } from "../../src/corpus/load.js";

describe("bench", () => {
  it("replicates sections with distinct ids, paths and reading order", async () => {
    const { sections } = await loadKnowledgeBase("test/fixtures/search-handbook");
    const copies = replicateSections(sections, 3);
    expect(copies).toHaveLength(sections.length * 3);
    expect(new Set(copies.map((s) => s.id)).size).toBe(copies.length);
    expect(new Set(copies.map((s) => s.order)).size).toBe(copies.length);
    expect(copies[sections.length]?.document.path).toBe(`copy-1/${sections[0]?.document.path}`);
  });

  it("starts its processes with the Node options npm start gives the bot", () => {
    const start = JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string;
    const options = startNodeOptions();
    expect(options.length).toBeGreaterThan(0);
    expect(start).toBe(`exec node ${options.join(" ")} dist/main.js`);
    const manifest = join(mkdtempSync(join(tmpdir(), "bench-options-")), "package.json");
    writeFileSync(manifest, JSON.stringify({ scripts: { start: "tsx src/main.ts" } }));
    expect(() => startNodeOptions(manifest)).toThrow(/does not run node/);
  });

  it("takes nearest-rank percentiles", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 0.5)).toBe(5);
    expect(percentile(sorted, 0.95)).toBe(10);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("reports a row per corpus in the agreed JSON shape, and prints every row", async () => {
    const { sections } = await loadKnowledgeBase("test/fixtures/search-handbook");
    const row = benchCorpus("fixture", sections, ["sick leave", "phising email", "lunch"], {
      warmupRounds: 1,
      rounds: 2,
    });
    const parsed = JSON.parse(benchJson([row, { name: "slack e2e", p50Ms: 12, note: "later" }]));
    expect(parsed.corpora[0]).toEqual({
      name: "fixture",
      sections: sections.length,
      buildMs: expect.any(Number),
      p50Ms: expect.any(Number),
      p95Ms: expect.any(Number),
      p99Ms: expect.any(Number),
      rssMb: expect.any(Number),
      peers: {
        minisearch: {
          buildMs: expect.any(Number),
          p50Ms: expect.any(Number),
          p95Ms: expect.any(Number),
        },
      },
    });
    const table = formatBenchTable([row, { name: "slack e2e", p50Ms: 12, note: "later" }]);
    expect(table).toMatch(/^corpus\s+sections/);
    expect(table).toMatch(new RegExp(`\\nfixture\\s+${sections.length}\\s`));
    expect(table).toMatch(/\nslack e2e\s+–/);
    expect(table).toContain("slack e2e: later");
  });

  it("carries end-to-end rows under their own key only when they were measured", () => {
    const e2e = { name: "e2e ack (socket)", samples: 3, p50Ms: 1, p95Ms: 2 };
    expect(JSON.parse(benchJson([{ name: "content" }], [e2e]))).toEqual({
      corpora: [{ name: "content" }],
      endToEnd: [e2e],
    });
    expect(JSON.parse(benchJson([{ name: "content" }]))).toEqual({
      corpora: [{ name: "content" }],
    });
  });

  it("ends its JSON line with the reload rows in the agreed shape, after start rows", () => {
    const reload = [
      {
        name: "18f-handbook x10",
        sections: 20860,
        reloadMs: 900,
        maxEventLoopStallMs: 21,
        rssMb: 300,
      },
    ];
    const line = JSON.parse(benchJson([{ name: "content" }], [], { start: [], reload }));
    expect(line.reload).toEqual(reload);
    expect(Object.keys(line)).toEqual(["corpora", "start", "reload"]);
  });
});

describe("start table", () => {
  it("shows each corpus's start times as ratios to content/, and the reload's stall", () => {
    const row = (name: string, coldMs: number, warmMs: number) => ({
      name,
      sections: 1,
      files: 1,
      megabytes: 1,
      coldMs,
      warmMs,
      warmBootMs: 100,
      warmScanMs: 50,
      warmIndexMs: 50,
      parseMBps: 1.5,
      rssMb: 90,
    });
    const table = formatStartTable(
      [row("content", 500, 400), row("18f-handbook x4", 2500, 1000)],
      [
        {
          name: "18f-handbook x10",
          sections: 9,
          reloadMs: 800,
          maxEventLoopStallMs: 20.5,
          idleMaxEventLoopStallMs: 3.5,
          rssMb: 2,
        },
      ],
    );
    expect(table).toContain("18f-handbook x4 | 1 | 1 | 1.0 | 2500 (5.0×) | 1000 (2.5×)");
    expect(table).toContain("longest event-loop stall 20.5 ms (3.5 ms with no reload)");
  });
});
