import { describe, expect, it } from "vitest";
import { createVocabularyMatcher, editDistance, isTypingSlip } from "../../src/search/fuzzy.js";

describe("vocabulary fuzzy matching", () => {
  const matcher = createVocabularyMatcher([
    "delivery",
    "manager",
    "retrospective",
    "whether",
    "sprint",
    "spring",
    "hours",
  ]);

  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("veloctiy", "velocity")).toBe(1);
    expect(editDistance("weather", "whether")).toBe(2);
  });

  it("corrects one-letter typos to the known word", () => {
    expect(matcher.closest("delivry")[0]).toEqual({ word: "delivery", distance: 1 });
    expect(matcher.closest("manger")[0]).toEqual({ word: "manager", distance: 1 });
    expect(matcher.closest("retrospecitve")[0]?.word).toBe("retrospective");
  });

  it("finds two neighbours swapped in a five-letter word, which Bitap counts as two errors", () => {
    expect(matcher.closest("huors")).toEqual([{ word: "hours", distance: 1 }]);
    expect(matcher.closest("sprnit")[0]).toEqual({ word: "sprint", distance: 1 });
  });

  it("does not turn a different word into a known one", () => {
    expect(matcher.closest("weather")).toEqual([]);
    expect(matcher.closest("london")).toEqual([]);
  });

  it("leaves short words alone, where one edit makes another word", () => {
    expect(matcher.closest("sprt")).toEqual([]);
  });

  it.each([
    ["calender", "calendar", "a vowel for a vowel"],
    ["wprk", "work", "a key next to the right one"],
    ["teh", "the", "two letters swapped"],
    ["acess", "access", "a letter left out"],
  ])("counts %s for %s as a slip of the fingers (%s)", (typed, word) => {
    expect(isTypingSlip(typed, word)).toBe(true);
  });

  it.each([
    ["dime", "time"],
    ["massive", "passive"],
    ["postal", "portal"],
    ["spying", "spring"],
  ])(
    "does not count %s for %s as a slip: another letter, far from the right key",
    (typed, word) => {
      expect(isTypingSlip(typed, word)).toBe(false);
    },
  );
});
