import { describe, expect, it } from "vitest";
import { createSearchIndex } from "../../src/search/index.js";
import { createWordNetLexicon } from "../../src/search/wordnet.js";
import { buildSections } from "./build-sections.js";

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
});
