import { describe, expect, it } from "vitest";
import {
  type BM25FParams,
  buildFieldIndex,
  buildFieldIndexSteps,
  DEFAULT_BM25F,
  decodeFieldIndex,
  encodeFieldIndex,
  type FieldIndex,
  positionOf,
  sameBM25F,
} from "../../src/search/postings.js";
import { compoundWord, normalizeWord } from "../../src/search/text.js";
import { buildSections } from "./build-sections.js";

const sections = buildSections([
  { doc: "leave.md", title: "Leave", body: "Request time off in the HR portal before you go." },
  {
    doc: "leave.md",
    heading: "Sick leave",
    body: ["Tell your lead on the day.", "No stand-ups while ill; 1-1s move."],
    questions: ["what if I am sick?"],
  },
  { doc: "tools.md", title: "Tools", aliases: ["Software"], body: "E-mail and chat tools." },
]);

describe("encodeFieldIndex / decodeFieldIndex", () => {
  it("gives back the same index: every term, posting, weight, bigram and written form", () => {
    const index = buildFieldIndex(sections);
    const decoded = decodeFieldIndex(encodeFieldIndex(index, { note: ["kept"] }));
    expect(decoded?.extra).toEqual({ note: ["kept"] });
    expect(decoded?.index.total).toBe(index.total);
    expect([...(decoded?.index.terms ?? [])]).toEqual([...index.terms]);
    expect([...(decoded?.index.surfaceTerm ?? [])]).toEqual([...index.surfaceTerm]);
    expect([...(decoded?.index.display ?? [])]).toEqual([...index.display]);
    expect(decoded?.index.termPostings).toEqual(index.termPostings);
    expect(decoded?.index.bigramPostings).toEqual(index.bigramPostings);
    for (const [first, a] of index.terms) {
      for (const [second, b] of index.terms) {
        expect(decoded?.index.bigrams.get(a, b), `${first} ${second}`).toBe(
          index.bigrams.get(a, b),
        );
      }
    }
  });

  it("reads a snapshot at any byte offset (a buffer slice is not always aligned)", () => {
    const bytes = encodeFieldIndex(buildFieldIndex(sections));
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    expect(decodeFieldIndex(shifted)?.index.termPostings).toEqual(
      decodeFieldIndex(bytes)?.index.termPostings,
    );
  });

  it("is a miss, not an error or a wrong index, for bytes that are not a whole snapshot", () => {
    const bytes = encodeFieldIndex(buildFieldIndex(sections));
    for (const cut of [0, 4, 8, 100, bytes.length - 9]) {
      expect(decodeFieldIndex(bytes.subarray(0, cut)), `cut at ${cut}`).toBeUndefined();
    }
    expect(decodeFieldIndex(new TextEncoder().encode("not an index at all"))).toBeUndefined();
    const otherFormat = bytes.slice();
    // The header's `"format":2` becomes `"format":3`.
    const header = new TextDecoder().decode(otherFormat.subarray(8, 40));
    const at = 8 + header.indexOf('"format":2') + '"format":'.length;
    otherFormat[at] = "3".charCodeAt(0);
    expect(decodeFieldIndex(otherFormat)).toBeUndefined();
  });

  it("keeps the BM25F parameters the weights were computed with, and refuses a header without them", () => {
    const params = { ...DEFAULT_BM25F, k1: 0.9 };
    const bytes = encodeFieldIndex(buildFieldIndex(sections, params));
    expect(decodeFieldIndex(bytes)?.index.params).toEqual(params);
    // `"k1":0.9` becomes `"k1":"x9"` (same length): not a number, so not parameters.
    const mangled = bytes.slice();
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
    const at = 8 + header.indexOf('"k1":0.9') + '"k1":'.length;
    mangled.set(new TextEncoder().encode('"x9'), at);
    expect(decodeFieldIndex(mangled)).toBeUndefined();
  });
});

