import type { DecisionModel } from "./decide.js";
import { type BM25FParams, DEFAULT_BM25F } from "./postings.js";
import { DEFAULT_QUERY_SHARES, type QueryShares } from "./query.js";

/**
 * Every knob of search in one place. Each says what it does, its default, and what data it was
 * fitted or checked on. Dev sets are those marked `dev` in test/eval/suite.json; test splits
 * are never used for fitting. `npm run eval -- --ablate` prints what each rule earns.
 */
export interface SearchTuning {
  /**
   * BM25F's field weights, length normalisation, page-title weight and saturation (postings.ts
   * documents each). Field weights hand-set (heading 4, author questions 4, title 2, breadcrumb
   * 1.2, body 1); body b swept on the blind dev splits (2026-12-07, 0.1–1.0, ranked-first): 0.8
   * → 0.3 raised 18F 0.71 → 0.76, GDS Way 0.74 → 0.76, Mattermost 0.59 → 0.62, role level at
   * 0.85; 0.2–0.5 all beat 0.8 on each of the three.
   * Twelfth session, searched with the ranking knobs below (phraseWeight, coordination,
   * pageContext): each of 13 moved alone, then 260 random combinations, ranked-first on the
   * blind dev sets. The best combination gained 0.012 (0.724 → 0.736) but, picked on four
   * corpora and read on the fifth, lost 0.012 (0.712 held out): the landscape is flat within a
   * question or two per corpus, and the hand-set values stay (src/search/README.md).
   */
  bm25f: BM25FParams;
  /**
   * How much a question word counts through a reading other than itself (query.ts): an everyday
   * wrapper word's weight (0.3; below 1, or it is read as a topic word), a compound's content
   * word alone (0.5: "call" for "on call"), a derived word (0.8: "blocker" for "block"). Hand-set;
   * twelfth session, each moved alone on the blind dev splits (ranked-first, each corpus the
   * same weight; figures in src/search/README.md).
   */
  query: QueryShares;
  /** Adjacent query words found adjacent in a section earn this share of a term (0.6). */
  phraseWeight: number;
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
  /**
   * Score factor of a section that is mostly links (a "Further reading" list), and of one on a
   * person's own page (0.6). The personal-page use is not fitted: no dev corpus has such pages
   * (the held-out report of issue 9 found them ranked first on a large company handbook).
   */
  pointerFactor: number;
  /** Largest boost, for a ubiquitous question, of a section whose heading is just its words (0.1). */
  headingPrecisionBonus: number;
  /**
   * Score bonus of a section whose own heading says the question, every word of each in the
   * other ("how much are delivery managers paid" / "How much is a delivery manager paid?"), over
   * sections that match only through their page or a related word (0.1); not for a how
   * long / often / many question, whose figure the heading does not promise. Dev splits, sixth
   * session: 0.05, 0.1 and 0.15 each gain the earlier role set and the public role set one
   * question, nothing else moving; 0.25 costs the earlier 18F set two.
   */
  exactHeadingBonus: number;
  /**
   * Boost by the share of the candidates' informative evidence on the same page: page context
   * (0.2). On the dev splits 0.2 and 0.5 are level (±0.02 top1 per set); 0.5 pushed a
   * long page's sections above the page a public role question asks for (top3 1.0 → 0.97).
   */
  pageContext: number;
  /**
   * The share of a match a question word earns toward the decision's topicality when the best
   * section's first sentence says it but its title, headings and author questions do not
   * (0.5). Many handbooks head a section with a name ("Bravely", "Service credentials") and
   * say in the first sentence what it is. Tenth session, shipped weights, points set again on
   * the calibration split and left out one corpus at a time, mean top1 / abstain: 0.369 / 0.887
   * without; with the whole first sentence, 0.377 / 0.901 at 0.5 and 0.387 / 0.901 at 1, but 1
   * cost Basecamp, role's sixth batch and three off-topic sets on the dev splits. Kept: 0.5,
   * over the sentence's first ten words and only informative concepts (a word every section
   * uses names no topic), 0.377 / 0.901, which leaves a role out-of-scope question ("how long
   * does a typical engagement last") unanswered that the whole sentence answered.
   */
  leadTopicality: number;
  /**
   * The share of a match a sure slip's correction earns (0.9): a word no lexicon lists, one
   * slip of the fingers (a swap, a letter left out or added, a neighbouring key, a vowel for a
   * vowel) from a handbook word. Other corrections earn 1 − 2·edits/length ("huors" → "hours"
   * would earn 0.6, and a typo'd question read so is withheld where the same question typed
   * right is answered). Fitted on synthetic typos (`npm run eval -- --suite --typos`, dev splits,
   * seeds 1, 7, 13; ninth session), mean over the sets of top1 / ranked-first / abstain with
   * typos: rule off 0.648 / 0.768 / 0.922; 0.8: 0.658 / 0.773 / 0.914; 0.9: 0.667 / 0.780 /
   * 0.905; 0.95: 0.673 / 0.780 / 0.901; 1: 0.677 / 0.780 / 0.897. As written, abstain is 0.907:
   * 0.9 is the largest share at which a typo does not get out-of-scope questions answered more
   * often than typed right. The dev splits as written: Mattermost top1 +0.01, nothing else moved.
   */
  sureSlipShare: number;
  /** A term in more than this share of sections is ubiquitous ("delivery" in a DM handbook) (0.3). */
  ubiquity: number;
  /**
   * WordNet forms of a word the handbook never uses: the share of a match each relation earns
   * (synonym 0.4; broader term and derived form 0, i.e. off), times `senseDecay` per less common
   * sense (0.5), at most `maxForms` forms per word (6). Each form also weighs by its own rarity.
   */
  lexicon: {
    synonym: number;
    hypernym: number;
    derived: number;
    senseDecay: number;
    maxForms: number;
  };
  /** The answer decision: see decide.ts. */
  decision: DecisionModel;
}

