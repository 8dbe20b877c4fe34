/**
 * The answer decision: whether the best section answers the question, from a few measurements
 * of the evidence, weighed by a logistic model fitted on labelled questions (`npm run eval --
 * --fit`). Nothing here is hand-set but the feature definitions; the weights and the two
 * operating points live in `tuning.ts` with the data they were fitted on.
 */

/**
 * - `answer`: confident; the reply quotes the section.
 * - `best-match`: middling evidence; the reply shows it as possibly relevant, with alternatives.
 * - `none`: the handbook does not seem to cover it; the reply says so and lists closest topics.
 */
export type Tier = "answer" | "best-match" | "none";

/**
 * Measurements of the best result, each in 0–1. Two more were tried and dropped (dev splits,
 * 2026-11-29): the coverage of the question's rarest concept (fitted weight negative, collinear
 * with coverage) and the share of the question the handbook never uses (fitted weight −0.01);
 * without them the fitted decision's dev top1 and abstain moved by at most 0.05, either way.
 * Three more were tried on the same dev splits and dropped on 2026-11-29 (refitted with each
 * added; every blind dev set's top1 and abstain within ±0.05, no consistent direction): a
 * how-much / how-many question whose best section states no figure (weight −0.9), the
 * question's length (3 / words, weight −1.5), and the section's length.
 */
export interface DecisionFeatures {
  /** Rarity-weighted share of the question's concepts the section contains. */
  coverage: number;
  /** The share of that found where the section names its topic (title, headings, questions). */
  topicality: number;
  /** Best share of the question found together in one paragraph or list of the section. */
  blockCoverage: number;
  /** (score #1 − score #2) / score #1: how clearly the best section leads. */
  margin: number;
  /**
   * Share of the next four results that come from the same page as the best one; a result that
   * is not there agrees with nothing (one lone result is not a page everything points to).
   */
  pageAgreement: number;
  /** Share of the section's heading words the question uses. */
  headingMatch: number;
  /**
   * The best-covered clause's share in the section (rarity-weighted, informative concepts):
   * full when the question's situation is told in words the handbook never uses and its ask
   * in words it does.
   */
  clauseCoverage: number;
}

export const FEATURE_NAMES = [
  "coverage",
  "topicality",
  "blockCoverage",
  "margin",
  "pageAgreement",
  "headingMatch",
  "clauseCoverage",
] as const satisfies readonly (keyof DecisionFeatures)[];

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** A fitted logistic model and its two operating points. */
export interface DecisionModel {
  /** Weight per feature (features are used as they are, 0–1). */
  weights: Readonly<Record<FeatureName, number>>;
  bias: number;
  /** Probability at or above which the best section is given as the answer. */
  answerAt: number;
  /** Probability at or above which it is offered as a possible match (below `answerAt`). */
  bestMatchAt: number;
}

export interface Decision {
  tier: Tier;
  /** Estimated probability that the best section answers the question. */
  probability: number;
  /** Why, in words: the tier, the probability against its threshold, the strongest evidence. */
  reason: string;
  features: DecisionFeatures;
}

/** The model's estimate that the best section answers the question. */
export function answerProbability(features: DecisionFeatures, model: DecisionModel): number {
  let z = model.bias;
  for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

const round = (n: number) => n.toFixed(2);

/** No answer without weighing anything: nothing matched, or the question names no topic. */
export function noMatch(reason = "none: no section contains any word of the question"): Decision {
  return {
    tier: "none",
    probability: 0,
    reason,
    features: {
      coverage: 0,
      topicality: 0,
      blockCoverage: 0,
      margin: 0,
      pageAgreement: 0,
      headingMatch: 0,
      clauseCoverage: 0,
    },
  };
}

/** Decides the tier for the best result from its measurements. */
export function decide(features: DecisionFeatures, model: DecisionModel): Decision {
  const probability = answerProbability(features, model);
  const tier: Tier =
    probability >= model.answerAt
      ? "answer"
      : probability >= model.bestMatchAt
        ? "best-match"
        : "none";
  const threshold =
    tier === "answer"
      ? `≥ ${round(model.answerAt)}`
      : tier === "best-match"
        ? `≥ ${round(model.bestMatchAt)}, < ${round(model.answerAt)}`
        : `< ${round(model.bestMatchAt)}`;
  // The evidence that pushed hardest towards answering: what was there, or what was too weak.
  const evidence = FEATURE_NAMES.filter((name) => model.weights[name] > 0)
    .map((name) => ({ name, value: features[name], push: model.weights[name] * features[name] }))
    .sort((a, b) => (tier === "none" ? a.push - b.push : b.push - a.push))
    .slice(0, 3)
    .map((c) => `${c.name} ${round(c.value)}`)
    .join(", ");
  return {
    tier,
    probability,
    reason: `${tier}: p ${round(probability)} ${threshold} (${evidence})`,
    features,
  };
}
