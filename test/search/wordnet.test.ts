import { describe, expect, it } from "vitest";
import { createSearchIndex } from "../../src/search/index.js";
import { createWordNetLexicon } from "../../src/search/wordnet.js";
import { buildSections, otherPages } from "./build-sections.js";

const lexicon = createWordNetLexicon();
const words = (entries: ReturnType<typeof lexicon.related>) =>
  entries.map((e) => e.words.join(" "));

describe("createWordNetLexicon", () => {
  it("gives a word's synonyms, commonest sense first", () => {
    const maternity = lexicon.related("maternity");
    expect(words(maternity)).toContain("pregnancy");
    expect(maternity.find((e) => e.words.join(" ") === "pregnancy")).toMatchObject({
      relation: "synonym",
      sense: 0,
    });
  });

  it("finds an inflected word through WordNet's own base forms", () => {
    expect(words(lexicon.related("vacations"))).toContain("holiday");
  });

  it("reads broader terms only when asked for them", () => {
    expect(lexicon.related("vacation").some((e) => e.relation === "hypernym")).toBe(false);
    const broader = lexicon.related("vacation", new Set(["hypernym"]));
    expect(words(broader)).toContain("leisure");
    expect(broader.every((e) => e.relation === "hypernym")).toBe(true);
  });

  it("knows nothing of a typo or an empty word", () => {
    expect(lexicon.related("vacaton")).toEqual([]);
    expect(lexicon.related("")).toEqual([]);
  });

  it("tells an English word, inflected or not, from a typo", () => {
    expect(lexicon.knows?.("dime")).toBe(true);
    expect(lexicon.knows?.("flowers")).toBe(true);
    expect(lexicon.knows?.("vacaton")).toBe(false);
    expect(lexicon.knows?.("")).toBe(false);
  });
});

