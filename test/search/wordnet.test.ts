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
});
