import type { Section } from "../../corpus/types.js";
import { AMOUNT_TEXT } from "../../search/query.js";
import { analyze } from "../../search/text.js";
import type { SearchResult } from "../../search/types.js";

/**
 * The part of a section an answer shows: the whole section when it is short, otherwise the
 * blocks that best cover the words the question matched, kept in document order, with an
 * ellipsis wherever something was left out. Slack mrkdwn, bounded well under Block Kit's
 * 3000-character text limit.
 */

/** Sections up to this length are shown whole. */
export const WHOLE_SECTION_CHARS = 1200;
/** Target length of a cut excerpt. */
export const EXCERPT_BUDGET_CHARS = 1500;
/** Never exceeded: a section block's text must stay below Slack's 3000. */
export const EXCERPT_MAX_CHARS = 2900;

const ELLIPSIS = "…";

interface Unit {
  /** Position in the section, for document order. */
  position: number;
  /** Index of the block the unit comes from; units of one block are joined by a newline. */
  block: number;
  mrkdwn: string;
  terms: Set<string>;
  /** Terms of the figures the unit states (`termsAndFigures`). */
  figures: Set<string>;
}

/** Cut `text` to at most `max` characters at a word boundary, never inside a `<link|label>`. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 2));
  const space = cut.lastIndexOf(" ");
  if (space > max / 2) cut = cut.slice(0, space);
  const open = cut.lastIndexOf("<");
  if (open > cut.lastIndexOf(">")) cut = cut.slice(0, open);
  return `${cut.trimEnd()} ${ELLIPSIS}`;
}

/** Blocks as units; a block longer than the budget (a long list or table) splits into lines. */
function unitsOf(section: Section): Unit[] {
  const blocks =
    section.blocks.length > 0
      ? section.blocks.map((b) => ({ text: b.text, mrkdwn: b.mrkdwn }))
      : [{ text: section.text, mrkdwn: section.text }];
  const units: Unit[] = [];
  blocks.forEach((block, b) => {
    const isCode = block.mrkdwn.startsWith("```");
    if (block.mrkdwn.length <= EXCERPT_BUDGET_CHARS || isCode) {
      const mrkdwn = isCode
        ? truncateCode(block.mrkdwn)
        : truncate(block.mrkdwn, EXCERPT_BUDGET_CHARS);
      units.push({ position: units.length, block: b, mrkdwn, ...termsAndFigures(block.text) });
      return;
    }
    // A table renders each row as `*Label*: value` lines, rows apart by a blank line: a row
    // stays whole, with its column labels. Only a piece still too long splits into lines.
    for (const piece of block.mrkdwn.split("\n\n")) {
      const lines = piece.length <= EXCERPT_BUDGET_CHARS ? [piece] : piece.split("\n");
      for (const line of lines) {
        if (line.trim().length === 0) continue;
        const mrkdwn = truncate(line, EXCERPT_BUDGET_CHARS);
        units.push({ position: units.length, block: b, mrkdwn, ...termsAndFigures(line) });
      }
    }
  });
  return units;
}

function truncateCode(mrkdwn: string): string {
  if (mrkdwn.length <= EXCERPT_BUDGET_CHARS) return mrkdwn;
  const lines = mrkdwn.split("\n");
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > EXCERPT_BUDGET_CHARS - 8) break;
    kept.push(line);
    length += line.length + 1;
  }
  return `${kept.join("\n")}\n${ELLIPSIS}\n\`\`\``;
}

/** A footnote's marker, `[1]`: a number, but never the figure a question asks for. */
const FOOTNOTE_MARKER = /\[\d+\]/g;

/** A unit's terms, and the terms of the figures it states (a number, a number word, "weekly"). */
function termsAndFigures(text: string): { terms: Set<string>; figures: Set<string> } {
  const tokens = analyze(text);
  const terms = new Set(tokens.map((token) => token.term));
  const figures = new Set<string>();
  // `replace` with a global pattern is stateless; `test` with one is not, so test for a bracket.
  const unmarked = text.includes("[") ? analyze(text.replace(FOOTNOTE_MARKER, " ")) : tokens;
  for (const token of unmarked) if (AMOUNT_TEXT.test(token.surface)) figures.add(token.term);
  return { terms, figures };
}

