import { describe, expect, it } from "vitest";
import { buildFieldIndex } from "../../src/search/postings.js";
import type { Concept } from "../../src/search/query.js";
import { scoreConcept } from "../../src/search/score.js";
import {
  blockCoverage,
  createSectionFacts,
  headingPrecision,
  isAskedLikeThis,
} from "../../src/search/section-facts.js";
import { analyze } from "../../src/search/text.js";
import { buildSections } from "./build-sections.js";

const t = (word: string) => analyze(word)[0]?.term ?? word;
const terms = (text: string) => new Set(analyze(text).map((token) => token.term));

const sections = buildSections([
  {
    doc: "leave.md",
    heading: "Parental leave",
    body: [
      "Bravely is a coaching program for new parents. It runs all year.",
      "Parents get 12 weeks of paid leave.",
    ],
    questions: ["How much parental leave do I get?"],
  },
  {
    doc: "links.md",
    heading: "Further reading",
    body: "<https://a.example|Travel policy> <https://b.example|Expense policy> <https://c.example|Leave policy>",
  },
  {
    doc: "people/ana-readme.md",
    title: "Ana's README",
    heading: "Working with me",
    body: "I like async updates and one link to <https://a.example|my calendar>.",
  },
  { doc: "empty.md", heading: "Later", body: "" },
]);
// A section's text is what Slack shows of its mrkdwn: the link labels, not the URLs.
for (const section of sections) {
  section.text = section.text.replace(/<[^|>]+\|([^>]*)>/g, "$1");
}
const facts = createSectionFacts(sections);

describe("createSectionFacts", () => {
  it("tells a list of links from prose that has a link", () => {
    expect(facts.isLinkList(1)).toBe(true);
    expect(facts.isLinkList(2)).toBe(false);
  });

  it("knows a section that states a figure, one person's page and a heading with no text", () => {
    expect(facts.statesFigure(0)).toBe(true);
    expect(facts.statesFigure(1)).toBe(false);
    expect([0, 1, 2].map((i) => facts.isPersonal(i))).toEqual([false, false, true]);
    expect([0, 3].map((i) => facts.isEmpty(i))).toEqual([false, true]);
  });

  it("reads the lead from the first sentence only, and at most its first ten words", () => {
    const lead = facts.leadTerms(0);
    expect(lead.has(t("Bravely"))).toBe(true);
    expect(lead.has(t("coaching"))).toBe(true);
    // "runs" is in the second sentence, "weeks" in the second block.
    expect(lead.has(t("runs"))).toBe(false);
    expect(lead.has(t("weeks"))).toBe(false);
  });

  it("keeps one set of terms per block, and the author questions as their distinct terms", () => {
    expect(facts.blockTerms(0)).toHaveLength(2);
    expect(facts.authorQuestions(0)[0]).toEqual([...terms("How much parental leave do I get?")]);
  });

  it("refuses a section it does not have", () => {
    expect(() => facts.headingTerms(9)).toThrow(RangeError);
  });
});

describe("measurements over the facts", () => {
  it("heading precision is the share of the heading's words the question uses", () => {
    expect(headingPrecision(facts, 0, terms("how long is parental leave"))).toBe(1);
    expect(headingPrecision(facts, 0, terms("leave balance"))).toBe(0.5);
    expect(headingPrecision(facts, 0, terms("coaching"))).toBe(0);
  });

  it("block coverage is the best one block's share, not the section's", () => {
    const index = buildFieldIndex(sections);
    const concept = (word: string): Concept => ({
      forms: [{ terms: [t(word)], factor: 1 }],
      emphasis: 1,
      corrected: false,
      clause: 0,
    });
    // "coaching" is in the first block, "weeks" in the second: no block holds both.
    const scored = ["coaching", "weeks"].map((word) => scoreConcept(index, concept(word), 0.3));
    const share = blockCoverage(facts, 0, scored);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
    const together = ["parents", "weeks"].map((word) => scoreConcept(index, concept(word), 0.3));
    expect(blockCoverage(facts, 0, together)).toBe(1);
  });

  it("a question is asked like an author question when it uses enough of its words", () => {
    expect(isAskedLikeThis(facts, 0, terms("how much parental leave do we get"), 0.5)).toBe(true);
    expect(isAskedLikeThis(facts, 0, terms("parental"), 0.5)).toBe(false);
    expect(isAskedLikeThis(facts, 1, terms("further reading"), 0.5)).toBe(false);
  });
});
