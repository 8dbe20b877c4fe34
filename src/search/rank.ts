import type { Rule, SearchTuning } from "./tuning.js";

/**
 * Re-ranking: the best candidates by first-stage score (score.ts's BM25F sum) are rescored by
 * how much of the question they cover and what kind of section they are. Pure: every fact about
 * a candidate is measured by the caller.
 */

/** What re-ranking knows about one candidate section. */
export interface CandidateFacts {
  /** Position of the section in reading order (ties and introductions prefer earlier). */
  index: number;
  /** First-stage score. */
  score: number;
  /** Rarity-weighted share of the question's concepts the section contains (0–1). */
  coverage: number;
  /** The section states a figure, a number word or a frequency. */
  statesFigure: boolean;
  /** Most of the section's text is link labels. */
  isLinkList: boolean;
  /** The section is on one person's page (a README or profile: personal.ts). */
  isPersonal: boolean;
  /** The section's page's share of the candidates' informative evidence (0–1). */
  pageShare: number;
  /** Share of the section's heading words the question uses (0–1). */
  headingPrecision: number;
  /** The section's own heading says the question: every word of each is in the other. */
  namesQuestion: boolean;
}

export interface RerankContext {
  tuning: SearchTuning;
  on: (rule: Rule) => boolean;
  /** The question asks how long / often / many. */
  asksForFigure: boolean;
  /** Every concept of the question is in more than `tuning.ubiquity` of sections. */
  ubiquitous: boolean;
  /** Number of sections, to turn reading order into a small tie-break. */
  total: number;
}

export interface Candidate {
  index: number;
  score: number;
}

/**
 * final = score · coverage^coordination · figure · links · personal · page · heading — each factor 1 when
 * its rule is off or does not apply:
 * - coordination: a section covering more of the question beats one strong on fewer words;
 * - figure (1 + amountBonus): "how long / how many" prefers a section stating a figure;
 * - links (pointerFactor): a list of links points elsewhere, it does not answer;
 * - personal (pointerFactor): one person's page mentions topics in passing; it is not the
 *   policy, unless the question names the page (heading precision ½ or more);
 * - page (1 + pageContext · pageShare): the right page tends to match in several sections;
 * - heading: a question made only of ubiquitous words ("what is a DM") asks about the thing
 *   itself: prefer the section whose heading is just its words, then the earlier one.
 */
export function rerankScore(facts: CandidateFacts, context: RerankContext): number {
  const { tuning, on } = context;
  const coordination = on("coordination") ? facts.coverage ** tuning.coordination : 1;
  const figure =
    on("amount-bonus") && context.asksForFigure && facts.statesFigure ? 1 + tuning.amountBonus : 1;
  const links = on("link-list-demotion") && facts.isLinkList ? tuning.pointerFactor : 1;
  const personal =
    on("personal-page-demotion") && facts.isPersonal && facts.headingPrecision < 0.5
      ? tuning.pointerFactor
      : 1;
  const page = on("page-context") ? 1 + tuning.pageContext * facts.pageShare : 1;
  const heading =
    on("heading-precision") && context.ubiquitous && !context.asksForFigure
      ? 1 +
        tuning.headingPrecisionBonus * facts.headingPrecision -
        (tuning.headingPrecisionBonus * facts.index) / Math.max(1, context.total)
      : 1;
  // Not for a figure question: "how long is a sprint" asks for the part stating a length, which
  // "Sprints" alone does not promise.
  const exact =
    on("exact-heading") && facts.namesQuestion && !context.asksForFigure
      ? 1 + tuning.exactHeadingBonus
      : 1;
  return facts.score * coordination * figure * links * personal * page * heading * exact;
}

/** Keep the `limit` best candidates: higher score first, then earlier section. */
export function insertTop(top: Candidate[], candidate: Candidate, limit: number): void {
  let position = top.length;
  while (position > 0) {
    const previous = top[position - 1];
    if (previous === undefined || previous.score > candidate.score) break;
    if (previous.score === candidate.score && previous.index < candidate.index) break;
    position--;
  }
  if (position >= limit) return;
  top.splice(position, 0, candidate);
  if (top.length > limit) top.pop();
}

/** The `limit` best candidates by re-ranked score. */
export function rerank(
  candidates: readonly CandidateFacts[],
  context: RerankContext,
  limit: number,
): Candidate[] {
  const top: Candidate[] = [];
  for (const facts of candidates) {
    insertTop(top, { index: facts.index, score: rerankScore(facts, context) }, limit);
  }
  return top;
}
