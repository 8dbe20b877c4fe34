/**
 * `npm run bench -- [--content DIR]… [--rounds N] [--no-e2e] [--json]` (usage: bench-args.ts)
 *
 * Index build time, query latency (p50/p95/p99) and memory for the knowledge base, the 18F
 * handbook (or any other folders given) and the largest of those replicated ten times, each next
 * to MiniSearch measured in the same run; process start to a ready index for the knowledge base; and the end-to-end Slack round
 * trip (ack and answer time of slash commands through the local Slack, in both modes; skip it
 * with --no-e2e); start → first answer, cold and warm, and a reload's longest event-loop stall
 * (bench-start.ts, on the build). With --json the last line of stdout is
 * `{"corpora": [...], "endToEnd": [...], "start": [...], "reload": [...]}`.
 */
import path from "node:path";
import { loadKnowledgeBase } from "../corpus/load.js";
import type { Section } from "../corpus/types.js";
import { BENCH_USAGE, type BenchArgs, parseBenchArgs } from "./bench-args.js";
import { type Row as EndToEndRow, formatRows, measureEndToEnd } from "./bench-e2e.js";
import { HANDBOOK_QUESTIONS, ROLE_QUESTIONS } from "./bench-queries.js";
import {
  type BenchRow,
  benchCorpus,
  benchJson,
  DEFAULT_LATENCY,
  formatBenchTable,
  measureReadyMs,
  replicateSections,
} from "./bench-run.js";
import { formatStartTable, measureStartAndReload } from "./bench-start.js";
import { EXIT_OK, EXIT_USAGE, isUsageError, usageMessage } from "./cli-common.js";
import { runIfMain } from "./run-main.js";

const REPLICAS = 10;

export interface BenchIo {
  out(text: string): void;
  err(text: string): void;
  cwd(): string;
}

export async function main(argv: readonly string[], io: BenchIo = processIo()): Promise<number> {
  let args: BenchArgs;
  try {
    args = await parseBenchArgs(argv, io.cwd());
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.err(usageMessage("bench", error, BENCH_USAGE));
    return EXIT_USAGE;
  }
  if (args.help) {
    io.out(BENCH_USAGE);
    return EXIT_OK;
  }
  for (const warning of args.warnings) io.err(`${warning}\n`);
  await measure(args, io);
  return EXIT_OK;
}

async function measure(args: BenchArgs, io: BenchIo): Promise<void> {
  const latency = { ...DEFAULT_LATENCY, rounds: args.rounds };
  const log = (line: string) => io.err(`${line}\n`);
  const rows: BenchRow[] = [];

  const contentDir = args.content.dir;
  const base = await loadKnowledgeBase(contentDir);
  log(`${args.content.label}: ${base.sections.length} sections`);
  const contentRow = benchCorpus(args.content.label, base.sections, ROLE_QUESTIONS, latency);
  contentRow.readyMs = await measureReadyMs(contentDir);
  rows.push(contentRow);

  let largest: { label: string; dir: string; sections: Section[] } | undefined;
  for (const folder of args.others) {
    const handbook = await loadKnowledgeBase(folder.dir);
    log(`${folder.label}: ${handbook.sections.length} sections`);
    rows.push(benchCorpus(folder.label, handbook.sections, HANDBOOK_QUESTIONS, latency));
    if (!largest || handbook.sections.length > largest.sections.length) {
      largest = { label: folder.label, dir: folder.dir, sections: handbook.sections };
    }
  }
  if (largest) {
    const replicated = replicateSections(largest.sections, REPLICAS);
    log(`${largest.label} x${REPLICAS}: ${replicated.length} sections`);
    rows.push(
      benchCorpus(`${largest.label} x${REPLICAS}`, replicated, HANDBOOK_QUESTIONS, latency),
    );
  } else if (args.missingDefault !== undefined) {
    const name = path.basename(args.missingDefault);
    const note = `skipped: ${args.missingDefault} not found (pass --content DIR)`;
    rows.push({ name, note }, { name: `${name} x${REPLICAS}`, note });
  }

  io.out(`${formatBenchTable(rows)}\n`);

  let endToEnd: EndToEndRow[] = [];
  if (args.e2e) {
    log("end to end: 200 slash commands per mode through the local Slack");
    endToEnd = await measureEndToEnd({ contentDir });
    io.out(`\n${formatRows(endToEnd)}\n`);
  }
  log("start and reload: fresh processes running the build (npm run build)");
  // The start and reload figures use the largest other folder (the 18F handbook by default).
  const startup = await measureStartAndReload({
    contentDir,
    contentLabel: args.content.label,
    ...(largest !== undefined && {
      handbookDir: largest.dir,
      handbookLabel: largest.label,
    }),
    workDir: path.resolve(io.cwd(), ".bench"),
    log,
  });
  io.out(`\n${formatStartTable(startup.start, startup.reload)}\n`);
  if (args.json) io.out(`${benchJson(rows, endToEnd, startup)}\n`);
}

function processIo(): BenchIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: () => process.cwd(),
  };
}

runIfMain(import.meta.url, "bench", () => main(process.argv.slice(2)));
