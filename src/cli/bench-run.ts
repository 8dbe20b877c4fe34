import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Section } from "../corpus/types.js";
import { createSearchIndex } from "../search/index.js";
import { createMiniSearch } from "./eval-baselines.js";

/**
 * Measurement for `npm run bench`: index build time, per-query latency percentiles and memory,
 * for the bot's index and MiniSearch side by side in the same process and run.
 */

/** One line of the bench table. Rows of other kinds (e.g. end-to-end Slack) fill what applies. */
export interface BenchRow {
  name: string;
  sections?: number;
  buildMs?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  rssMb?: number;
  /** Process start to a ready index (median of several runs). */
  readyMs?: number;
  peers?: Record<string, PeerTiming>;
  /** Why a row is missing or what it measured differently. */
  note?: string;
}

export interface PeerTiming {
  buildMs: number;
  p50Ms: number;
  p95Ms: number;
}

export interface LatencyOptions {
  /** Full passes over the questions before measuring (JIT warm-up). */
  warmupRounds: number;
  /** Measured passes over the questions. */
  rounds: number;
}

export const DEFAULT_LATENCY: LatencyOptions = { warmupRounds: 1, rounds: 5 };

/** Copies of the sections under `copy-N/` paths, with distinct ids and reading order. */
export function replicateSections(sections: readonly Section[], copies: number): Section[] {
  const maxOrder = sections.reduce((max, section) => Math.max(max, section.order), 0) + 1;
  const replicated: Section[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const prefix = `copy-${copy}/`;
    const documents = new Map<string, Section["document"]>();
    for (const section of sections) {
      let document = documents.get(section.document.path);
      if (document === undefined) {
        document = { ...section.document, path: prefix + section.document.path };
        documents.set(section.document.path, document);
      }
      replicated.push({
        ...section,
        id: prefix + section.id,
        document,
        order: copy * maxOrder + section.order,
      });
    }
  }
  return replicated;
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export function measureLatency(
  search: (query: string) => unknown,
  queries: readonly string[],
  options: LatencyOptions = DEFAULT_LATENCY,
): Latency {
  for (let round = 0; round < options.warmupRounds; round++) {
    for (const query of queries) search(query);
  }
  const samples: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const query of queries) {
      const start = performance.now();
      search(query);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    p50Ms: percentile(samples, 0.5),
    p95Ms: percentile(samples, 0.95),
    p99Ms: percentile(samples, 0.99),
  };
}

function timed<T>(build: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = build();
  return { value, ms: performance.now() - start };
}

const megabytes = (bytes: number) => bytes / (1024 * 1024);

/** Measures the bot's index, then MiniSearch, over the same sections and questions. */
export function benchCorpus(
  name: string,
  sections: readonly Section[],
  queries: readonly string[],
  options: LatencyOptions = DEFAULT_LATENCY,
): BenchRow {
  const built = timed(() => createSearchIndex(sections));
  const rssMb = megabytes(process.memoryUsage().rss);
  const latency = measureLatency((query) => built.value.search(query), queries, options);

  const mini = timed(() => createMiniSearch(sections));
  const miniLatency = measureLatency(
    (query) => mini.value.search(query).slice(0, 5),
    queries,
    options,
  );
  return {
    name,
    sections: sections.length,
    buildMs: built.ms,
    ...latency,
    rssMb,
    peers: { minisearch: { buildMs: mini.ms, p50Ms: miniLatency.p50Ms, p95Ms: miniLatency.p95Ms } },
  };
}

const execFileAsync = promisify(execFile);

/**
 * The Node options `npm start` gives the bot (its script is `exec node [options] dist/main.js`),
 * so the bench's fresh processes run as the bot runs: `--v8-pool-size` changes how fast the parse
 * threads go on a small machine.
 */
export function startNodeOptions(
  manifest = fileURLToPath(new URL("../../package.json", import.meta.url)),
): string[] {
  const { scripts } = JSON.parse(readFileSync(manifest, "utf8")) as {
    scripts?: Record<string, string>;
  };
  const words = (scripts?.start ?? "").split(/\s+/).filter(Boolean);
  const node = words.indexOf("node");
  if (node < 0) throw new Error(`${manifest}: the start script does not run node`);
  return words.slice(node + 1).filter((word) => word.startsWith("--"));
}

const READY_SCRIPT = fileURLToPath(new URL("../../dist/cli/bench-ready.js", import.meta.url));

/**
 * Median time from process start to a ready index: a fresh Node process running the build (as
 * `npm start` does) loads the content through a warm parse cache and builds the index.
 */
export async function measureReadyMs(contentDir: string, runs = 5): Promise<number> {
  const times: number[] = [];
  const cacheDir = await mkdtemp(join(tmpdir(), "handbook-bench-ready-"));
  for (let run = 0; run < runs; run++) {
    const { stdout } = await execFileAsync(process.execPath, [
      ...startNodeOptions(),
      READY_SCRIPT,
      contentDir,
      cacheDir,
    ]);
    const lastLine = stdout.trim().split("\n").at(-1) ?? "";
    const { readyMs } = JSON.parse(lastLine) as { readyMs: number };
    times.push(readyMs);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 0.5);
}

const number = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);

interface Column {
  title: string;
  value: (row: BenchRow) => string;
}

const COLUMNS: readonly Column[] = [
  { title: "corpus", value: (row) => row.name },
  { title: "sections", value: (row) => (row.sections === undefined ? "–" : String(row.sections)) },
  { title: "build ms", value: (row) => number(row.buildMs, 0) },
  { title: "p50 ms", value: (row) => number(row.p50Ms, 2) },
  { title: "p95 ms", value: (row) => number(row.p95Ms, 2) },
  { title: "p99 ms", value: (row) => number(row.p99Ms, 2) },
  { title: "rss MB", value: (row) => number(row.rssMb, 0) },
  { title: "ready ms", value: (row) => number(row.readyMs, 0) },
  {
    title: "minisearch build/p50/p95 ms",
    value: (row) => {
      const peer = row.peers?.minisearch;
      return peer === undefined
        ? "–"
        : `${number(peer.buildMs, 0)} / ${number(peer.p50Ms, 2)} / ${number(peer.p95Ms, 2)}`;
    },
  },
  {
    title: "minisearch p95 ÷ ours",
    value: (row) => {
      const peer = row.peers?.minisearch;
      if (peer === undefined || row.p95Ms === undefined) return "–";
      return `${number(peer.p95Ms / row.p95Ms, 1)}×`;
    },
  },
];

/** The bench table as aligned text; rows may come from any kind of measurement. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const cells = [
    COLUMNS.map((c) => c.title),
    ...rows.map((row) => COLUMNS.map((c) => c.value(row))),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? "").length)));
  const lines = cells.map((line) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) if (row.note) lines.push(`${row.name}: ${row.note}`);
  return lines.join("\n");
}

/**
 * The `--json` summary line; end-to-end rows, when measured, ride along under their own key, and
 * so do further measurements (`start`, `reload`).
 */
export function benchJson(
  rows: readonly BenchRow[],
  endToEnd: readonly object[] = [],
  more: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    corpora: rows,
    ...(endToEnd.length > 0 && { endToEnd }),
    ...more,
  });
}