function joinUnits(units: readonly Unit[], total: number): string {
  const parts: string[] = [];
  let previous: Unit | undefined;
  for (const unit of units) {
    if (previous === undefined) {
      if (unit.position > 0) parts.push(ELLIPSIS, "\n");
    } else if (unit.position !== previous.position + 1) {
      parts.push("\n", ELLIPSIS, "\n");
    } else {
      parts.push(unit.block === previous.block ? "\n" : "\n\n");
    }
    parts.push(unit.mrkdwn);
    previous = unit;
  }
  if (previous !== undefined && previous.position < total - 1) parts.push("\n", ELLIPSIS);
  return parts.join("");
}

/**
 * `figure`: the question asks for an amount ("how long", "how many"), so the excerpt should
 * include a part that states one, not only the parts that repeat the question's words.
 */
export function createExcerpt(
  section: Section,
  matchedTerms: readonly string[],
  figure = false,
): string {
  const whole =
    section.blocks.length > 0 ? section.blocks.map((b) => b.mrkdwn).join("\n\n") : section.text;
  if (whole.length <= WHOLE_SECTION_CHARS) return whole;

  const units = unitsOf(section);
  const wanted = new Set(matchedTerms.flatMap((term) => analyze(term).map((t) => t.term)));
  const chosen = new Set<Unit>();
  let length = 0;
  const fits = (unit: Unit) => length + unit.mrkdwn.length + 3 <= EXCERPT_BUDGET_CHARS;
  const take = (unit: Unit) => {
    chosen.add(unit);
    length += unit.mrkdwn.length + 3;
  };

  // Greedy cover: each pick brings the most matched words not shown yet; earlier wins ties.
  const uncovered = new Set(wanted);
  while (uncovered.size > 0) {
    let best: Unit | undefined;
    let bestGain = 0;
    for (const unit of units) {
      if (chosen.has(unit) || !fits(unit)) continue;
      let gain = 0;
      for (const term of unit.terms) if (uncovered.has(term)) gain++;
      if (gain > bestGain) {
        best = unit;
        bestGain = gain;
      }
    }
    if (best === undefined) break;
    take(best);
    for (const term of best.terms) uncovered.delete(term);
  }
  // A figure the question did not give itself: in "how often do I hold 1:1s", the "1:1" of a
  // picked part, a footnote's "[1]" or the "one" of "one-to-ones" is not the figure asked for.
  const statesFigure = (unit: Unit) => [...unit.figures].some((term) => !wanted.has(term));
  if (figure && ![...chosen].some(statesFigure)) {
    // The part stating a figure that shares most words with the question; else the first.
    let best: Unit | undefined;
    let bestGain = -1;
    for (const unit of units) {
      if (chosen.has(unit) || !fits(unit) || !statesFigure(unit)) continue;
      let gain = 0;
      for (const term of unit.terms) if (wanted.has(term)) gain++;
      if (gain > bestGain) {
        best = unit;
        bestGain = gain;
      }
    }
    if (best !== undefined) take(best);
  }

  // Context around what was picked: the lead-in before a list, then what follows each pick.
  if (chosen.size === 0) {
    for (const unit of units) {
      if (!fits(unit)) break;
      take(unit);
    }
  } else {
    let grew = true;
    while (grew) {
      grew = false;
      for (const unit of [...chosen].sort((a, b) => a.position - b.position)) {
        const before = units[unit.position - 1];
        const after = units[unit.position + 1];
        for (const neighbour of [before, after]) {
          if (neighbour !== undefined && !chosen.has(neighbour) && fits(neighbour)) {
            take(neighbour);
            grew = true;
          }
        }
      }
    }
  }
  if (chosen.size === 0) {
    const first = units[0];
    return first === undefined ? "" : truncate(first.mrkdwn, EXCERPT_BUDGET_CHARS);
  }
  const excerpt = joinUnits(
    [...chosen].sort((a, b) => a.position - b.position),
    units.length,
  );
  return excerpt.length <= EXCERPT_MAX_CHARS ? excerpt : truncate(excerpt, EXCERPT_MAX_CHARS);
}

/** What an answer shows, one per line: document title, heading path, excerpt. */
export function displayedText(result: SearchResult): string {
  const { section } = result;
  const lines = [
    section.document.title,
    section.breadcrumb.join(" › "),
    createExcerpt(section, result.matchedTerms, result.asksForFigure ?? false),
  ];
  return lines.filter((line) => line.length > 0).join("\n");
}
