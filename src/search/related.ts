import { analyze, compoundWord, isStopWord, normalizeWord } from "./text.js";
import { PARTICLES } from "./words/english.js";

import type { RelatedGroup } from "./words/related-words.js";

export { RELATED_WORDS, type RelatedGroup } from "./words/related-words.js";

/** A related form in index terms: one term, or a phrase of adjacent terms. */
export interface RelatedForm {
  terms: string[];
  factor: number;
}

/** Index term → the forms of its related words (never itself). */
export type RelatedTerms = ReadonlyMap<string, readonly RelatedForm[]>;

export function relatedTerms(groups: readonly RelatedGroup[]): RelatedTerms {
  const related = new Map<string, RelatedForm[]>();
  for (const group of groups) {
    // A word and its particle are one compound, as the index reads them ("time off" →
    // "timeoff"). Any other phrase that stop words reduce to one word would match far more than
    // it means: left out.
    const forms = group.words
      .map((word) => {
        const parts = word.split(/\s+/);
        const [first = "", second = ""] = parts;
        if (parts.length === 2 && PARTICLES.has(second) && !isStopWord(first))
          return { words: 1, terms: [normalizeWord(compoundWord(first, second))] };
        return { words: parts.length, terms: analyze(word).map((t) => t.term) };
      })
      .filter((form) => form.terms.length > 0 && (form.words === 1 || form.terms.length > 1))
      .map((form) => form.terms);
    for (const form of forms) {
      if (form.length !== 1) continue;
      const key = form[0] ?? "";
      const list = related.get(key) ?? [];
      for (const other of forms) {
        if (other.join(" ") === key) continue;
        if (list.some((known) => known.terms.join(" ") === other.join(" "))) continue;
        list.push({ terms: other, factor: group.factor });
      }
      related.set(key, list);
    }
  }
  return related;
}
