import { analyze } from "./text.js";

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
    // A phrase that stop words reduce to one word ("time off" → "time") would match far more
    // than it means: left out.
    const forms = group.words
      .map((word) => ({ words: word.split(/\s+/).length, terms: analyze(word).map((t) => t.term) }))
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
