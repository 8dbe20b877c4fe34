import { describe, expect, it } from "vitest";
import {
  answerProbability,
  type DecisionFeatures,
  type DecisionModel,
  decide,
  FEATURE_NAMES,
  noMatch,
} from "../../src/search/decide.js";
import { DEFAULT_TUNING } from "../../src/search/tuning.js";

const strong: DecisionFeatures = {
  coverage: 1,
  topicality: 1,
  blockCoverage: 1,
  margin: 0.5,
  pageAgreement: 1,
  headingMatch: 1,
  clauseCoverage: 1,
};
const weak: DecisionFeatures = {
  coverage: 0.2,
  topicality: 0,
  blockCoverage: 0.1,
  margin: 0.02,
  pageAgreement: 0,
  headingMatch: 0,
  clauseCoverage: 0.2,
};

const model: DecisionModel = {
  weights: { ...DEFAULT_TUNING.decision.weights },
  bias: DEFAULT_TUNING.decision.bias,
  answerAt: 0.8,
  bestMatchAt: 0.5,
};

describe("decide", () => {
  it("answers on strong evidence and abstains on weak, saying why", () => {
    const yes = decide(strong, model);
    expect(yes.tier).toBe("answer");
    expect(yes.reason).toMatch(/^answer: p \d\.\d\d ≥ 0\.80 \(/);
    const no = decide(weak, model);
    expect(no.tier).toBe("none");
    expect(no.reason).toMatch(/^none: p \d\.\d\d < 0\.50 \(/);
  });

  it("gives a best match between the two operating points", () => {
    const p = answerProbability(strong, model);
    const between: DecisionModel = { ...model, answerAt: p + 0.01, bestMatchAt: p - 0.01 };
    const decision = decide(strong, between);
    expect(decision.tier).toBe("best-match");
    expect(decision.probability).toBeCloseTo(p);
  });

  it("has no answer when nothing matched, with the given reason", () => {
    expect(noMatch().tier).toBe("none");
    expect(noMatch().reason).toMatch(/no section contains/);
    expect(noMatch("none: only everyday words").reason).toBe("none: only everyday words");
  });

  it("rises with every feature the fitted model weighs positively", () => {
    for (const name of FEATURE_NAMES) {
      if (model.weights[name] <= 0) continue;
      const lower = answerProbability({ ...weak, [name]: 0 }, model);
      const higher = answerProbability({ ...weak, [name]: 1 }, model);
      expect(higher, name).toBeGreaterThan(lower);
    }
  });

  it("keeps the operating points ordered in the shipped tuning", () => {
    const { answerAt, bestMatchAt } = DEFAULT_TUNING.decision;
    expect(bestMatchAt).toBeGreaterThan(0);
    expect(answerAt).toBeGreaterThanOrEqual(bestMatchAt);
    expect(answerAt).toBeLessThan(1);
  });
});