export const DEFAULT_TUNING: SearchTuning = {
  bm25f: DEFAULT_BM25F,
  query: DEFAULT_QUERY_SHARES,
  phraseWeight: 0.6,
  askedSimilarity: 0.5,
  rerankPool: 20,
  coordination: 0.5,
  amountBonus: 0.1,
  pointerFactor: 0.6,
  headingPrecisionBonus: 0.1,
  exactHeadingBonus: 0.1,
  ubiquity: 0.3,
  sureSlipShare: 0.9,
  pageContext: 0.2,
  leadTopicality: 0.5,
  // Dev splits, 2026-11-29: broader terms and derived forms (0.4/0.5) cost ranked-first on
  // every blind handbook set (GDS Way 0.76 → 0.69); synonyms alone at 0.4, for words the
  // handbook never uses, are neutral on ranking and gain one top1 each on role, 18F, Mattermost.
  lexicon: { synonym: 0.4, hypernym: 0, derived: 0, senseDecay: 0.5, maxForms: 6 },
  // Fitted by `npm run eval -- --suite --fit` on the dev splits of test/eval/suite.json (the
  // blind role, 18F, GDS Way, Mattermost and Clef sets of every batch up to the sixth, plus the
  // earlier role and 18F sets), each corpus weighing the same (eleventh session, 2026-12-08,
  // when `clauseCoverage` joined the features). Operating points (DEFAULT_FIT in eval-fit.ts)
  // set on the calibration split, blind sets no rule or word list was written from: at most 10%
  // of its out-of-scope questions get any reply (issue 9's abstain ≥ 0.9), at most 5% a
  // confident one, and confident replies right at least 85% of the time. Five calibration sets
  // (role, 18F, GDS Way, Mattermost, Clef): the two on local-only corpora (DfE, Sourcegraph)
  // were not on this machine, as they are not in CI.
  // Leave-one-corpus-out, against the model before (six features, points 0.739 / 0.557), mean
  // top1 / abstain: dev blind sets 0.678 / 0.758 → 0.692 / 0.790, sixth batch 0.415 / 0.950 →
  // 0.482 / 0.950, calibration 0.406 / 0.902 → 0.434 / 0.884 (`--split calibration --loco`).
  // Fitted before the same session's 228 new author questions in content/; refitting after them
  // gives nearly the same weights with points 0.692 / 0.500 (looser), so these stay.
  // Set on the dev splits at 15% (until the eighth session), the points had answered 8.6% of
  // unseen out-of-scope questions, not 15%: the dev questions' wordings had been read while the
  // word lists were written, so their evidence is stronger than a new question's.
  decision: {
    weights: {
      coverage: 0.952,
      topicality: 1.092,
      blockCoverage: 1.026,
      margin: 2.396,
      pageAgreement: 1.092,
      headingMatch: 2.004,
      clauseCoverage: 2.793,
    },
    bias: -4.565,
    answerAt: 0.699,
    bestMatchAt: 0.522,
  },
};

/**
 * Rules that can be switched off, one at a time, to measure what each earns
 * (`npm run eval -- --ablate`).
 */
export const RULES = [
  "typo-correction",
  "english-slips",
  "real-word-slips",
  "sure-slips",
  "chat-padding",
  "abbreviations",
  "related-words",
  "derivations",
  "phrase-bonus",
  "coordination",
  "amount-bonus",
  "heading-precision",
  "exact-heading",
  "skip-empty-sections",
  "link-list-demotion",
  "personal-page-demotion",
  "page-context",
  "wrapper-only",
  "passing-mention",
  "wordnet",
  "compounds",
  "lead-topicality",
  "clause-coverage",
] as const;

export type Rule = (typeof RULES)[number];
