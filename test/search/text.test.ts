import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, compoundWord, normalizeWord, splitWords } from "../../src/search/text.js";

const terms = (text: string) => analyze(text).map((token) => token.term);

describe("text analysis", () => {
  it("folds case, accents and punctuation", () => {
    expect(splitWords("Café-Owner's RÔLE, (draft)!")).toEqual(["cafe", "owner", "role", "draft"]);
  });

  it("drops question words and function words but keeps short content words", () => {
    expect(terms("What is a pod?")).toEqual(["pod"]);
    expect(terms("how do I reset my VPN password")).toEqual(terms("reset vpn password"));
    expect(terms("what's the weather")).toEqual(["weather"]);
  });

  it("drops hedging adverbs and chat filler, which say nothing about the topic", () => {
    expect(terms("is a retro basically always a meeting")).toEqual(terms("retro meeting"));
    expect(terms("ok so what is velocity anyway")).toEqual(["veloc"]);
    expect(terms("how quickly must I report another incident")).toEqual(
      terms("quickly report incident"),
    );
  });

  it("maps plurals and inflections of a word to one term", () => {
    expect(normalizeWord("managers")).toBe(normalizeWord("manager"));
    expect(normalizeWord("retrospectives")).toBe(normalizeWord("retrospective"));
    expect(normalizeWord("escalation")).toBe(normalizeWord("escalate"));
    expect(normalizeWord("policies")).toBe(normalizeWord("policy"));
    expect(normalizeWord("coding")).toBe(normalizeWord("code"));
  });

  it("keeps agent nouns and -al adjectives apart from the words they derive from", () => {
    // Porter stems all of these to one term; they mean different things.
    expect(normalizeWord("manager")).not.toBe(normalizeWord("manage"));
    expect(normalizeWord("managers")).not.toBe(normalizeWord("managing"));
    expect(normalizeWord("owner")).not.toBe(normalizeWord("own"));
    expect(normalizeWord("parental")).not.toBe(normalizeWord("parent"));
    // Their inflections still fold, as do a verb's.
    expect(normalizeWord("owners")).toBe(normalizeWord("owner"));
    expect(normalizeWord("considered")).toBe(normalizeWord("consider"));
    expect(normalizeWord("managed")).toBe(normalizeWord("manage"));
  });

  it("maps irregular forms that a suffix stemmer cannot reach", () => {
    expect(normalizeWord("paid")).toBe(normalizeWord("pay"));
    expect(normalizeWord("written")).toBe(normalizeWord("write"));
  });

  it("keeps numbers and codes as they are", () => {
    expect(terms("L1 support for 4 to 8 specialists")).toEqual([
      "l1",
      "support",
      "4",
      "8",
      "specialist",
    ]);
  });
});

describe("word splitting", () => {
  it("splits plain ASCII exactly as the Unicode path does", () => {
    // A lone accented letter forces the Unicode path and adds no word of its own.
    const asciiText = fc.string({
      unit: fc.constantFrom(..."abcXYZ019 :'`-,.!?%\n\t".split("")),
      maxLength: 60,
    });
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(splitWords(text)).toEqual(splitWords(`${text} é`));
      }),
    );
  });

  it("reads a percent sign after a number as the word percent, on both paths", () => {
    expect(splitWords("rates rose 30–40% in five years")).toEqual([
      "rates",
      "rose",
      "30",
      "40",
      "percent",
      "in",
      "five",
      "years",
    ]);
    expect(splitWords("a 5% cut")).toEqual(["5", "percent", "cut"]);
    expect(splitWords("a 5% cut é")).toEqual(splitWords("a 5% cut"));
    expect(splitWords("% of people")).toEqual(["of", "people"]);
  });

  it("keeps ratios such as 1:1 as one word", () => {
    expect(splitWords("weekly 1:1s at 2:30pm")).toEqual(["weekly", "1:1s", "at", "2:30", "pm"]);
    expect(normalizeWord("1:1s")).toBe("1:1");
  });
});

describe("compoundWord", () => {
  it("folds the word's inflection, so every form of a phrasal compound is one key", () => {
    expect(compoundWord("days", "off")).toBe(compoundWord("day", "off"));
    expect(compoundWord("setting", "up")).toBe("setup");
    expect(compoundWord("backed", "up")).toBe("backup");
    expect(compoundWord("time", "off")).toBe("timeoff");
  });
});
