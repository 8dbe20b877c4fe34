import { describe, expect, it } from "vitest";
import {
  createVocabularyMatcher,
  editDistance,
  isTypingSlip,
  respellEnglish,
  type SpellingContext,
  typingSlipsOf,
} from "../../src/search/fuzzy.js";

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

describe("respelling a word that is neither the handbook's nor English", () => {
  const english = new Set(["typically", "going", "budget", "sprint", "spring"]);
  const context = (handbook: string[] = []): SpellingContext => ({
    inHandbook: (word) => handbook.includes(word),
    isEnglish: (word) => english.has(word),
    isStopWord: (word) => ["what", "whats", "should", "was"].includes(word),
  });

  it("lists the words one slip away, and only slips", () => {
    const slips = typingSlipsOf("goinhg");
    expect(slips.has("going")).toBe(true); // a letter too many
    expect(typingSlipsOf("typicaly").has("typically")).toBe(true); // a letter left out
    expect(typingSlipsOf("soudl").has("sould")).toBe(true); // two neighbours swapped
    expect(typingSlipsOf("budgwt").has("budget")).toBe(true); // w is next to e
    expect(typingSlipsOf("budgpt").has("budget")).toBe(false); // p is far from e
    expect(slips.has("goinhg")).toBe(false);
  });

  it("keeps the first letter, where a slip is rare and a rival word is not", () => {
    // "async" is not "sync" with a letter too many, nor "onboard" "inboard".
    expect(typingSlipsOf("async").has("sync")).toBe(false);
    expect(typingSlipsOf("onboard").has("inboard")).toBe(false);
    expect(typingSlipsOf("xgoing").has("going")).toBe(false);
    expect(typingSlipsOf("gooing").has("going")).toBe(true);
  });

  it("reads it as the one English word a slip away, keeping the rest of the question", () => {
    expect(respellEnglish("how long is it typivcally?", context())).toBe(
      "how long is it typically?",
    );
    expect(respellEnglish("is the DM goinhg to do it", context())).toBe("is the DM going to do it");
  });

  it("leaves handbook words, English words, stop words and short words as typed", () => {
    expect(respellEnglish("budgwt", context(["budgwt"]))).toBe("budgwt");
    expect(respellEnglish("budget", context())).toBe("budget");
    expect(respellEnglish("whats", context())).toBe("whats");
    // "aws" is one swap from "was": too short to tell a typo from a name.
    expect(respellEnglish("aws", context())).toBe("aws");
  });

  it("leaves a word with rival readings, unless only one of them is the handbook's", () => {
    // "sprin" is "sprint" or "spring" with a letter left out.
    expect(respellEnglish("sprin", context())).toBe("sprin");
    expect(respellEnglish("sprin", context(["sprint"]))).toBe("sprint");
  });

  it("looks up at most maxWords words, so a question of gibberish cannot stall the bot", () => {
    let lookups = 0;
    const counting: SpellingContext = {
      ...context(),
      isEnglish: (word) => {
        lookups++;
        return context().isEnglish(word);
      },
    };
    const gibberish = Array.from({ length: 50 }, (_, i) => `qzx${"abcdefghij"[i % 10]}vq`).join(
      " ",
    );
    respellEnglish(`${gibberish} typivcally`, counting, 3);
    // Three words' neighbours, and one look at each of the others.
    expect(lookups).toBeLessThan(3 * 500 + 60);
    expect(respellEnglish("goinhg typivcally", context(), 1)).toBe("going typivcally");
    // One very long "word" is not looked up at all: its candidates grow with its length.
    lookups = 0;
    const long = "typivcally".repeat(40);
    expect(respellEnglish(long, counting)).toBe(long);
    expect(lookups).toBe(0);
  });

  it("remembers each word's reading, so a word that comes back costs no lookups", () => {
    let lookups = 0;
    const memo = new Map<string, string>();
    const remembering: SpellingContext = {
      ...context(),
      memo,
      isEnglish: (word) => {
        lookups++;
        return context().isEnglish(word);
      },
    };
    expect(respellEnglish("goinhg to kubernetes", remembering)).toBe("going to kubernetes");
    const first = lookups;
    expect(first).toBeGreaterThan(100);
    expect(respellEnglish("Goinhg to kubernetes?", remembering)).toBe("going to kubernetes?");
    expect(lookups).toBe(first);
    expect(memo.get("kubernetes")).toBe("kubernetes");
  });

  it("leaves every word as typed when the lexicon cannot tell", () => {
    const unsure: SpellingContext = { ...context(), isEnglish: () => undefined };
    expect(respellEnglish("typivcally", unsure)).toBe("typivcally");
  });
});
