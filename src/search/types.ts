import type { Section } from "../corpus/types.js";
import type { Decision } from "./decide.js";

export interface SearchResult {
  section: Section;
  /** Higher is better; comparable within one response only. */
  score: number;
  /** Vocabulary terms of the section that the query matched (after normalisation and fuzzing). */
  matchedTerms: string[];
  /**
   * IDF-weighted share (0–1) of the question's content words this section covers, exact or
   * through a typo correction or abbreviation; the evidence behind `confident`.
   */
  coverage?: number;
  /** The question asks for a figure ("how long", "how many"): the excerpt should show one. */
  asksForFigure?: boolean;
  /** The share (0–1) of that covered by the section's title, headings or author questions. */
  topicality?: number;
}

export interface SearchResponse {
  query: string;
  /** Ranked best first; present even when not confident, as "closest topics". */
  results: SearchResult[];
  /** The tier of the reply and why: answer, best match, or none. */
  decision: Decision;
  /** True when the question was longer than MAX_QUESTION_CHARS and only its start was read. */
  truncated?: boolean;
}

/**
 * Questions are read up to this many characters: a question is a sentence or two, and analysis
 * and typo correction cost grows with length, so a pasted page must not stall the bot.
 */
export const MAX_QUESTION_CHARS = 500;

export interface SearchOptions {
  /** Maximum number of results (default 5). */
  limit?: number;
}

export interface SearchIndex {
  /** Number of indexed sections. */
  readonly size: number;
  search(query: string, options?: SearchOptions): SearchResponse;
}
