import { describe, expect, it } from "vitest";
import { loadQuestionSet, runEval } from "../../src/cli/eval-run.js";
import { loadKnowledgeBase } from "../../src/corpus/load.js";

/**
 * The project's own question sets, scored exactly as `npm run eval` scores them. A drop below
 * these floors means a change to search, excerpts or content made answers worse. Floors sit a
 * margin below what the fitted decision achieved on 2026-11-29 (in brackets), so noise-free
 * changes pass and real regressions fail. The dm-* sets were used to tune earlier versions; the
 * blind role sets were written without seeing the method (test/eval/suite.json).
 *
 * When the calibrated decision replaced the hand-set gate, dm-heldout-2's abstain went from
 * 0.93 to 0.87 and dm-blind-3's top1 from 0.88 to 0.80 and top3 from 0.92 to 0.84: the
 * decision answers more on real handbooks (GDS Way blind dev top1 0.55 → 0.65) at the cost of
 * some traps on this small one.
 *
 * On 2026-12-07, 350 more author questions (`questions:` in content/, written by someone who
 * read only content/, never a question set) raised the blind role sets' top1 (test split 0.64 →
 * 0.74, third batch 0.75 → 0.78, second batch 0.71 → 0.84; first dev split 0.80 → 0.77) and
 * cost dm-heldout-2, written by us, 0.94 → 0.82: six of its questions now reach a sibling
 * section ("how big should a pod be" → "What happens above eight specialists?"). Its top1 floor
 * was re-based a margin below the new value; the blind test split now beats both baselines.
 */
const cases = [
  {
    name: "the Delivery Manager knowledge base",
    content: "content",
    questions: "test/eval/dm-questions.json",
    floors: { top1: 0.9, top3: 0.95, abstain: 0.95 }, // (0.96, 1, 1)
    beatsBaselines: true,
  },
  {
    name: "the Delivery Manager knowledge base (validation)",
    content: "content",
    questions: "test/eval/dm-validation-questions.json",
    floors: { top1: 0.8, top3: 0.9, abstain: 0.9 }, // (0.90, 1, 1)
    beatsBaselines: true,
  },
  {
    // Held-out style: typos, abbreviations, other words than the content's, traps.
    name: "the Delivery Manager knowledge base (held-out 2)",
    content: "content",
    questions: "test/eval/dm-heldout-2.json",
    floors: { top1: 0.74, top3: 0.85, abstain: 0.75 }, // (0.82, 0.92, 0.87) on 2026-12-07
    beatsBaselines: true,
  },
  {
    name: "the Delivery Manager knowledge base (blind 3)",
    content: "content",
    questions: "test/eval/dm-blind-3.json",
    floors: { top1: 0.72, top3: 0.76, abstain: 0.85 }, // (0.80, 0.84, 1)
    beatsBaselines: true,
  },
  {
    name: "the Delivery Manager knowledge base (blind role, dev split)",
    content: "content",
    questions: "test/eval/blind/role.dev.json",
    floors: { top1: 0.72, top3: 0.76, abstain: 0.66 }, // (0.80, 0.83, 1)
    beatsBaselines: true,
  },
  {
    // Below MiniSearch (0.64 against 0.72) until the author questions of 2026-12-07 (above).
    name: "the Delivery Manager knowledge base (blind role, test split)",
    content: "content",
    questions: "test/eval/blind/role.test.json",
    // Abstain re-based on 2026-12-08, when the decision with clauseCoverage answered two more
    // of its nine out-of-scope questions (0.89 → 0.78) for blind top1 gains elsewhere
    // (src/search/README.md, eleventh session).
    // Top1 and top3 raised after the 228 situational author questions of 2026-12-08.
    floors: { top1: 0.74, top3: 0.84, abstain: 0.66 }, // (0.84, 0.92, 0.78) on 2026-12-08
    beatsBaselines: true,
  },
  {
    // A third blind batch, written on 2026-12-07 by someone who read only the handbook, and
    // never tuned on.
    name: "the Delivery Manager knowledge base (blind role, third batch, test)",
    content: "content",
    questions: "test/eval/blind/role-3.json",
    floors: { top1: 0.65, top3: 0.65, abstain: 0.85 }, // (0.75, 0.75, 1)
    beatsBaselines: true,
  },
  {
    name: "the Delivery Manager knowledge base (blind role, second batch, dev)",
    content: "content",
    questions: "test/eval/blind/role-2.json",
    // Abstain re-based on 2026-12-08: the decision with clauseCoverage answers one more of its
    // out-of-scope questions ("how long does a typical engagement last", as a possible match).
    floors: { top1: 0.62, top3: 0.66, abstain: 0.5 }, // (0.84, 0.87, 0.60) on 2026-12-08
    beatsBaselines: true,
  },
  {
    // A sixth blind batch (tenth session), run once as written and then read: situational
    // questions in other words than the handbook's, closest to what people ask a new bot.
    name: "the Delivery Manager knowledge base (blind role, sixth batch, dev)",
    content: "content",
    questions: "test/eval/blind/role-6.json",
    floors: { top1: 0.5, top3: 0.62, abstain: 0.83 }, // (0.60, 0.75, 1) on 2026-12-08
    beatsBaselines: true,
  },
  {
    // A seventh blind batch (eleventh session), never read: run once with the tenth session's
    // decision (0.53, 0.57, 0.90) and once with the eleventh's, which added clauseCoverage
    // (0.67, 0.70, 0.90); then with the author questions of the same day.
    name: "the Delivery Manager knowledge base (blind role, seventh batch, test)",
    content: "content",
    questions: "test/eval/blind/role-7.json",
    floors: { top1: 0.63, top3: 0.63, abstain: 0.8 }, // (0.73, 0.73, 0.90) on 2026-12-08
    beatsBaselines: true,
  },
  {
    // A small real handbook (Clef's, MIT: test/eval/corpora/README.md) with blind questions
    // written by someone who read only its pages; added on 2026-12-07 after the decision was
    // fitted, and never fitted on. The only real company handbook `npm test` can read.
    name: "the Clef employee handbook (blind, test split)",
    content: "test/eval/corpora/clef-handbook",
    questions: "test/eval/blind/clef.test.json",
    floors: { top1: 0.52, top3: 0.55, abstain: 0.75 }, // (0.60, 0.63, 0.88) on 2026-12-07
    beatsBaselines: true,
  },
  {
    name: "the Clef employee handbook (blind, dev split)",
    content: "test/eval/corpora/clef-handbook",
    questions: "test/eval/blind/clef.dev.json",
    floors: { top1: 0.5, top3: 0.52, abstain: 0.85 }, // (0.57, 0.60, 1)
    beatsBaselines: true,
  },
  {
    name: "the small handbook fixture",
    content: "test/fixtures/search-handbook",
    questions: "test/eval/fixture-questions.json",
    floors: { top1: 0.9, top3: 0.95, abstain: 0.95 }, // (1, 1, 1)
    beatsBaselines: true,
  },
];

