import { describe, expect, it } from "vitest";
import {
  addTypo,
  createRandom,
  parsePadding,
  withPadding,
  withTypos,
} from "../../src/cli/eval-noise.js";
import { editDistance, isTypingSlip } from "../../src/search/fuzzy.js";

describe("createRandom", () => {
  it("gives the same numbers for the same seed, other numbers for another, all in [0, 1)", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 200 }, () => random());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(2)).not.toEqual(draw(1));
    expect(draw(3).every((n) => n >= 0 && n < 1)).toBe(true);
  });
});

describe("addTypo", () => {
  const words = [
    "vacation",
    "expenses",
    "laptop",
    "hours",
    "retrospective",
    "onboarding",
    "all",
    "canceled",
    "m365",
  ];

  it("makes one slip of the fingers, never in the first letter", () => {
    const random = createRandom(7);
    for (let i = 0; i < 400; i++) {
      const word = words[i % words.length] as string;
      const typed = addTypo(word, random);
      expect(typed).not.toBe(word);
      expect(typed[0]).toBe(word[0]);
      // One edit (a swap of neighbours counts as one), and one a typist makes.
      expect(editDistance(typed, word)).toBe(1);
      expect(isTypingSlip(typed, word)).toBe(true);
    }
  });

  it("makes each of the four slips", () => {
    const random = createRandom(3);
    const kinds = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const typed = addTypo("vacation", random);
      if (typed.length < 8) kinds.add("drop");
      else if (typed.length > 8) kinds.add("extra");
      else if ([...typed].sort().join("") === [..."vacation"].sort().join("")) kinds.add("swap");
      else kinds.add("neighbour");
    }
    expect([...kinds].sort()).toEqual(["drop", "extra", "neighbour", "swap"]);
  });

  it("leaves a word of fewer than three letters alone", () => {
    expect(addTypo("ok", createRandom(1))).toBe("ok");
  });
});

describe("withTypos", () => {
  const questions = [
    { q: "how many vacation days do I get", expect: [["Vacation"]] },
    { q: "who is on call", expect: [["On-call"]] },
    { q: "what is the wifi password at the office", expect: null },
  ];

  it("copies each question with a long word, one typo in one such word, expectation unchanged", () => {
    const typed = withTypos(questions, createRandom(5), 3);
    // "who is on call" has no word of five letters or more: left out.
    expect(typed).toHaveLength(6);
    expect(typed.slice(0, 3).every((t) => t.expect === questions[0]?.expect)).toBe(true);
    expect(typed.slice(3).every((t) => t.expect === null)).toBe(true);
    for (const [i, t] of typed.entries()) {
      const source = (i < 3 ? questions[0] : questions[2])?.q ?? "";
      expect(t.q).not.toBe(source);
      const before = source.split(" ");
      const after = t.q.split(" ");
      expect(after).toHaveLength(before.length);
      const changed = before.filter((word, w) => word !== after[w]);
      expect(changed).toHaveLength(1);
      expect(changed[0]?.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("draws the same typos from the same seed", () => {
    expect(withTypos(questions, createRandom(9))).toEqual(withTypos(questions, createRandom(9)));
  });
});

describe("withPadding and parsePadding", () => {
  const padding = { openers: ["hey team, ", "quick q: "], closers: [" ty!", " :pray:"] };
  const questions = [
    { q: "how long is parental leave", expect: [["Parental"]] },
    { q: "what is the wifi password", expect: null },
  ];

  it("wraps each question in an opener, a closer or both, expectation unchanged", () => {
    const padded = withPadding(questions, padding, createRandom(2), 30);
    expect(padded).toHaveLength(60);
    const shapes = new Set<string>();
    for (const [i, p] of padded.entries()) {
      const source = questions[i < 30 ? 0 : 1];
      expect(p.expect).toBe(source?.expect);
      const at = p.q.indexOf(source?.q ?? "");
      expect(at).toBeGreaterThanOrEqual(0);
      const before = p.q.slice(0, at);
      const after = p.q.slice(at + (source?.q.length ?? 0));
      expect(before === "" || padding.openers.includes(before)).toBe(true);
      expect(after === "" || padding.closers.includes(after)).toBe(true);
      shapes.add(`${before !== ""}/${after !== ""}`);
    }
    expect([...shapes].sort()).toEqual(["false/true", "true/false", "true/true"]);
  });

  it("takes a file with openers or closers, and names what is wrong with any other", () => {
    expect(parsePadding({ openers: ["hi, "], closers: [] }, "p.json")).toEqual({
      openers: ["hi, "],
      closers: [],
    });
    expect(() => parsePadding([], "p.json")).toThrow(
      'p.json: expected {"openers": [...], "closers": [...]}',
    );
    expect(() => parsePadding({ openers: "hi", closers: [] }, "p.json")).toThrow(
      'p.json: "openers" must be a list of texts',
    );
    expect(() => parsePadding({ openers: [], closers: [] }, "p.json")).toThrow(
      "p.json: no openers and no closers",
    );
  });
});
