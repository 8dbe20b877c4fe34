import { describe, expect, it } from "vitest";
import { loadQuestionSet, runEval } from "../../src/cli/eval-run.js";
import { loadKnowledgeBase } from "../../src/corpus/load.js";

/**
 * The project's own question sets, scored exactly as `npm run eval` scores them. A drop below
 * these floors means a change to search, excerpts or content made answers worse.
 */
const cases = [
  {
    name: "the Delivery Manager knowledge base",
    content: "content",
    questions: "test/eval/dm-questions.json",
    floors: { top1: 0.95, top3: 1, abstain: 1 },
  },
  {
    name: "the Delivery Manager knowledge base (validation)",
    content: "content",
    questions: "test/eval/dm-validation-questions.json",
    floors: { top1: 0.9, top3: 1, abstain: 1 },
  },
  {
    // Held-out style: typos, abbreviations, other words than the content's, traps.
    name: "the Delivery Manager knowledge base (held-out 2)",
    content: "content",
    questions: "test/eval/dm-heldout-2.json",
    floors: { top1: 0.88, top3: 0.92, abstain: 0.93 },
  },
  {
    name: "the Delivery Manager knowledge base (blind 3)",
    content: "content",
    questions: "test/eval/dm-blind-3.json",
    floors: { top1: 0.8, top3: 0.88, abstain: 0.87 },
  },
  {
    name: "the small handbook fixture",
    content: "test/fixtures/search-handbook",
    questions: "test/eval/fixture-questions.json",
    floors: { top1: 0.9, top3: 1, abstain: 1 },
  },
];

describe.each(cases)("question set for $name", ({ content, questions, floors }) => {
  it("stays above its floors and beats both baselines on top1", async () => {
    const base = await loadKnowledgeBase(content);
    const { report, baselines } = runEval(await loadQuestionSet(questions), base.sections);
    const misses = JSON.stringify(report.misses);
    expect(report.top1, misses).toBeGreaterThanOrEqual(floors.top1);
    expect(report.top3, misses).toBeGreaterThanOrEqual(floors.top3);
    expect(report.abstain, misses).toBeGreaterThanOrEqual(floors.abstain);
    for (const [name, baseline] of Object.entries(baselines)) {
      expect(report.top1, name).toBeGreaterThan(baseline.top1);
    }
  });
});
