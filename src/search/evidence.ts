import { type Decision, type DecisionFeatures, decide, noMatch } from "./decide.js";
import type { Concept } from "./query.js";
import type { Candidate } from "./rank.js";
import { clauseCoverageOf, coverageOf, type ScoredConcept } from "./score.js";
import {
  blockCoverage,
  headingPrecision,
  isAskedLikeThis,
  type SectionFacts,
} from "./section-facts.js";
import type { Rule, SearchTuning } from "./tuning.js";

/**
 * What one question's candidates are measured by, as pure functions: how much of the question a
 * section covers and how topically (re-ranking and the decision), whether its heading says the
 * question, how much of the pool's evidence its page holds, and the decision's measurements of
 * the best result with the two rules that answer `none` before the model is asked.
 */

/** A question as its candidates are measured against it. */
export interface QuestionEvidence {
  concepts: readonly Concept[];
  /** Each concept's weight and scores (score.ts). */
  scored: readonly ScoredConcept[];
  /** Every term of every form of every concept. */
  terms: ReadonlySet<string>;
  /** The concepts' weights summed: what coverage is a share of. */
  totalWeight: number;
}

export function questionEvidence(
  concepts: readonly Concept[],
  scored: readonly ScoredConcept[],
): QuestionEvidence {
  return {
    concepts,
    scored,
    terms: new Set(concepts.flatMap((c) => c.forms.flatMap((form) => form.terms))),
    totalWeight: scored.reduce((sum, c) => sum + c.weight, 0),
  };
}

/** How a candidate covers the question: the evidence the decision weighs. */
export interface Assessment {
  /** Rarity-weighted share of the question's concepts the section contains. */
  coverage: number;
  /** The share of that found where the section names its topic (title, headings, questions). */
  topicality: number;
  /** The words it matched, as the handbook writes them. */
  matched: string[];
}

/** How much of the question a section covers, how topically, and with which words. */
export function assess(
  question: QuestionEvidence,
  facts: SectionFacts,
  section: number,
  askedSimilarity: number,
  displayOf: (term: string) => string,
): Assessment {
  let covered = 0;
  let coveredTopically = 0;
  const matched = new Set<string>();
  const asked = isAskedLikeThis(facts, section, question.terms, askedSimilarity);
  for (const concept of question.scored) {
    const { share, topical, matched: found } = coverageOf(concept, section, asked);
    covered += concept.weight * share;
    coveredTopically += concept.weight * topical;
    for (const term of found) matched.add(displayOf(term));
  }
  const { totalWeight } = question;
  return {
    coverage: totalWeight > 0 ? covered / totalWeight : 0,
    topicality: totalWeight > 0 ? coveredTopically / totalWeight : 0,
    matched: [...matched],
  };
}

/**
 * The section's own heading and the question say the same thing: every heading word is a
 * question word (any of its forms), and every concept of the question is in the heading.
 */
export function namesQuestion(
  question: QuestionEvidence,
  facts: SectionFacts,
  section: number,
): boolean {
  // Precision is 0 for a section without a heading.
  if (headingPrecision(facts, section, question.terms) < 1) return false;
  const heading = new Set(facts.headingTerms(section));
  return question.concepts.every((concept) =>
    concept.forms.some((form) => form.terms.every((term) => heading.has(term))),
  );
}

/**
 * Each page's share of the pool's informative evidence: the right page tends to match in
 * several sections, an incidental one in one. Only the question's informative concepts count:
 * words every section uses ("delivery manager" in a DM handbook) would favour the longest page.
 * Returns the share of a section's page (0 when the pool has no informative evidence).
 */
export function pageShares(
  pool: readonly Candidate[],
  scored: readonly ScoredConcept[],
  pageOf: (section: number) => string,
): (section: number) => number {
  const informative = scored.filter((c) => c.informative);
  const evidenceOf = new Map<string, number>();
  let total = 0;
  for (const candidate of pool) {
    const page = pageOf(candidate.index);
    let evidence = 0;
    for (const c of informative) evidence += c.scores.get(candidate.index) ?? 0;
    evidenceOf.set(page, (evidenceOf.get(page) ?? 0) + evidence);
    total += evidence;
  }
  return (section) => (total > 0 ? (evidenceOf.get(pageOf(section)) ?? 0) / total : 0);
}

