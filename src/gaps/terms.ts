/**
 * Normalised terms of a question, for grouping unanswered questions that ask the same thing
 * in different words ("How do I book a room?" and "booking rooms" both become `book room`).
 *
 * Uses the search's own analyser (`src/search/text.ts`: same stop words, same stemming), so a
 * group in the report is exactly the set of terms the search looked for and did not find.
 */
import { analyze } from "../search/text.js";

export interface QuestionTerms {
  /** Sorted, de-duplicated index terms (stems): the grouping key. */
  terms: string[];
  /** For each term, the first word of the question that produced it (`booking` for `book`). */
  words: string[];
}

export function analyzeQuestion(text: string): QuestionTerms {
  const firstWord = new Map<string, string>();
  for (const token of analyze(text)) {
    if (!firstWord.has(token.term)) firstWord.set(token.term, token.surface);
  }
  const terms = [...firstWord.keys()].sort();
  return { terms, words: terms.map((term) => firstWord.get(term) ?? term) };
}

/** The sorted, de-duplicated set of meaningful stemmed terms of a question. */
export function normaliseTerms(text: string): string[] {
  return analyzeQuestion(text).terms;
}
