import { describe, expect, it } from "vitest";
import { normaliseTerms, stemTerm } from "../../src/gaps/terms.js";

describe("normaliseTerms", () => {
  it("groups a question and its terse rewording under the same terms", () => {
    expect(normaliseTerms("How do I book a room?")).toEqual(["book", "room"]);
    expect(normaliseTerms("booking rooms")).toEqual(normaliseTerms("How do I book a room?"));
    expect(normaliseTerms("Rooms: booking!!")).toEqual(["book", "room"]);
  });

  it("sorts and de-duplicates terms, so word order does not matter", () => {
    expect(normaliseTerms("travel expenses policy, expense travel")).toEqual([
      "expense",
      "policy",
      "travel",
    ]);
  });

  it("drops stop words entirely, leaving nothing for a pure pleasantry", () => {
    expect(normaliseTerms("What is this?")).toEqual([]);
    expect(normaliseTerms("hi, can you help me")).toEqual(["help"]);
  });

  it("folds case, diacritics and apostrophes", () => {
    expect(normaliseTerms("Café RÉSUMÉ don't")).toEqual(["cafe", "dont", "resume"]);
  });
});

describe("stemTerm", () => {
  it.each([
    ["rooms", "room"],
    ["policies", "policy"],
    ["processes", "process"],
    ["boxes", "box"],
    ["booking", "book"],
    ["booked", "book"],
    ["running", "run"],
    ["planned", "plan"],
    ["staffing", "staff"],
  ])("folds %s to %s", (word, stem) => {
    expect(stemTerm(word)).toBe(stem);
  });

  it.each(["status", "process", "analysis", "bring", "string", "speed", "red", "role"])(
    "leaves %s alone (plural and verb look-alikes)",
    (word) => {
      expect(stemTerm(word)).toBe(word);
    },
  );
});