/**
 * Topicality counting the start of the section's first sentence too, at `share` of a match: a
 * page whose headings are names ("Bravely", "Service credentials") says there what the section
 * is about ("Bravely is a coaching program …").
 */
export function withLeadTopicality(
  question: QuestionEvidence,
  facts: SectionFacts,
  section: number,
  topicality: number,
  share: number,
  askedSimilarity: number,
): number {
  const { totalWeight } = question;
  if (totalWeight === 0) return topicality;
  const lead = facts.leadTerms(section);
  const asked = isAskedLikeThis(facts, section, question.terms, askedSimilarity);
  let extra = 0;
  for (const concept of question.scored) {
    const { share: found, topical } = coverageOf(concept, section, asked);
    // A word every section uses ("delivery manager" in a DM handbook) names no topic.
    if (!concept.informative || found <= topical) continue;
    const inLead = concept.concept.forms.some((form) => form.terms.every((t) => lead.has(t)));
    if (inLead) extra += concept.weight * (found - topical);
  }
  return Math.min(1, topicality + (share * extra) / totalWeight);
}

/** What the decision needs beyond the question and the section facts. */
export interface DecisionInput {
  question: QuestionEvidence;
  facts: SectionFacts;
  /** Re-ranked results, best first, at least as deep as the decision looks. */
  ranked: readonly Candidate[];
  /** The best result's assessment (undefined when there is no result). */
  best: Assessment | undefined;
  /** How many results the margin and page agreement look at (the best included). */
  depth: number;
  pageOf: (section: number) => string;
  tuning: SearchTuning;
  on: (rule: Rule) => boolean;
}

/** The decision's measurements of the best result (decide.ts documents each). */
export function decisionFeatures(input: DecisionInput): DecisionFeatures | undefined {
  const { question, facts, ranked, best: assessment, depth, pageOf, tuning, on } = input;
  const best = ranked[0];
  if (best === undefined || assessment === undefined) return undefined;
  const page = pageOf(best.index);
  const others = ranked.slice(1, depth);
  return {
    coverage: assessment.coverage,
    topicality: on("lead-topicality")
      ? withLeadTopicality(
          question,
          facts,
          best.index,
          assessment.topicality,
          tuning.leadTopicality,
          tuning.askedSimilarity,
        )
      : assessment.topicality,
    blockCoverage: blockCoverage(facts, best.index, question.scored),
    margin: best.score > 0 ? (best.score - (others[0]?.score ?? 0)) / best.score : 0,
    pageAgreement: others.filter((c) => pageOf(c.index) === page).length / (depth - 1),
    headingMatch: headingPrecision(facts, best.index, question.terms),
    clauseCoverage: clauseCoverageOf(
      question.scored,
      best.index,
      assessment.coverage,
      on("clause-coverage"),
    ),
  };
}

/**
 * The reply's tier for the best result: the fitted model (decide.ts), after two rules that
 * answer `none` before it is asked.
 */
export function decideAnswer(input: DecisionInput): Decision {
  const { question, best, on } = input;
  const { concepts } = question;
  // Only wrapper words ("help", "I need help"): no topic at all, unless together they name the
  // section outright ("getting started").
  const onlyWrapperWords = concepts.every((c) => c.emphasis < 1);
  if (
    on("wrapper-only") &&
    onlyWrapperWords &&
    (concepts.length < 2 || (best?.topicality ?? 0) < 1)
  ) {
    return noMatch("none: only everyday words, no topic");
  }
  const features = decisionFeatures(input);
  if (features === undefined) return noMatch();
  // One topic word that the best section only mentions in passing ("tell me a joke" → a code
  // of conduct that forbids jokes): its coverage, passage and margin are full by construction,
  // so they say nothing. On the dev splits every right answer to a one-topic question names
  // the word in its title, headings or author questions (40 of 40, seventh session).
  const topicWords = concepts.filter((c) => c.emphasis === 1).length;
  if (on("passing-mention") && topicWords === 1 && (best?.topicality ?? 0) === 0) {
    return noMatch("none: the question's one topic word is only mentioned in passing");
  }
  return decide(features, input.tuning.decision);
}
