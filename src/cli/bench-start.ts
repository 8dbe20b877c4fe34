/**
 * Start-up and reload measurements for `npm run bench`, each in a fresh Node process running
 * the compiled build (`npm run build` first), as `npm start` runs the bot:
 * - start → first answer, cold (an empty cache: every file parsed, in worker threads, and the
 *   index built) and warm (the cache the cold runs filled: every file's parse, and the index
 *   snapshot each run writes when it closes), with parse throughput and RSS;
 * - a one-file change reloaded at ×10 of the 18F handbook, with the longest event-loop stall.
 * Replicated corpora are real files: copies of the handbook under `copy-N/` in `.bench/`.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { listDocumentFiles } from "../corpus/load.js";
import { percentile, startNodeOptions } from "./bench-run.js";

const execFileAsync = promisify(execFile);
const DIST_CLI = fileURLToPath(new URL("../../dist/cli/", import.meta.url));

export interface StartRow {
  name: string;
  sections: number;
  files: number;
  megabytes: number;
  /** Process start to the first answer, medians. */
  coldMs: number;
  warmMs: number;
  /** Of a warm start: Node and module loading, reading files and cache, building the index. */
  warmBootMs: number;
  warmScanMs: number;
  warmIndexMs: number;
  /** Bytes parsed per second of the cold start's file phase (reading, hashing, parsing). */
  parseMBps: number;
  /** RSS after the first answer, warm start. */
  rssMb: number;
}

export interface ReloadRow {
  name: string;
  sections: number;
  reloadMs: number;
  maxEventLoopStallMs: number;
  /** The same monitor, as long, with no reload: what the machine alone costs. */
  idleMaxEventLoopStallMs: number;
  rssMb: number;
}

interface ReadyLine {
  bootMs: number;
  scanMs: number;
  indexMs: number;
  firstAnswerMs: number;
  sections: number;
  files: number;
  parsed: number;
  parsedBytes: number;
  rssMb: number;
}

function compiled(script: string): string {
  const file = path.join(DIST_CLI, script);
  if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` first`);
  return file;
}

async function runChild<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [...startNodeOptions(), compiled(script), ...args],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as T;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

async function directoryBytes(root: string): Promise<number> {
  let total = 0;
  for (const file of await listDocumentFiles(root))
    total += (await stat(path.join(root, file))).size;
  return total;
}

/** `copies` copies of `source` under `target/copy-N/`, made afresh. */
export async function replicateDirectory(
  source: string,
  target: string,
  copies: number,
): Promise<string> {
  await rm(target, { recursive: true, force: true });
  for (let copy = 0; copy < copies; copy++) {
    await cp(source, path.join(target, `copy-${copy}`), { recursive: true });
  }
  return target;
}

/** Median cold and warm start of `dir`; the warm runs use the last cold run's cache. */
export async function measureStart(
  name: string,
  dir: string,
  cacheRoot: string,
  runs: number,
): Promise<StartRow & { cacheDir: string }> {
  const cold: ReadyLine[] = [];
  let cacheDir = "";
  for (let run = 0; run < runs; run++) {
    cacheDir = await mkdtemp(path.join(cacheRoot, "cache-"));
    cold.push(await runChild<ReadyLine>("bench-ready.js", [dir, cacheDir]));
  }
  const warm: ReadyLine[] = [];
  for (let run = 0; run < runs; run++) {
    warm.push(await runChild<ReadyLine>("bench-ready.js", [dir, cacheDir]));
  }
  const first = warm[0];
  if (first === undefined) throw new Error("no runs");
  return {
    name,
    sections: first.sections,
    files: first.files,
    megabytes: (await directoryBytes(dir)) / (1024 * 1024),
    coldMs: median(cold.map((line) => line.firstAnswerMs)),
    warmMs: median(warm.map((line) => line.firstAnswerMs)),
    warmBootMs: median(warm.map((line) => line.bootMs)),
    warmScanMs: median(warm.map((line) => line.scanMs)),
    warmIndexMs: median(warm.map((line) => line.indexMs)),
    parseMBps: median(cold.map((line) => line.parsedBytes / (1024 * 1024) / (line.scanMs / 1000))),
    rssMb: median(warm.map((line) => line.rssMb)),
    cacheDir,
  };
}

