import { describe, expect, it } from "vitest";
import {
  derivedTerms,
  isMisspelledStopWord,
  splitClauses,
  withoutChatPadding,
} from "../../src/search/query.js";
import { normalizeWord } from "../../src/search/text.js";

describe("isMisspelledStopWord", () => {
  it("recognises filler words one typo away", () => {
    expect(isMisspelledStopWord("actualy")).toBe(true);
    expect(isMisspelledStopWord("shuold")).toBe(true);
    expect(isMisspelledStopWord("becuase")).toBe(true);
  });

  it("recognises short filler words with two letters swapped", () => {
    expect(isMisspelledStopWord("teh")).toBe(true);
    expect(isMisspelledStopWord("whta")).toBe(true);
  });

  it("recognises a short filler word with a letter left out when it is no English word", () => {
    expect(isMisspelledStopWord("wat", false)).toBe(true);
    expect(isMisspelledStopWord("wich", false)).toBe(true);
  });

  it("leaves content words and other short near-misses alone", () => {
    expect(isMisspelledStopWord("velocty")).toBe(false);
    expect(isMisspelledStopWord("retro")).toBe(false);
    // A letter short of a stop word is often a word of its own: "quit" is not "quite", and a
    // word no lexicon has vouched for may be one.
    expect(isMisspelledStopWord("quit")).toBe(false);
    expect(isMisspelledStopWord("wat")).toBe(false);
    // Nor is one letter changed: "tme" is as likely "time" as "the".
    expect(isMisspelledStopWord("tme", false)).toBe(false);
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

describe("withoutChatPadding", () => {
  it.each([
    ["hey all, how many vacation days", "how many vacation days"],
    ["hi! quick question: how long is parental leave? thanks!", "how long is parental leave"],
    ["sorry if this is a dumb question but what is velocity", "what is velocity"],
    ["hello team - who approves expenses", "who approves expenses"],
    ["who approves expenses :pray:", "who approves expenses"],
    ["how do 1:1s work, thanks in advance", "how do 1:1s work"],
    ["random q: 1:1 cadence at 9:30?", "1:1 cadence at 9:30"],
    ["according to the handbook, how long is parental leave", "how long is parental leave"],
    ["how long is parental leave (per the handbook)", "how long is parental leave"],
  ])("reads %j as %j", (posted, asked) => {
    expect(withoutChatPadding(posted)).toBe(asked);
  });

  it.each([
    ["does anyone know how much parental leave we get", "how much parental leave we get"],
    ["hey team where is the vpn guide", "where is the vpn guide"],
    ["i was wondering if contractors get leave", "if contractors get leave"],
  ])("reads an asking frame without a comma, %j, as %j", (posted, asked) => {
    expect(withoutChatPadding(posted)).toBe(asked);
  });

  it("keeps a frame that is only stop words, and an addressing word before a relative clause", () => {
    // Stop words are dropped by the analyser anyway; cutting them here would change nothing.
    expect(withoutChatPadding("can you tell me what velocity is")).toBe(
      "can you tell me what velocity is",
    );
    expect(withoutChatPadding("people who manage budgets")).toBe("people who manage budgets");
    expect(withoutChatPadding("team lead what does it mean")).toBe("team lead what does it mean");
  });

  it("keeps padding words inside the question, where they may be its topic", () => {
    expect(withoutChatPadding("quick question about team leave")).toBe(
      "quick question about team leave",
    );
    expect(withoutChatPadding("how do I ask for help, team?")).toBe("how do I ask for help");
  });

  it("leaves a question that is nothing but padding as it is", () => {
    expect(withoutChatPadding("thanks!")).toBe("thanks!");
    expect(withoutChatPadding("hey team :wave:")).toBe("hey team :wave:");
  });
});

describe("splitClauses", () => {
  it("splits where a question's clauses meet, not inside a figure", () => {
    expect(splitClauses("tree fell on my house, cant work today. is there leave for that")).toEqual(
      ["tree fell on my house", " cant work today", " is there leave for that"],
    );
    expect(splitClauses("is the limit 1,000 or 2,000 a year")).toEqual([
      "is the limit 1,000 or 2,000 a year",
    ]);
    expect(splitClauses("1:1s - how often?")).toEqual(["1:1s", "how often"]);
  });
});
