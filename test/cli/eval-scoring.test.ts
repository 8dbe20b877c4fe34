import { describe, expect, it } from "vitest";
import { evaluate, parseQuestionSet, type Ranker, satisfies } from "../../src/cli/eval-scoring.js";
import type { SearchResult } from "../../src/search/types.js";
import { buildSections } from "../search/build-sections.js";

const sections = buildSections([
  { doc: "a.md", title: "Alpha", body: "Velocity is the effort a team finishes in a sprint." },
  { doc: "b.md", title: "Beta", body: "Pods hold four to eight specialists." },
  { doc: "c.md", title: "Gamma", body: "Retrospectives close every sprint." },
]);
const result = (i: number): SearchResult => {
  const section = sections[i];
  if (section === undefined) throw new Error("no section");
  return { section, score: 1, matchedTerms: [] };
};

/** A ranker that answers from a fixed table, to check the metrics themselves. */
function fixedRanker(table: Record<string, { order: number[]; confident: boolean }>): Ranker {
  return {
    name: "fixed",
    rank(query, limit) {
      const entry = table[query] ?? { order: [], confident: false };
      return {
        results: entry.order.slice(0, limit).map(result),
        tier: entry.confident ? "answer" : "none",
      };
    },
  };
}

describe("satisfies", () => {
  it("needs one alternative of every group, case-insensitively", () => {
    expect(satisfies("Pods hold FOUR to eight", [["\\bfour\\b", "4"], ["eight"]])).toBe(true);
    expect(satisfies("Pods hold four", [["four"], ["eight", "8"]])).toBe(false);
  });
});

describe("parseQuestionSet", () => {
  it("accepts answerable and out-of-scope questions", () => {
    const parsed = parseQuestionSet(
      [
        { q: "what is velocity", expect: [["velocity"]] },
        { q: "lunch", expect: null },
      ],
      "set.json",
    );
    expect(parsed).toEqual([
      { q: "what is velocity", expect: [["velocity"]] },
      { q: "lunch", expect: null },
    ]);
  });

  it("names the file and entry of a malformed question", () => {
    expect(() => parseQuestionSet({}, "set.json")).toThrow(/set\.json: expected a JSON array/);
    expect(() => parseQuestionSet([{ q: "x", expect: [] }], "set.json")).toThrow(/set\.json\[0\]/);
    expect(() => parseQuestionSet([{ q: "x", expect: [["("]] }], "set.json")).toThrow(
      /invalid pattern/,
    );
  });
});

describe("evaluate", () => {
  it("computes top1, top3, mrr and abstain over the displayed text", () => {
    const questions = parseQuestionSet(
      [
        { q: "velocity", expect: [["effort"]] },
        { q: "pods", expect: [["specialists"]] },
        { q: "retro", expect: [["close every sprint"]] },
        { q: "unsure", expect: [["velocity"]] },
        { q: "weather", expect: null },
        { q: "lunch", expect: null },
      ],
      "inline",
    );
    const report = evaluate(
      questions,
      fixedRanker({
        velocity: { order: [0, 1], confident: true },
        pods: { order: [0, 1], confident: true },
        retro: { order: [0, 1, 2], confident: true },
        unsure: { order: [0], confident: false },
        weather: { order: [1], confident: false },
        lunch: { order: [2], confident: true },
      }),
    );
    expect(report.questions).toBe(6);
    expect(report.answerable).toBe(4);
    expect(report.top1).toBeCloseTo(1 / 4);
    expect(report.top3).toBeCloseTo(3 / 4);
    expect(report.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 3) / 4);
    expect(report.abstain).toBeCloseTo(1 / 2);
    expect(report.outcomes.find((o) => o.q === "unsure")?.rank).toBeNull();
    expect(report.misses.map((m) => m.q)).toEqual(["pods", "retro", "unsure", "lunch"]);
    expect(report.misses.find((m) => m.q === "unsure")?.got).toBe("(none) a.md");
  });

  it("matches what Slack shows, not the mrkdwn it is sent as: entities and link labels read as text", () => {
    const [shown] = buildSections([
      {
        doc: "d.md",
        title: "Expenses",
        // As the section is sent to Slack (mrkdwn): `&` escaped, a link as `<url|label>`.
        body: 'Desks go under "Furniture &amp; Office"; see <https://example.com/x|the expense guide>.',
      },
    ]);
    if (shown === undefined) throw new Error("no section");
    const questions = parseQuestionSet(
      [{ q: "desk category", expect: [["Furniture & Office"], ["see the expense guide"]] }],
      "inline",
    );
    const ranker: Ranker = {
      name: "one",
      rank: () => ({ results: [{ section: shown, score: 1, matchedTerms: [] }], tier: "answer" }),
    };
    expect(evaluate(questions, ranker).top1).toBe(1);
  });
});
