import { describe, expect, it } from "vitest";
import {
  assess,
  decideAnswer,
  decisionFeatures,
  namesQuestion,
  pageShares,
  questionEvidence,
} from "../../src/search/evidence.js";
import { buildFieldIndex } from "../../src/search/postings.js";
import type { Concept } from "../../src/search/query.js";
import type { Candidate } from "../../src/search/rank.js";
import { scoreConcept } from "../../src/search/score.js";
import { createSectionFacts } from "../../src/search/section-facts.js";
import { analyze } from "../../src/search/text.js";
import { DEFAULT_TUNING, type Rule } from "../../src/search/tuning.js";
import { buildSections, otherPages } from "./build-sections.js";

const t = (word: string) => analyze(word)[0]?.term ?? word;
const concept = (word: string, emphasis = 1): Concept => ({
  forms: [{ terms: [t(word)], factor: 1 }],
  emphasis,
  corrected: false,
  clause: 0,
});

// Travel (two sections), leave, conduct and seven others; "policy" is in over 30% of sections.
const sections = buildSections([
  {
    doc: "travel.md",
    heading: "Booking travel",
    body: "Book travel through the desk. Policy applies.",
  },
  {
    doc: "travel.md",
    heading: "Travel receipts",
    body: "Keep receipts for travel. Policy applies.",
  },
  { doc: "leave.md", heading: "Jury leave", body: "Jury service is paid leave. Policy applies." },
  { doc: "conduct.md", heading: "Code of conduct", body: "No jokes about travel. Policy applies." },
  ...otherPages("Onboarding", "Laptops", "Payroll", "Benefits", "Holidays", "Security", "Offices"),
]);
const index = buildFieldIndex(sections);
const facts = createSectionFacts(sections);
const pageOf = (section: number) => sections[section]?.document.path ?? "";
const everyRule = (_rule: Rule) => true;

function evidence(...words: (string | [string, number])[]) {
  const concepts = words.map((w) => (typeof w === "string" ? concept(w) : concept(w[0], w[1])));
  const scored = concepts.map((c) => scoreConcept(index, c, DEFAULT_TUNING.ubiquity));
  return questionEvidence(concepts, scored);
}

describe("assess", () => {
  it("counts coverage by rarity and topicality where the section names its topic", () => {
    const question = evidence("travel", "receipts");
    const receipts = assess(question, facts, 1, 0.5, (term) => term);
    expect(receipts.coverage).toBe(1);
    expect(receipts.topicality).toBe(1);
    // The code of conduct mentions travel in passing, never names it.
    const conduct = assess(question, facts, 3, 0.5, (term) => term);
    expect(conduct.coverage).toBeGreaterThan(0);
    expect(conduct.coverage).toBeLessThan(0.5);
    expect(conduct.topicality).toBe(0);
  });
});

describe("namesQuestion", () => {
  it("is true only when heading and question are made of the same words", () => {
    expect(namesQuestion(evidence("jury", "leave"), facts, 2)).toBe(true);
    expect(namesQuestion(evidence("jury"), facts, 2)).toBe(false); // "leave" is left over
    expect(namesQuestion(evidence("jury", "leave", "paid"), facts, 2)).toBe(false);
  });
});

describe("pageShares", () => {
  it("gives each page its share of the pool's informative evidence", () => {
    const question = evidence("travel");
    const pool: Candidate[] = [0, 1, 3].map((index) => ({ index, score: 1 }));
    const share = pageShares(pool, question.scored, pageOf);
    expect(share(0)).toBe(share(1));
    expect(share(0)).toBeGreaterThan(share(3));
    expect(share(0) + share(3)).toBeCloseTo(1);
    expect(share(2)).toBe(0); // not in the pool
  });

  it("is 0 everywhere when only ubiquitous words matched", () => {
    const question = evidence("policy");
    const pool: Candidate[] = [0, 1, 2, 3].map((index) => ({ index, score: 1 }));
    const share = pageShares(pool, question.scored, pageOf);
    expect([0, 1, 2, 3].map(share)).toEqual([0, 0, 0, 0]);
  });
});

describe("the decision's input", () => {
  const input = (question: ReturnType<typeof evidence>, ranked: Candidate[]) => ({
    question,
    facts,
    ranked,
    best: ranked[0] && assess(question, facts, ranked[0].index, 0.5, (term: string) => term),
    depth: 5,
    pageOf,
    tuning: DEFAULT_TUNING,
    on: everyRule,
  });

  it("counts a missing result as disagreeing, and measures the margin over #2", () => {
    const question = evidence("travel", "receipts");
    const features = decisionFeatures(
      input(question, [
        { index: 1, score: 4 },
        { index: 0, score: 1 },
      ]),
    );
    // One of the next four results is on the same page; three are missing.
    expect(features?.pageAgreement).toBe(0.25);
    expect(features?.margin).toBe(0.75);
    expect(features?.headingMatch).toBe(1);
  });

  it("answers nothing for everyday words alone or one topic word mentioned in passing", () => {
    const wrapper = decideAnswer(input(evidence(["need", 0.3]), [{ index: 0, score: 1 }]));
    expect(wrapper.tier).toBe("none");
    expect(wrapper.reason).toMatch(/only everyday words/);
    const passing = decideAnswer(input(evidence("jokes"), [{ index: 3, score: 1 }]));
    expect(passing.tier).toBe("none");
    expect(passing.reason).toMatch(/mentioned in passing/);
    const named = decideAnswer(input(evidence("jury", "leave"), [{ index: 2, score: 1 }]));
    expect(named.reason).not.toMatch(/passing|everyday/);
    expect(named.probability).toBeGreaterThan(0);
  });

  it("gives no features and no answer without a result", () => {
    expect(decisionFeatures(input(evidence("travel"), []))).toBeUndefined();
    expect(decideAnswer(input(evidence("travel"), [])).tier).toBe("none");
  });
});
