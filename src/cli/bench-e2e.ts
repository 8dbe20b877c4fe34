/**
 * End-to-end latency of the real bot: slash commands sent through the local Slack over real
 * sockets, in Socket Mode and HTTP mode. Measures how fast Slack gets its ack (Socket Mode:
 * envelope sent → ack received; HTTP: request sent → response) and how fast the asker gets
 * the answer (sent → the response URL post recorded).
 *
 * `npx tsx src/cli/bench-e2e.ts [--count N] [--content DIR]` runs it alone; `npm run bench` includes it.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type BotMode,
  DEFAULT_CONTENT_DIR,
  loadStaticKnowledge,
  startLocalBot,
} from "../dev/local-bot.js";
import { startLocalSlack } from "../dev/local-slack/index.js";
import type { KnowledgeSource } from "../knowledge/types.js";
import { percentile } from "./bench-run.js";
import { runIfMain } from "./run-main.js";

/** One line of the benchmark table. */
export interface Row {
  /** e.g. `e2e ack (socket)`. */
  name: string;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The p95 the bot should stay under. */
  targetP95Ms: number;
  withinTarget: boolean;
}

export interface EndToEndOptions {
  /** Slash commands measured per mode (default 200). */
  count?: number;
  /** Unmeasured commands first, so JIT and connection warm-up do not count (default 20). */
  warmup?: number;
  modes?: readonly BotMode[];
  contentDir?: string;
  knowledge?: KnowledgeSource;
  /** Per-command limit for the answer to arrive. */
  answerTimeoutMs?: number;
}

export const ACK_TARGET_P95_MS = 50;
export const ANSWER_TARGET_P95_MS = 100;

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function summarise(name: string, samples: number[], targetP95Ms: number): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  return {
    name,
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(p95),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    targetP95Ms,
    withinTarget: p95 < targetP95Ms,
  };
}

/**
 * Questions people ask: the sample questions authors attached to sections, then headings,
 * repeated as needed. Deterministic, so runs compare.
 */
function questionsFrom(knowledge: KnowledgeSource, count: number): string[] {
  const { sections } = knowledge.current().base;
  const pool = [
    ...sections.flatMap((section) => section.questions),
    ...sections.map((section) => section.heading),
  ].filter((q) => q.trim().length > 0);
  if (pool.length === 0) throw new Error("the knowledge base has no headings to ask about");
  return Array.from({ length: count }, (_, i) => pool[i % pool.length] ?? "");
}

async function measureMode(
  mode: BotMode,
  knowledge: KnowledgeSource,
  questions: readonly string[],
  warmup: number,
  answerTimeoutMs: number,
): Promise<Row[]> {
  const slack = await startLocalSlack();
  const local = await startLocalBot({
    slack,
    mode,
    knowledge,
    logDestination: { write: () => undefined },
    logLevel: "info",
  });
  const acks: number[] = [];
  const answers: number[] = [];
  try {
    for (const [i, question] of questions.entries()) {
      const delivery = await slack.sendSlashCommand({ text: question });
      if (delivery.ack.status !== 200) {
        throw new Error(`the bot answered HTTP ${delivery.ack.status} to /dm ${question}`);
      }
      const answer = await slack.waitFor(
        (call) => call.method === "response_url" && call.origin?.deliveryId === delivery.id,
        answerTimeoutMs,
      );
      if (i >= warmup) {
        acks.push(delivery.ack.ms);
        answers.push(answer.at - delivery.ack.sentAt);
      }
      // Keep the recorder small: what was measured is no longer needed.
      slack.reset();
    }
  } finally {
    await local.stop();
    await slack.close();
  }
  return [
    summarise(`e2e ack (${mode})`, acks, ACK_TARGET_P95_MS),
    summarise(`e2e answer (${mode})`, answers, ANSWER_TARGET_P95_MS),
  ];
}

/** p50/p95 ack time and time to answer over `count` slash commands, per mode. */
export async function measureEndToEnd(options: EndToEndOptions = {}): Promise<Row[]> {
  const count = options.count ?? 200;
  const warmup = options.warmup ?? 20;
  const modes = options.modes ?? (["socket", "http"] as const);
  const knowledge =
    options.knowledge ?? (await loadStaticKnowledge(options.contentDir ?? DEFAULT_CONTENT_DIR));
  const questions = questionsFrom(knowledge, warmup + count);
  const rows: Row[] = [];
  for (const mode of modes) {
    rows.push(
      ...(await measureMode(mode, knowledge, questions, warmup, options.answerTimeoutMs ?? 5000)),
    );
  }
  return rows;
}

/** The rows as an aligned text table. */
export function formatRows(rows: readonly Row[]): string {
  const header = ["measure", "n", "p50 ms", "p95 ms", "max ms", "p95 target", ""];
  const body = rows.map((row) => [
    row.name,
    String(row.samples),
    row.p50Ms.toFixed(2),
    row.p95Ms.toFixed(2),
    row.maxMs.toFixed(2),
    `< ${row.targetP95Ms}`,
    row.withinTarget ? "ok" : "SLOW",
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)),
  );
  return [header, ...body]
    .map((cells) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      count: { type: "string" },
      content: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const count = values.count === undefined ? 200 : Number(values.count);
  if (!Number.isInteger(count) || count <= 0) {
    process.stderr.write(`--count must be a positive integer (got ${values.count})\n`);
    return 2;
  }
  const rows = await measureEndToEnd({
    count,
    ...(values.content ? { contentDir: resolve(values.content) } : {}),
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatRows(rows)}\n`,
  );
  return 0;
}

runIfMain(import.meta.url, "bench-e2e", () => main(process.argv.slice(2)));
