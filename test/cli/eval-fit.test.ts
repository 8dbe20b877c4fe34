import { describe, expect, it } from "vitest";
import {
  calibrateOperatingPoints,
  fitDecisionModel,
  fitLogistic,
  type LabelledExample,
} from "../../src/cli/eval-fit.js";
import { answerProbability, type DecisionFeatures } from "../../src/search/decide.js";

function features(coverage: number, margin = 0.3): DecisionFeatures {
  return {
    coverage,
    topicality: coverage / 2,
    blockCoverage: coverage,
    margin,
    pageAgreement: 0.5,
    headingMatch: 0,
    clauseCoverage: coverage,
  };
}

/** Right answers at high coverage, out-of-scope questions at low, with some overlap. */
function examples(): LabelledExample[] {
  const list: LabelledExample[] = [];
  for (let i = 0; i < 40; i++) {
    list.push({ features: features(0.5 + i / 80), label: 1, outOfScope: false, weight: 1 });
    list.push({ features: features(0.1 + i / 80), label: 0, outOfScope: true, weight: 1 });
  }
  return list;
}

describe("fitLogistic", () => {
  it("learns that more coverage means a likelier right answer", () => {
    const { weights, bias } = fitLogistic(examples(), 0.01);
    const model = { weights, bias, answerAt: 1, bestMatchAt: 1 };
    expect(answerProbability(features(0.95), model)).toBeGreaterThan(0.9);
    expect(answerProbability(features(0.15), model)).toBeLessThan(0.1);
  });
});

describe("fitDecisionModel", () => {
  it("sets the best-match point so at most the allowed share of out-of-scope gets a reply", () => {
    const list = examples();
    const model = fitDecisionModel(list, {
      l2: 0.01,
      maxOutOfScopeAnswered: 0.1,
      maxOutOfScopeConfident: 0,
      minConfidentPrecision: 0.9,
    });
    const outOfScope = list.filter((e) => e.outOfScope);
    const replied = outOfScope.filter(
      (e) => answerProbability(e.features, model) >= model.bestMatchAt,
    );
    const confident = outOfScope.filter(
      (e) => answerProbability(e.features, model) >= model.answerAt,
    );
    expect(replied.length / outOfScope.length).toBeLessThanOrEqual(0.1);
    expect(replied.length).toBeGreaterThan(0); // the point is the lowest allowed, not 1
    expect(confident).toEqual([]);
    expect(model.answerAt).toBeGreaterThanOrEqual(model.bestMatchAt);
  });
});

describe("calibrateOperatingPoints", () => {
  it("keeps the weights and moves the points to where other questions' evidence lies", () => {
    const options = {
      l2: 0.01,
      maxOutOfScopeAnswered: 0.1,
      maxOutOfScopeConfident: 0,
      minConfidentPrecision: 0.9,
    };
    const fitted = fitDecisionModel(examples(), options);
    // Unseen questions whose evidence is weaker all round: the same separation, lower coverage.
    const weaker = examples().map((e) => ({
      ...e,
      features: features(e.features.coverage - 0.2),
    }));
    const calibrated = calibrateOperatingPoints(weaker, fitted, options);
    expect(calibrated.weights).toEqual(fitted.weights);
    expect(calibrated.bias).toBe(fitted.bias);
    expect(calibrated.bestMatchAt).toBeLessThan(fitted.bestMatchAt);
    const outOfScope = weaker.filter((e) => e.outOfScope);
    const replied = outOfScope.filter(
      (e) => answerProbability(e.features, calibrated) >= calibrated.bestMatchAt,
    );
    expect(replied.length / outOfScope.length).toBeLessThanOrEqual(0.1);
    expect(replied.length).toBeGreaterThan(0);
  });
});
