import { describe, expect, it } from "vitest";
import { buildFieldIndex } from "../../src/search/postings.js";
import type { Concept } from "../../src/search/query.js";
import {
  addPhraseBonus,
  clauseCoverageOf,
  coverageOf,
  locate,
  scoreConcept,
} from "../../src/search/score.js";
import { analyze } from "../../src/search/text.js";
import { buildSections } from "./build-sections.js";

// Six sections: "sprint" is everywhere, "velocity" in one, "burndown" in two.
const sections = buildSections([
  { doc: "a.md", heading: "Velocity", body: "Sprint velocity is effort done in one sprint." },
  { doc: "b.md", heading: "Burndown", body: "A sprint burndown chart shows work left." },
  { doc: "c.md", heading: "Planning", body: "Sprint planning picks work; see the burndown." },
  { doc: "d.md", heading: "Review", body: "The sprint review shows the work." },
  { doc: "e.md", heading: "Retro", body: "The sprint retro looks back." },
  { doc: "f.md", heading: "Goal", body: "A sprint goal gives focus." },
]);
const index = buildFieldIndex(sections);
/** The index term of a word ("velocity" → its stem). */
const t = (word: string) => analyze(word)[0]?.term ?? word;
const word = (text: string, factor = 1): Concept => ({
  forms: [{ terms: [t(text)], factor }],
  emphasis: 1,
  corrected: false,
  clause: 0,
});

describe("scoreConcept", () => {
  it("weighs a concept by its rarity: a word in one section outweighs one in every section", () => {
    const rare = scoreConcept(index, word("velocity"), 0.3);
    const common = scoreConcept(index, word("sprint"), 0.3);
    expect(rare.weight).toBeGreaterThan(common.weight);
    expect([...rare.scores.keys()]).toEqual([0]);
    expect(common.scores.size).toBe(6);
  });

  it("counts a word in more than the ubiquity share of sections as uninformative", () => {
    expect(scoreConcept(index, word("sprint"), 0.3).informative).toBe(false);
    expect(scoreConcept(index, word("velocity"), 0.3).informative).toBe(true);
  });

  it("scales a section's score by the concept's emphasis (a wrapper word counts less)", () => {
    const full = scoreConcept(index, word("burndown"), 0.3);
    const weak = scoreConcept(index, { ...word("burndown"), emphasis: 0.3 }, 0.3);
    expect(weak.scores.get(1)).toBeCloseTo((full.scores.get(1) ?? 0) * 0.3);
  });

  it("finds a phrase form only where its words stand side by side", () => {
    expect(locate(index, { terms: [t("sprint"), t("velocity")], factor: 1 })).toBeDefined();
    expect(locate(index, { terms: [t("velocity"), t("burndown")], factor: 1 })).toBeUndefined();
  });
});

describe("coverageOf", () => {
  it("credits a section with the factor of the best form it contains", () => {
    const concept: Concept = {
      forms: [
        { terms: [t("burndown")], factor: 1 },
        { terms: [t("velocity")], factor: 0.4 },
      ],
      emphasis: 1,
      corrected: false,
      clause: 0,
    };
    const scored = scoreConcept(index, concept, 0.3);
    expect(coverageOf(scored, 1, false).share).toBe(1);
    expect(coverageOf(scored, 0, false).share).toBe(0.4);
    expect(coverageOf(scored, 4, false).share).toBe(0);
    // "Burndown" is section 1's heading: topical there, body-only in section 2.
    expect(coverageOf(scored, 1, false).topical).toBe(1);
    expect(coverageOf(scored, 2, false).topical).toBe(0);
  });
});

describe("addPhraseBonus", () => {
  it("adds to sections where neighbouring question words are adjacent, and only there", () => {
    const scores = new Float64Array(index.total);
    addPhraseBonus(index, [word("sprint"), word("velocity")], scores, 0.6);
    expect(scores[0]).toBeGreaterThan(0);
    expect([...scores].filter((value) => value > 0)).toHaveLength(1);
  });
});

describe("clauseCoverageOf", () => {
  const said = (text: string, clause: number) =>
    scoreConcept(index, { ...word(text), clause }, 0.3);

  it("is the share of the best-covered clause, where the whole question's share is lower", () => {
    // "my retro got cancelled, what is velocity": the first clause's "retro" is not in section
    // 0 ("Velocity"), the second clause's "velocity" is.
    const scored = [said("retro", 0), said("velocity", 1)];
    expect(clauseCoverageOf(scored, 0, 0.5)).toBe(1);
    expect(clauseCoverageOf(scored, 4, 0.5)).toBe(1);
    expect(clauseCoverageOf(scored, 3, 0.5)).toBe(0);
  });

  it("weighs a clause's concepts by rarity, as coverage does", () => {
    // At a ubiquity share of 0.5, "burndown" (in two sections of six) is informative too.
    const scored = [
      scoreConcept(index, word("velocity"), 0.5),
      scoreConcept(index, word("burndown"), 0.5),
    ];
    expect(scored.every((concept) => concept.informative)).toBe(true);
    const velocity = scored[0]?.weight ?? 0;
    const burndown = scored[1]?.weight ?? 0;
    expect(clauseCoverageOf(scored, 0, 0)).toBeCloseTo(velocity / (velocity + burndown));
  });

  it("leaves out uninformative concepts, and falls back to the whole question's share", () => {
    // "sprint" is in every section: it names no clause's topic.
    expect(clauseCoverageOf([said("sprint", 0), said("velocity", 1)], 3, 0.7)).toBe(0);
    expect(clauseCoverageOf([said("sprint", 0)], 3, 0.7)).toBe(0.7);
  });
});
