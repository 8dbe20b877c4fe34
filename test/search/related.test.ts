import { describe, expect, it } from "vitest";
import { createSearchIndex } from "../../src/search/index.js";
import { RELATED_WORDS, relatedTerms } from "../../src/search/related.js";
import { compoundWord, normalizeWord } from "../../src/search/text.js";
import { buildSections } from "./build-sections.js";

describe("relatedTerms", () => {
  it("links every word of a group to the others, both ways, in index terms", () => {
    const related = relatedTerms([
      { words: ["salary", "pay", "annual leave", "time off"], factor: 0.8 },
    ]);
    expect(related.get(normalizeWord("salary"))).toEqual([
      { terms: [normalizeWord("pay")], factor: 0.8 },
      { terms: [normalizeWord("annual"), normalizeWord("leave")], factor: 0.8 },
      { terms: [normalizeWord(compoundWord("time", "off"))], factor: 0.8 },
    ]);
    // The compound is a word of its own, so a question's "time off" reaches the others too.
    expect(
      related.get(normalizeWord(compoundWord("time", "off")))?.map((f) => f.terms),
    ).toContainEqual([normalizeWord("salary")]);
    expect(related.get(normalizeWord("pay"))?.map((form) => form.terms)).toContainEqual([
      normalizeWord("salary"),
    ]);
    // A phrase is a target only: questions are read word by word. "time off" is the compound
    // the index reads it as; without its particle it would be any "time".
    expect(related.has(normalizeWord("annual"))).toBe(false);
    expect(related.get(normalizeWord("pay"))?.map((form) => form.terms)).not.toContainEqual([
      normalizeWord("time"),
    ]);
  });

  it("makes number words and digits exact equivalents", () => {
    const related = relatedTerms(RELATED_WORDS);
    expect(related.get("eight")).toContainEqual({ terms: ["8"], factor: 1 });
    expect(related.get("2")).toContainEqual({ terms: ["two"], factor: 1 });
  });
});

describe("search with related words", () => {
  const index = createSearchIndex(
    buildSections([
      {
        doc: "pay.md",
        title: "Pay",
        heading: "How delivery managers are paid",
        body: "Delivery managers are paid on a par with senior engineers.",
      },
      {
        doc: "pods.md",
        title: "Pods",
        heading: "Sharing a delivery manager",
        body: "Pods of two or three specialists can share one delivery manager.",
      },
      {
        doc: "pods.md",
        heading: "Large pods",
        body: "Above 8 specialists a pod needs sub-DMs.",
      },
      {
        doc: "hiring.md",
        title: "Hiring",
        heading: "Interviews",
        body: "Candidates meet a panel of engineers and a delivery manager.",
      },
    ]),
  );

  it("answers a question in other words than the text's", () => {
    const response = index.search("delivery manager salary");
    expect(response.results[0]?.section.id).toBe("pay.md#how-delivery-managers-are-paid");
    expect(response.decision.tier).toBe("answer");
  });

  it("matches digits with number words and the reverse", () => {
    expect(index.search("pods of 2 specialists").results[0]?.section.id).toBe(
      "pods.md#sharing-a-delivery-manager",
    );
    expect(index.search("pods above eight specialists").results[0]?.section.id).toBe(
      "pods.md#large-pods",
    );
  });

  it("does not count a number the text never mentions as a missing topic", () => {
    const response = index.search("our pod has fifteen specialists, does it need sub-DMs");
    expect(response.results[0]?.section.id).toBe("pods.md#large-pods");
    expect(response.decision.tier).toBe("answer");
  });
});

describe("a word with related words in the text", () => {
  it("is read as that word, not corrected into a look-alike", () => {
    const pay = createSearchIndex(
      buildSections([
        { doc: "pay.md", title: "Pay", heading: "Pay rises", body: "Pay has risen by a third." },
        { doc: "docs.md", title: "Docs", heading: "Pages", body: "Pages of the handbook." },
      ]),
    );
    // "wages" is one edit from "pages", and a near-synonym of "pay".
    const response = pay.search("have wages gone up");
    expect(response.results[0]?.section.id).toBe("pay.md#pay-rises");
    expect(response.results.map((result) => result.section.id)).not.toContain("docs.md#pages");
  });
});

describe("weight of a related word", () => {
  it("is its own rarity, so a common broader word does not outweigh the word asked", () => {
    const equipment = createSearchIndex(
      buildSections([
        {
          doc: "equipment.md",
          title: "Equipment",
          heading: "Laptop repairs",
          body: "Send a broken laptop to the service desk.",
        },
        ...Array.from({ length: 6 }, (_, i) => ({
          doc: `computers-${i}.md`,
          title: `Computers ${i}`,
          heading: `Computer setup ${i}`,
          body: "Fix computer settings before you start; a broken setting stops the computer.",
        })),
        ...Array.from({ length: 6 }, (_, i) => ({
          doc: `other-${i}.md`,
          title: `Other ${i}`,
          body: "Unrelated text about meetings and calendars.",
        })),
      ]),
    );
    expect(equipment.search("my laptop is broken").results[0]?.section.id).toBe(
      "equipment.md#laptop-repairs",
    );
  });
});
