import { describe, expect, it } from "vitest";
import { analyzeQuestion, normaliseTerms } from "../../src/gaps/terms.js";
import { analyze } from "../../src/search/text.js";

describe("normaliseTerms", () => {
  it("groups a question and its terse rewording under the same terms", () => {
    expect(normaliseTerms("How do I book a room?")).toEqual(["book", "room"]);
    expect(normaliseTerms("booking rooms")).toEqual(["book", "room"]);
    expect(normaliseTerms("Rooms: booking!!")).toEqual(["book", "room"]);
  });

  it("sorts and de-duplicates terms, so word order and repetition do not matter", () => {
    expect(normaliseTerms("travel expenses policy, expense travel")).toEqual(
      normaliseTerms("Expense policy for travel"),
    );
    expect(normaliseTerms("policy policies")).toHaveLength(1);
  });

  it("drops stop words entirely, leaving nothing for a pure pleasantry", () => {
    expect(normaliseTerms("What is this?")).toEqual([]);
    expect(normaliseTerms("hi, can you help me")).toEqual(["help"]);
  });

  it("folds case and diacritics", () => {
    expect(normaliseTerms("CAFÉ")).toEqual(normaliseTerms("cafe"));
  });

  it("uses the search's terms, so a group is what the search looked for", () => {
    const question = "Who signs off the quarterly delivery plans?";
    expect(normaliseTerms(question)).toEqual(
      [...new Set(analyze(question).map((token) => token.term))].sort(),
    );
  });
});

describe("analyzeQuestion", () => {
  it("keeps a readable word for each term, in the terms' order", () => {
    expect(analyzeQuestion("policies for travel expenses")).toEqual({
      terms: normaliseTerms("policies for travel expenses"),
      words: ["expenses", "policies", "travel"],
    });
  });
});