describe.each(cases)("question set for $name", ({ content, questions, floors, beatsBaselines }) => {
  it("stays above its floors and beats both baselines on top1 (or trails by under 0.1 where noted)", async () => {
    const base = await loadKnowledgeBase(content);
    const { report, baselines } = runEval(await loadQuestionSet(questions), base.sections);
    const misses = JSON.stringify(report.misses);
    expect(report.top1, misses).toBeGreaterThanOrEqual(floors.top1);
    expect(report.top3, misses).toBeGreaterThanOrEqual(floors.top3);
    expect(report.abstain, misses).toBeGreaterThanOrEqual(floors.abstain);
    for (const [name, baseline] of Object.entries(baselines)) {
      if (beatsBaselines) expect(report.top1, name).toBeGreaterThan(baseline.top1);
      else expect(report.top1, name).toBeGreaterThan(baseline.top1 - 0.1);
    }
  });
});

/**
 * Questions no handbook answers (chit-chat and general knowledge, as people try a bot in Slack),
 * run against the two knowledge bases `npm test` can read. Only abstaining counts. Floors a
 * margin below the seventh session's figures (in brackets); before the passing-mention rule,
 * Clef answered "tell me a joke" from its community code of conduct.
 */
const offTopic = [
  { name: "the Delivery Manager knowledge base", content: "content", abstain: 0.93 }, // (1)
  { name: "the Clef employee handbook", content: "test/eval/corpora/clef-handbook", abstain: 0.9 }, // (0.97)
];

describe.each(offTopic)("off-topic questions on $name", ({ content, abstain }) => {
  it("get no answer, more often than from either baseline", async () => {
    const base = await loadKnowledgeBase(content);
    const { report, baselines } = runEval(
      await loadQuestionSet("test/eval/offtopic.json"),
      base.sections,
    );
    expect(report.answerable).toBe(0);
    expect(report.abstain, JSON.stringify(report.misses)).toBeGreaterThanOrEqual(abstain);
    for (const [name, baseline] of Object.entries(baselines)) {
      expect(report.abstain, name).toBeGreaterThan(baseline.abstain);
    }
  });
});
