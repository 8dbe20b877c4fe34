import type { DecisionModel } from "./decide.js";

/**
 * Every knob of search in one place. Each says what it does, its default, and what data it was
 * fitted or checked on. Dev sets are those marked `dev` in test/eval/suite.json; test splits
 * are never used for fitting. `npm run eval -- --ablate` prints what each rule earns.
 */
export interface SearchTuning {
  /** Adjacent query words found adjacent in a section earn this share of a term (0.6). */
  phraseWeight: number;
  /** A phrase concept ("engineering manager") met only word by word earns this share (0.5). */
  partialWeight: number;
  /**
   * An author question makes a word topical only when the question covers at least this share
   * of its words (0.5): one shared word with "Does the office matter for agile?" does not make
   * "where is the office" that section's topic.
   */
  askedSimilarity: number;
  /** Candidates rescored by the kind of section they are (20). */
  rerankPool: number;
  /** Exponent of coverage in the score: covering more of the question beats one strong word (0.5). */
  coordination: number;
  /** Score bonus of a section stating a figure when the question asks for one (0.1). */
  amountBonus: number;
  /** Score factor of a "Further reading" / "See also" list of links (0.6). */
  pointerFactor: number;
  /** Largest boost, for a ubiquitous question, of a section whose heading is just its words (0.1). */
  headingPrecisionBonus: number;
  /** A term in more than this share of sections is ubiquitous ("delivery" in a DM handbook) (0.3). */
  ubiquity: number;
  /** The answer decision: see decide.ts. */
  decision: DecisionModel;
}

export const DEFAULT_TUNING: SearchTuning = {
  phraseWeight: 0.6,
  partialWeight: 0.5,
  askedSimilarity: 0.5,
  rerankPool: 20,
  coordination: 0.5,
  amountBonus: 0.1,
  pointerFactor: 0.6,
  headingPrecisionBonus: 0.1,
  ubiquity: 0.3,
  // Placeholder until fitted (replaced by `npm run eval -- --fit` output).
  decision: {
    weights: {
      coverage: 4,
      topicality: 1.5,
      rarestCoverage: 1.5,
      blockCoverage: 1,
      margin: 1,
      pageAgreement: 0.5,
      unknownShare: -2,
      headingMatch: 0.5,
    },
    bias: -5,
    answerAt: 0.5,
    bestMatchAt: 0.3,
  },
};

/**
 * Rules that can be switched off, one at a time, to measure what each earns
 * (`npm run eval -- --ablate`).
 */
export const RULES = [
  "typo-correction",
  "abbreviations",
  "related-words",
  "derivations",
  "phrase-bonus",
  "partial-phrases",
  "coordination",
  "amount-bonus",
  "pointer-demotion",
  "heading-precision",
] as const;

export type Rule = (typeof RULES)[number];
