/**
 * Bounded cost per question (issue 10, item 3): fuzzy matching has a per-question budget, and the
 * work one question causes is bounded by constants, whatever its length. Work is counted — fuzzy
 * words and bucket searches through an injected budget, lexicon reads through an injected
 * lexicon — never timed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFuzzyBudget,
  createVocabularyMatcher,
  type FuzzyBudget,
  MAX_FUZZY_LOOKUPS,
  MAX_FUZZY_WORDS,
} from "../../src/search/fuzzy.js";
import { createSearchIndex } from "../../src/search/index.js";
import { MAX_QUESTION_CHARS } from "../../src/search/types.js";
import type { Lexicon } from "../../src/search/wordnet.js";
import { buildSections } from "./build-sections.js";

const VOCABULARY = [
  "delivery",
  "manager",
  "retrospective",
  "velocity",
  "stakeholder",
  "backlog",
  "estimation",
  "planning",
  "sprint",
  "roadmap",
];

/** `word` with one letter dropped, `n` letters in: a typo one edit away. */
function typo(word: string, n: number): string {
  const at = 1 + (n % (word.length - 2));
  return word.slice(0, at) + word.slice(at + 1);
}

describe("fuzzy budget", () => {
  const matcher = createVocabularyMatcher(VOCABULARY);

  it("corrects the first MAX_FUZZY_WORDS distinct unknown words, then none", () => {
    const budget = createFuzzyBudget();
    const words = Array.from(
      { length: 30 },
      (_, n) => typo(VOCABULARY[n % 10] ?? "", n) + "x".repeat(Math.floor(n / 10)),
    );
    const distinct = [...new Set(words)];
    const answers = distinct.map((word) => matcher.closest(word, 4, budget));
    expect(budget.words).toBe(MAX_FUZZY_WORDS);
    expect(budget.lookups).toBeLessThanOrEqual(MAX_FUZZY_LOOKUPS);
    expect(answers.slice(MAX_FUZZY_WORDS).every((answer) => answer.length === 0)).toBe(true);
    // Without a budget every word is still looked up (the index always passes one).
    expect(matcher.closest(distinct[MAX_FUZZY_WORDS] ?? "")).not.toEqual([]);
  });

  it("answers a repeated word from its first lookup, at no further cost", () => {
    const budget = createFuzzyBudget();
    const first = matcher.closest("delivry", 4, budget);
    const used = { words: budget.words, lookups: budget.lookups };
    for (let i = 0; i < 100; i++) expect(matcher.closest("delivry", 4, budget)).toEqual(first);
    expect(first[0]?.word).toBe("delivery");
    expect({ words: budget.words, lookups: budget.lookups }).toEqual(used);
  });

  it("stops searching buckets when the lookups run out, mid-word", () => {
    const budget = createFuzzyBudget(100, 3);
    matcher.closest("retrospectve", 4, budget);
    matcher.closest("stakeholdr", 4, budget);
    expect(budget.lookups).toBe(3);
  });
});

/** A lexicon that knows nothing and counts how often it is asked. */
function countingLexicon(): Lexicon & { reads: number } {
  const lexicon = {
    reads: 0,
    related() {
      lexicon.reads++;
      return [];
    },
  };
  return lexicon;
}

function recordingIndex(bodies: readonly string[]) {
  const budgets: FuzzyBudget[] = [];
  const lexicon = countingLexicon();
  const sections = buildSections(
    bodies.map((body, n) => ({ doc: `d${n}.md`, heading: `Part ${n}`, body })),
  );
  const index = createSearchIndex(sections, {
    lexicon,
    fuzzyBudget: () => {
      const budget = createFuzzyBudget();
      budgets.push(budget);
      return budget;
    },
  });
  /** Work done by one question. */
  const work = (question: string) => {
    const reads = lexicon.reads;
    index.search(question);
    const budget = budgets[budgets.length - 1];
    return {
      fuzzyWords: budget?.words ?? Number.NaN,
      fuzzyLookups: budget?.lookups ?? Number.NaN,
      lexiconReads: lexicon.reads - reads,
    };
  };
  return { index, work };
}

/** Words in the first MAX_QUESTION_CHARS characters: at most one per two characters. */
const MAX_WORDS_READ = Math.ceil(MAX_QUESTION_CHARS / 2);

describe("work per question", () => {
  const handbook = VOCABULARY.map(
    (word, n) => `The ${word} of the team, part ${n}, and its ${VOCABULARY[(n + 3) % 10]}.`,
  );

  it("spends one fresh budget per question, and never more than it allows", () => {
    const { work } = recordingIndex(handbook);
    // The probe's question: 40,000 characters of misspelt words.
    const wall = Array.from(
      { length: 5000 },
      (_, n) => typo(VOCABULARY[n % 10] ?? "", n) + "q".repeat(n % 7),
    ).join(" ");
    const long = work(wall);
    expect(long.fuzzyWords).toBe(MAX_FUZZY_WORDS);
    expect(long.fuzzyLookups).toBeLessThanOrEqual(MAX_FUZZY_LOOKUPS);
    // The next question starts with a full budget: its typo is still corrected.
    expect(work("what is velocty").fuzzyWords).toBe(1);
  });

  it("is bounded by constants, not by the question's length (property)", () => {
    const word = fc.oneof(
      fc.constantFrom(...VOCABULARY),
      fc.constantFrom(...VOCABULARY).map((w) => typo(w, w.length)),
      fc.string({
        unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéß"),
        minLength: 1,
        maxLength: 14,
      }),
    );
    const question = fc
      .tuple(fc.array(word, { maxLength: 3000 }), fc.constantFrom(" ", "  ", "-", ", ", "\n"))
      .map(([words, separator]) => words.join(separator));
    const content = fc.array(
      fc
        .array(fc.oneof(word, fc.constantFrom("the", "and", "of")), { minLength: 1, maxLength: 40 })
        .map((words) => words.join(" ")),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        content,
        fc.array(question, { minLength: 1, maxLength: 3 }),
        (bodies, questions) => {
          const { work } = recordingIndex(bodies);
          for (const asked of questions) {
            const done = work(asked);
            expect(done.fuzzyWords).toBeLessThanOrEqual(MAX_FUZZY_WORDS);
            expect(done.fuzzyLookups).toBeLessThanOrEqual(MAX_FUZZY_LOOKUPS);
            expect(done.lexiconReads).toBeLessThanOrEqual(MAX_WORDS_READ);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
