import type { Decision, Tier } from "../search/decide.js";
import type { SearchResult } from "../search/types.js";
import { displayedText } from "../slack/views/excerpt.js";
import { mrkdwnToText } from "../slack/views/text.js";

/**
 * Scoring of question sets (format in the shared eval README), shared by `npm run eval` and the
 * regression tests so both judge answers the same way.
 */

export interface EvalQuestion {
  q: string;
  /** Groups of alternative regular expressions; null for an out-of-scope question. */
  expect: string[][] | null;
}

/** Anything that ranks sections for a question: the bot's index or a baseline. */
export interface Ranker {
  name: string;
  rank(query: string, limit: number): { results: SearchResult[]; tier: Tier; decision?: Decision };
}

export interface QuestionOutcome {
  q: string;
  answerable: boolean;
  /** 1-based rank of the first satisfying result; null when none (or no answer given). */
  rank: number | null;
  /** That rank whether or not an answer was given: what ranking alone achieved. */
  found: number | null;
  tier: Tier;
  /** Given an answer (confident or best match): `tier !== "none"`. */
  answered: boolean;
  decision?: Decision;
  top?: { id: string; title: string };
}

export interface EvalReport {
  questions: number;
  answerable: number;
  top1: number;
  top3: number;
  mrr: number;
  abstain: number;
  outcomes: QuestionOutcome[];
  misses: Array<{ q: string; got: string }>;
}

/** How many results are examined per question (the bot shows an answer and a few related). */
export const EVAL_DEPTH = 5;

export function parseQuestionSet(data: unknown, source: string): EvalQuestion[] {
  if (!Array.isArray(data)) throw new Error(`${source}: expected a JSON array of questions`);
  return data.map((item, i) => {
    const where = `${source}[${i}]`;
    if (typeof item !== "object" || item === null) throw new Error(`${where}: not an object`);
    const { q, expect } = item as { q?: unknown; expect?: unknown };
    if (typeof q !== "string" || q.trim() === "") throw new Error(`${where}: "q" must be text`);
    if (expect === null) return { q, expect: null };
    const valid =
      Array.isArray(expect) &&
      expect.length > 0 &&
      expect.every(
        (group) =>
          Array.isArray(group) && group.length > 0 && group.every((alt) => typeof alt === "string"),
      );
    if (!valid) throw new Error(`${where}: "expect" must be null or a list of lists of text`);
    const groups = expect as string[][];
    for (const group of groups) {
      for (const alt of group) {
        try {
          new RegExp(alt, "i");
        } catch (error) {
          throw new Error(`${where}: invalid pattern ${JSON.stringify(alt)}: ${String(error)}`);
        }
      }
    }
    return { q, expect: groups };
  });
}

/** True when `text` matches at least one alternative of every group. */
export function satisfies(text: string, expect: readonly (readonly string[])[]): boolean {
  return expect.every((group) => group.some((alt) => new RegExp(alt, "i").test(text)));
}

export function evaluate(questions: readonly EvalQuestion[], ranker: Ranker): EvalReport {
  const outcomes: QuestionOutcome[] = [];
  const misses: Array<{ q: string; got: string }> = [];
  let answerable = 0;
  let top1 = 0;
  let top3 = 0;
  let reciprocal = 0;
  let outOfScope = 0;
  let abstained = 0;

  for (const question of questions) {
    const { results, tier, decision } = ranker.rank(question.q, EVAL_DEPTH);
    // A best-match reply shows its excerpt: it counts as an answer, right or wrong.
    const answered = tier !== "none";
    const first = results[0];
    const top = first ? { id: first.section.id, title: first.section.document.title } : undefined;
    const got = first === undefined ? "(nothing)" : `(${tier}) ${first.section.id}`;
    const extra = { tier, answered, ...(decision && { decision }), ...(top && { top }) };
    if (question.expect === null) {
      outOfScope++;
      if (!answered) abstained++;
      else misses.push({ q: question.q, got });
      outcomes.push({ q: question.q, answerable: false, rank: null, found: null, ...extra });
      continue;
    }
    answerable++;
    const expect = question.expect;
    const index = results.findIndex((result) =>
      satisfies(mrkdwnToText(displayedText(result)), expect),
    );
    const found = index < 0 ? null : index + 1;
    const rank = answered ? found : null;
    if (rank === 1) top1++;
    if (rank !== null && rank <= 3) top3++;
    if (rank !== null) reciprocal += 1 / rank;
    if (rank !== 1) misses.push({ q: question.q, got });
    outcomes.push({ q: question.q, answerable: true, rank, found, ...extra });
  }

  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    questions: questions.length,
    answerable,
    top1: share(top1, answerable),
    top3: share(top3, answerable),
    mrr: answerable === 0 ? 1 : reciprocal / answerable,
    abstain: share(abstained, outOfScope),
    outcomes,
    misses,
  };
}
