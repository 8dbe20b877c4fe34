import { readFile } from "node:fs/promises";
import type { Section } from "../corpus/types.js";
import { createSearchIndex, type SearchIndexOptions } from "../search/index.js";
import { createFuseDefaultRanker, createMiniSearchRanker } from "./eval-baselines.js";
import {
  type EvalQuestion,
  type EvalReport,
  evaluate,
  parseQuestionSet,
  type Ranker,
} from "./eval-scoring.js";

/** One evaluation of the index and its baselines, and how `npm run eval` prints it. */

export interface EvalRun {
  report: EvalReport;
  baselines: Record<string, EvalReport>;
}

export function createIndexRanker(
  sections: readonly Section[],
  options: SearchIndexOptions = {},
): Ranker {
  const index = createSearchIndex(sections, options);
  return {
    name: "index",
    rank(query, limit) {
      const { results, decision } = index.search(query, { limit });
      return { results, tier: decision.tier, decision };
    },
  };
}

/** Evaluates the bot's index and both baselines on one set of sections. */
export function runEval(
  questions: readonly EvalQuestion[],
  sections: readonly Section[],
  options: SearchIndexOptions & { baselines?: boolean } = {},
): EvalRun {
  const report = evaluate(questions, createIndexRanker(sections, options));
  const baselines: Record<string, EvalReport> = {};
  if (options.baselines === false) return { report, baselines };
  for (const ranker of [createFuseDefaultRanker(sections), createMiniSearchRanker(sections)]) {
    baselines[ranker.name] = evaluate(questions, ranker);
  }
  return { report, baselines };
}

/** A JSON file's contents; an unreadable or malformed file is reported with its path. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read the file (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** A question set from a JSON file; any problem is reported with the file's path. */
export async function loadQuestionSet(path: string): Promise<EvalQuestion[]> {
  return parseQuestionSet(await readJsonFile(path), path);
}

const fixed = (n: number) => n.toFixed(3);

export function formatRun(run: EvalRun): string[] {
  const lines: string[] = [];
  for (const outcome of run.report.outcomes) {
    let mark: string;
    if (!outcome.answerable) mark = outcome.answered ? "ANSWERED" : "abstain";
    else if (outcome.rank === null) mark = outcome.answered ? "miss" : "miss (no answer)";
    else mark = `rank ${outcome.rank}`;
    if (outcome.tier === "best-match") mark += " ~";
    const top = outcome.top ? `${outcome.top.id} (${outcome.top.title})` : "(nothing)";
    const why = outcome.decision ? `\n${"".padEnd(17)}   ${outcome.decision.reason}` : "";
    lines.push(`${mark.padEnd(17)} ${outcome.q}\n${"".padEnd(17)} → ${top}${why}`);
  }
  const { report } = run;
  lines.push("");
  lines.push(
    `questions ${report.questions}, answerable ${report.answerable}: ` +
      `top1 ${fixed(report.top1)}  top3 ${fixed(report.top3)}  mrr ${fixed(report.mrr)}  ` +
      `abstain ${fixed(report.abstain)}`,
  );
  for (const [name, baseline] of Object.entries(run.baselines)) {
    lines.push(
      `  baseline ${name.padEnd(13)} top1 ${fixed(baseline.top1)}  top3 ${fixed(baseline.top3)}  ` +
        `abstain ${fixed(baseline.abstain)}`,
    );
  }
  return lines;
}

export function summaryJson(run: EvalRun): string {
  const { report } = run;
  const baselines: Record<string, { top1: number; top3: number; abstain: number }> = {};
  for (const [name, baseline] of Object.entries(run.baselines)) {
    baselines[name] = { top1: baseline.top1, top3: baseline.top3, abstain: baseline.abstain };
  }
  return JSON.stringify({
    questions: report.questions,
    answerable: report.answerable,
    top1: report.top1,
    top3: report.top3,
    mrr: report.mrr,
    abstain: report.abstain,
    misses: report.misses,
    baselines,
  });
}