describe("WordNet in search", () => {
  const index = createSearchIndex(
    buildSections([
      {
        doc: "office.md",
        title: "Office",
        heading: "Gymnasium",
        body: "The gymnasium opens at 7.",
      },
      { doc: "leave.md", title: "Leave", heading: "Pregnancy leave", body: "Sixteen weeks, paid." },
      { doc: "gems.md", title: "Awards", heading: "Hidden gems", body: "A gem of a project." },
    ]),
    { lexicon },
  );

  it("reaches a section through a synonym of a word the handbook never uses", () => {
    expect(index.search("is there a gym").results[0]?.section.id).toBe("office.md#gymnasium");
    expect(index.search("maternity leave").results[0]?.section.id).toBe("leave.md#pregnancy-leave");
  });

  it("does not reach through WordNet when switched off", () => {
    const without = createSearchIndex(
      buildSections([
        { doc: "office.md", title: "Office", heading: "Gymnasium", body: "The gymnasium opens." },
      ]),
      { lexicon, disable: new Set(["wordnet"]) },
    );
    expect(without.search("is there a gym").results[0]?.section.id).not.toBe("office.md#gymnasium");
  });

  it("corrects a typo into a handbook word, but not another English word into one", () => {
    const guide = createSearchIndex(
      buildSections([
        { doc: "style.md", title: "Style", heading: "Passive voice", body: "Prefer the active." },
        { doc: "team.md", title: "Team", heading: "Shared calendar", body: "Book leave in it." },
      ]),
      { lexicon },
    );
    // "calender" is a word (a pressing machine), but a vowel for a vowel is a slip of the fingers.
    expect(guide.search("where is the team calender").results[0]?.section.id).toBe(
      "team.md#shared-calendar",
    );
    // "massive" is one letter from "passive", a letter far from the right key: another word.
    expect(guide.search("massive").results).toEqual([]);
  });

  it("corrects an English word by any one edit when real-word-slips is switched off", () => {
    const guide = createSearchIndex(
      buildSections([
        { doc: "style.md", title: "Style", heading: "Passive voice", body: "Prefer the active." },
      ]),
      { lexicon, disable: new Set(["real-word-slips"]) },
    );
    expect(guide.search("massive").results[0]?.section.id).toBe("style.md#passive-voice");
  });

  describe("sure slips (a word no lexicon lists, one slip from a handbook word)", () => {
    const sections = buildSections([
      { doc: "it.md", title: "IT", heading: "Lost phone", body: "Call the service desk at once." },
      { doc: "time.md", title: "Time", heading: "Working hours", body: "We work 37 hours a week." },
      {
        doc: "life.md",
        title: "Benefits",
        heading: "Line manager",
        body: "Your line manager signs.",
      },
    ]);
    // Read as the handbook's word, not respelt as English first (rule `english-slips`, below).
    const english = new Set(["english-slips"] as const);
    const guide = createSearchIndex(sections, { lexicon, disable: english });
    const without = createSearchIndex(sections, {
      lexicon,
      disable: new Set(["sure-slips", ...english]),
    });
    const coverage = (index: typeof guide, question: string) =>
      index.search(question).results[0]?.coverage ?? 0;

    it("reads a short one as its word, with no neighbour to confirm it", () => {
      // "phne" is no English word, and one letter short of "phone".
      expect(guide.search("lost my phne").results[0]?.section.id).toBe("it.md#lost-phone");
      // Four letters and alone: without the rule a correction needs a phrase to confirm it.
      expect(without.search("phne").results).toEqual([]);
      // "life" is an English word: one edit from "line", but not corrected alone.
      expect(guide.search("life").results).toEqual([]);
    });

    it("counts it nearly as if typed right, where other corrections count 1 − 2·edits/length", () => {
      const typed = coverage(guide, "how many huors a week");
      expect(coverage(guide, "how many hours a week")).toBeGreaterThan(typed);
      // "huors" → "hours" is a swap in a five-letter word: 0.6 of a match without the rule.
      expect(typed).toBeGreaterThan(coverage(without, "how many huors a week"));
      expect(typed).toBeGreaterThanOrEqual(0.9 * coverage(guide, "how many hours a week") - 1e-9);
    });

    it("counts no slip as sure when the lexicon cannot tell a word from a typo", () => {
      const blind = createSearchIndex(sections, { lexicon: { related: () => [] } });
      expect(coverage(blind, "how many huors a week")).toBe(
        coverage(without, "how many huors a week"),
      );
      expect(blind.search("phne").results).toEqual([]);
    });

    it("does not count an English word's slip as sure", () => {
      // "hoard" is an English word: corrected only by a slip, at the plain discount.
      expect(coverage(guide, "hoard")).toBe(coverage(without, "hoard"));
    });
  });

  describe("english slips (a word neither the handbook's nor English, one slip from an English word)", () => {
    const sections = buildSections([
      {
        doc: "time.md",
        title: "Time",
        heading: "Working hours",
        body: "A typical week is 37 hours.",
      },
      { doc: "pay.md", title: "Pay", heading: "Payday", body: "Salaries are paid monthly." },
      ...otherPages("Laptops", "Travel", "Expenses", "Security"),
    ]);
    const guide = createSearchIndex(sections, { lexicon });
    const without = createSearchIndex(sections, { lexicon, disable: new Set(["english-slips"]) });
    const best = (index: typeof guide, question: string) => index.search(question).results[0];

    it("reads a mistyped word the handbook never writes as the English word it is", () => {
      // "goinhg" → "going", an everyday word: it no longer weighs as a word nothing covers.
      const question = "how many hours are we goinhg to work";
      expect(best(guide, question)?.coverage).toBeGreaterThan(
        best(without, question)?.coverage ?? 0,
      );
      expect(best(guide, question)?.coverage).toBeCloseTo(
        best(guide, "how many hours are we going to work")?.coverage ?? 0,
      );
    });

    it("reaches the handbook through the respelt word's own family", () => {
      // "typivcally" is three edits from the handbook's "typical", one from "typically".
      expect(best(guide, "typivcally")?.section.id).toBe("time.md#working-hours");
      expect(best(without, "typivcally")).toBeUndefined();
    });
  });
});
