import { describe, expect, it } from "vitest";
import {
  type CandidateFacts,
  type RerankContext,
  rerank,
  rerankScore,
} from "../../src/search/rank.js";
import { DEFAULT_TUNING, type Rule } from "../../src/search/tuning.js";

const base: CandidateFacts = {
  index: 0,
  score: 10,
  coverage: 1,
  statesFigure: false,
  isLinkList: false,
  isPersonal: false,
  pageShare: 0,
  headingPrecision: 0,
  namesQuestion: false,
};

function context(overrides: Partial<RerankContext> = {}, off: Rule[] = []): RerankContext {
  return {
    tuning: DEFAULT_TUNING,
    on: (rule) => !off.includes(rule),
    asksForFigure: false,
    ubiquitous: false,
    total: 100,
    ...overrides,
  };
}

describe("rerankScore", () => {
  it("is the first-stage score when no factor applies", () => {
    expect(rerankScore(base, context())).toBe(10);
  });

  it("lets a section covering all of the question beat one scoring higher on part of it", () => {
    const whole = { ...base, index: 1, score: 10, coverage: 1 };
    const part = { ...base, index: 2, score: 13, coverage: 0.5 };
    expect(rerank([part, whole], context(), 2).map((c) => c.index)).toEqual([1, 2]);
    // Without coordination the stronger partial match wins: the rule is what decides.
    expect(rerank([part, whole], context({}, ["coordination"]), 2).map((c) => c.index)).toEqual([
      2, 1,
    ]);
  });

  it("puts the section whose own heading says the question ahead of a slightly stronger one", () => {
    // "How much is a delivery manager paid?" against "Do delivery managers earn more than
    // project managers?", both matching the whole question through the page and related words.
    const named = { ...base, index: 2, score: 9.6, headingPrecision: 1, namesQuestion: true };
    const sibling = { ...base, index: 1, score: 10, headingPrecision: 0.8 };
    expect(rerank([sibling, named], context(), 2).map((c) => c.index)).toEqual([2, 1]);
    expect(rerank([sibling, named], context({}, ["exact-heading"]), 2).map((c) => c.index)).toEqual(
      [1, 2],
    );
    // A how-long question asks for a figure, which a heading naming the topic does not promise.
    const figure = context({ asksForFigure: true });
    expect(rerank([sibling, named], figure, 2).map((c) => c.index)).toEqual([1, 2]);
  });

  it("prefers a section stating a figure only when the question asks for one", () => {
    const figure = { ...base, statesFigure: true };
    expect(rerankScore(figure, context({ asksForFigure: true }))).toBeCloseTo(
      10 * (1 + DEFAULT_TUNING.amountBonus),
    );
    expect(rerankScore(figure, context())).toBe(10);
  });

  it("demotes a list of links, and boosts a section by its page's share of the evidence", () => {
    expect(rerankScore({ ...base, isLinkList: true }, context())).toBeCloseTo(
      10 * DEFAULT_TUNING.pointerFactor,
    );
    expect(rerankScore({ ...base, pageShare: 1 }, context())).toBeCloseTo(
      10 * (1 + DEFAULT_TUNING.pageContext),
    );
  });

  it("demotes a person's page unless the question names it (its heading words)", () => {
    const personal = { ...base, isPersonal: true };
    expect(rerankScore(personal, context())).toBeCloseTo(10 * DEFAULT_TUNING.pointerFactor);
    expect(rerankScore({ ...personal, headingPrecision: 0.5 }, context())).toBe(10);
    expect(rerankScore(personal, context({}, ["personal-page-demotion"]))).toBe(10);
  });

  it("for a question of ubiquitous words, prefers the heading that is just its words, then the earlier", () => {
    const ctx = context({ ubiquitous: true });
    const exact = { ...base, index: 50, headingPrecision: 1 };
    const vague = { ...base, index: 10, headingPrecision: 0 };
    expect(rerank([vague, exact], ctx, 2).map((c) => c.index)).toEqual([50, 10]);
    const early = { ...base, index: 1 };
    const late = { ...base, index: 90 };
    expect(rerank([late, early], ctx, 2).map((c) => c.index)).toEqual([1, 90]);
  });
});

describe("rerank", () => {
  it("keeps the best `limit`, ties broken by reading order", () => {
    const tied = [5, 3, 9].map((index) => ({ ...base, index }));
    expect(rerank(tied, context(), 2).map((c) => c.index)).toEqual([3, 5]);
  });
});