/** Reloads of a one-file change in `dir`, started warm from `cacheDir`. */
export async function measureReload(
  name: string,
  dir: string,
  cacheDir: string,
  rounds = 3,
): Promise<ReloadRow> {
  const [file] = await listDocumentFiles(dir);
  if (file === undefined) throw new Error(`no markdown in ${dir}`);
  const line = await runChild<Omit<ReloadRow, "name">>("bench-reload.js", [
    dir,
    cacheDir,
    file,
    String(rounds),
  ]);
  return {
    name,
    sections: line.sections,
    reloadMs: line.reloadMs,
    maxEventLoopStallMs: line.maxEventLoopStallMs,
    idleMaxEventLoopStallMs: line.idleMaxEventLoopStallMs,
    rssMb: line.rssMb,
  };
}

export interface StartBenchOptions {
  contentDir: string;
  /** The 18F handbook; without it only `content/` is measured. */
  handbookDir?: string;
  /** Row names; each folder's name by default. */
  contentLabel?: string;
  handbookLabel?: string;
  /** Where replicated corpora and caches go (emptied first). */
  workDir: string;
  runs?: number;
  log(line: string): void;
}

/** `content/`, the handbook and the handbook ×4 started cold and warm; a reload at ×10. */
export async function measureStartAndReload(
  options: StartBenchOptions,
): Promise<{ start: StartRow[]; reload: ReloadRow[] }> {
  const { contentDir, handbookDir, workDir, runs = 3, log } = options;
  await rm(workDir, { recursive: true, force: true });
  const cacheRoot = path.join(workDir, "caches");
  await mkdir(cacheRoot, { recursive: true });
  const start: StartRow[] = [];
  const reload: ReloadRow[] = [];
  const strip = ({ cacheDir: _cacheDir, ...row }: StartRow & { cacheDir: string }) => row;

  const contentLabel = options.contentLabel ?? path.basename(path.resolve(contentDir));
  log(`start: ${contentLabel} (${runs} cold, ${runs} warm)`);
  start.push(strip(await measureStart(contentLabel, contentDir, cacheRoot, runs)));
  if (handbookDir === undefined || !existsSync(handbookDir)) return { start, reload };
  // Rows are named after the folder measured, as in the rest of bench's output.
  const label = options.handbookLabel ?? path.basename(path.resolve(handbookDir));

  log(`start: ${label} (${runs} cold, ${runs} warm)`);
  start.push(strip(await measureStart(label, handbookDir, cacheRoot, runs)));
  const x4 = await replicateDirectory(handbookDir, path.join(workDir, "18f-handbook-x4"), 4);
  log(`start: ${label} x4 (${runs} cold, ${runs} warm)`);
  const measured = await measureStart(`${label} x4`, x4, cacheRoot, runs);
  start.push(strip(measured));

  // The ×10 copy shares its first four copies' paths and bytes with ×4: their entries are warm.
  const x10 = await replicateDirectory(handbookDir, path.join(workDir, "18f-handbook-x10"), 10);
  log(`reload: ${label} x10, a one-file change, 3 rounds`);
  reload.push(await measureReload(`${label} x10`, x10, measured.cacheDir));
  // Scratch copies are large; the caches stay for a look.
  for (const entry of await readdir(workDir)) {
    if (entry.startsWith("18f-handbook-x"))
      await rm(path.join(workDir, entry), { recursive: true });
  }
  return { start, reload };
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toFixed(digits) : "–";

/** The start table, with each row's ratio to `content/` (the targets are set as ratios too). */
export function formatStartTable(rows: readonly StartRow[], reload: readonly ReloadRow[]): string {
  const base = rows[0];
  const lines = [
    "corpus | sections | files | MB | cold start→answer ms (÷content) | warm ms (÷content) | warm: boot / files / index ms | parse MB/s | RSS MB",
  ];
  for (const row of rows) {
    const ratio = (value: number, of: number | undefined) =>
      of === undefined || of === 0 ? "" : ` (${(value / of).toFixed(1)}×)`;
    lines.push(
      [
        row.name,
        row.sections,
        row.files,
        number(row.megabytes, 1),
        `${number(row.coldMs)}${ratio(row.coldMs, base?.coldMs)}`,
        `${number(row.warmMs)}${ratio(row.warmMs, base?.warmMs)}`,
        `${number(row.warmBootMs)} / ${number(row.warmScanMs)} / ${number(row.warmIndexMs)}`,
        number(row.parseMBps, 2),
        number(row.rssMb),
      ].join(" | "),
    );
  }
  for (const row of reload) {
    lines.push(
      `reload ${row.name}: ${row.sections} sections, one-file change ${number(row.reloadMs)} ms, longest event-loop stall ${number(row.maxEventLoopStallMs, 1)} ms (${number(row.idleMaxEventLoopStallMs, 1)} ms with no reload), RSS ${number(row.rssMb)} MB`,
    );
  }
  return lines.join("\n");
}