describe("BM25F parameters", () => {
  const weightIn = (index: FieldIndex, word: string, section: number) => {
    const id = index.terms.get(normalizeWord(word));
    if (id === undefined) return 0;
    const position = positionOf(index.termPostings, id, section);
    return position < 0 ? 0 : (index.termPostings.weights[position] ?? 0);
  };
  // Section 1 is "Sick leave": "sick" in its heading, author question and nowhere else on it.
  const sick = (params: BM25FParams) => weightIn(buildFieldIndex(sections, params), "sick", 1);

  it("weighs a word by the fields it is in, each by its weight", () => {
    const base = sick(DEFAULT_BM25F);
    const withoutHeading = sick({
      ...DEFAULT_BM25F,
      weights: { ...DEFAULT_BM25F.weights, heading: 0 },
    });
    const heavierHeading = sick({
      ...DEFAULT_BM25F,
      weights: { ...DEFAULT_BM25F.weights, heading: 8 },
    });
    expect(withoutHeading).toBeGreaterThan(0);
    expect(withoutHeading).toBeLessThan(base);
    expect(heavierHeading).toBeGreaterThan(base);
  });

  it("saturates sooner with a smaller k1: a strong match adds less beyond the first occurrence", () => {
    const ratio = (k1: number) => sick({ ...DEFAULT_BM25F, k1 }) / (k1 + 1);
    // sat(x)/(k1 + 1) = x/(k1 + x): nearer 1 when k1 is small.
    expect(ratio(0.5)).toBeGreaterThan(ratio(2));
  });

  it("lifts every section of a page by its title, through documentWeight alone", () => {
    const title = (documentWeight: number) =>
      weightIn(buildFieldIndex(sections, { ...DEFAULT_BM25F, documentWeight }), "leave", 0);
    expect(title(0)).toBe(0);
    expect(title(1.4)).toBeCloseTo(2 * title(0.7), 5);
  });

  it("knows two parameter sets apart", () => {
    expect(sameBM25F(DEFAULT_BM25F, { ...DEFAULT_BM25F })).toBe(true);
    expect(sameBM25F(DEFAULT_BM25F, { ...DEFAULT_BM25F, k1: 1 })).toBe(false);
    expect(
      sameBM25F(DEFAULT_BM25F, { ...DEFAULT_BM25F, b: { ...DEFAULT_BM25F.b, body: 0.75 } }),
    ).toBe(false);
  });
});

describe("buildFieldIndexSteps", () => {
  const yieldsFor = (bodies: readonly string[]) => {
    const steps = buildFieldIndexSteps(
      buildSections(bodies.map((body, i) => ({ doc: `p${i}.md`, heading: `Part ${i}`, body }))),
    );
    let yields = 0;
    while (!steps.next().done) yields++;
    return yields;
  };

  it("yields by the amount of text read, not only every few dozen sections", () => {
    // A reload's longest stall is one slice plus one step: a handful of long sections must not
    // be tokenised in one step.
    const words = (count: number) =>
      Array.from({ length: count }, (_, i) => `word${i % 500}`).join(" ");
    const short = yieldsFor(Array.from({ length: 6 }, () => words(5)));
    const long = yieldsFor(Array.from({ length: 6 }, () => words(4000)));
    expect(long - short).toBeGreaterThanOrEqual(5);
  });
});

describe("compounds in the text", () => {
  it("counts a word and its particle once, hyphenated or written apart", () => {
    const index = buildFieldIndex(
      buildSections([
        { doc: "a.md", title: "Cycles", body: "A cool-down week follows each cycle." },
        { doc: "b.md", title: "Cycles", body: "A cool down week follows each cycle." },
        { doc: "c.md", title: "Desks", body: "Everyone checked-in by nine." },
      ]),
    );
    const weightOf = (term: string, section: number) => {
      const id = index.terms.get(normalizeWord(term));
      if (id === undefined) return undefined;
      const position = positionOf(index.termPostings, id, section);
      return position < 0 ? 0 : index.termPostings.weights[position];
    };
    const cooldown = compoundWord("cool", "down");
    expect(weightOf(cooldown, 0)).toBeGreaterThan(0);
    expect(weightOf(cooldown, 0)).toBe(weightOf(cooldown, 1));
    // "in" is not joined when written apart, but a hyphenated "checked-in" is the question's
    // "check in" ("checkin"), not "checkedin".
    expect(weightOf(compoundWord("checked", "in"), 2)).toBeGreaterThan(0);
  });
});
