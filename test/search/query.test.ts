import { describe, expect, it } from "vitest";
import { derivedTerms, isMisspelledStopWord } from "../../src/search/query.js";
import { normalizeWord } from "../../src/search/text.js";

describe("isMisspelledStopWord", () => {
  it("recognises filler words one typo away", () => {
    expect(isMisspelledStopWord("actualy")).toBe(true);
    expect(isMisspelledStopWord("shuold")).toBe(true);
    expect(isMisspelledStopWord("becuase")).toBe(true);
  });

  it("leaves content words and short words alone", () => {
    expect(isMisspelledStopWord("velocty")).toBe(false);
    expect(isMisspelledStopWord("retro")).toBe(false);
    // Four letters are too few: "thta" could be many things.
    expect(isMisspelledStopWord("whta")).toBe(false);
  });
});

describe("derivedTerms", () => {
  it("links a verb and its agent noun, which the stemmer keeps apart", () => {
    expect(normalizeWord("block")).not.toBe(normalizeWord("blocker"));
    expect(derivedTerms("block")).toContain(normalizeWord("blocker"));
    expect(derivedTerms("blockers")).toContain(normalizeWord("block"));
    expect(derivedTerms("supervisor")).toContain(normalizeWord("supervise"));
  });

  it("leaves short words alone", () => {
    expect(derivedTerms("leve")).toEqual([]);
  });
});
