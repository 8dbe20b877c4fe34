/**
 * `npm run bench -- [--handbook DIR] [--content DIR] [--rounds N] [--no-e2e] [--json]`
 *
 * Index build time, query latency (p50/p95/p99) and memory for the knowledge base, the 18F
 * handbook and that handbook replicated ten times, each next to MiniSearch measured in the same
 * run; process start to a ready index for the knowledge base; and the end-to-end Slack round
 * trip (ack and answer time of slash commands through the local Slack, in both modes; skip it
 * with --no-e2e); start → first answer, cold and warm, and a reload's longest event-loop stall
 * (bench-start.ts, on the build). With --json the last line of stdout is
 * `{"corpora": [...], "endToEnd": [...], "start": [...], "reload": [...]}`.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadKnowledgeBase } from "../corpus/load.js";
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

const DEFAULT_HANDBOOK = "../shared/corpora/18f-handbook";
const REPLICAS = 10;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      content: { type: "string", default: "content" },
      handbook: { type: "string" },
      rounds: { type: "string" },
      json: { type: "boolean" },
      "no-e2e": { type: "boolean" },
    },
  });
  const rounds = values.rounds === undefined ? DEFAULT_LATENCY.rounds : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error("--rounds must be a positive integer");
  const latency = { ...DEFAULT_LATENCY, rounds };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows: BenchRow[] = [];

  const contentDir = resolve(values.content);
  const base = await loadKnowledgeBase(contentDir);
  log(`content: ${base.sections.length} sections`);
  const contentRow = benchCorpus("content", base.sections, ROLE_QUESTIONS, latency);
  contentRow.readyMs = await measureReadyMs(contentDir);
  rows.push(contentRow);

  const handbookDir = resolve(values.handbook ?? DEFAULT_HANDBOOK);
  if (existsSync(handbookDir)) {
    const handbook = await loadKnowledgeBase(handbookDir);
    log(`18f-handbook: ${handbook.sections.length} sections`);
    rows.push(benchCorpus("18f-handbook", handbook.sections, HANDBOOK_QUESTIONS, latency));
    const replicated = replicateSections(handbook.sections, REPLICAS);
    log(`18f-handbook x${REPLICAS}: ${replicated.length} sections`);
    rows.push(benchCorpus(`18f-handbook x${REPLICAS}`, replicated, HANDBOOK_QUESTIONS, latency));
  } else {
    const note = `skipped: ${handbookDir} not found (pass --handbook DIR)`;
    rows.push({ name: "18f-handbook", note }, { name: `18f-handbook x${REPLICAS}`, note });
  }

  process.stdout.write(`${formatBenchTable(rows)}\n`);

  let endToEnd: EndToEndRow[] = [];
  if (!values["no-e2e"]) {
    log("end to end: 200 slash commands per mode through the local Slack");
    endToEnd = await measureEndToEnd({ contentDir });
    process.stdout.write(`\n${formatRows(endToEnd)}\n`);
  }
  log("start and reload: fresh processes running the build (npm run build)");
  const startup = await measureStartAndReload({
    contentDir,
    handbookDir: existsSync(handbookDir) ? handbookDir : undefined,
    workDir: resolve(".bench"),
    log,
  });
  process.stdout.write(`\n${formatStartTable(startup.start, startup.reload)}\n`);
  if (values.json) process.stdout.write(`${benchJson(rows, endToEnd, startup)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
