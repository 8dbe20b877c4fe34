import {
  ASKED,
  type FieldIndex,
  frequencyOf,
  idfOf,
  NAMED,
  type PostingTable,
  positionOf,
} from "./postings.js";
import type { Concept, Form } from "./query.js";

/**
 * First-stage scoring, as pure functions of the field index (postings.ts): where each of the
 * question's concepts is found, how much it weighs (its rarity), its BM25F score per section,
 * how much of it a section covers, and the bonus for adjacent question words found adjacent.
 * The score of a section is the sum over concepts of
 *
 *     weight(concept) × share(form) × bm25f(form, section)
 *
 * taking each concept's best form in the section, plus the phrase bonus. Re-ranking (rank.ts)
 * and the answer decision (decide.ts) come after. See README.md for the whole pipeline.
 */

/** Where a form (a term, or a phrase of adjacent terms) is found: postings keys to check. */
export interface Located {
  table: PostingTable;
  /** The key whose postings drive iteration. */
  driver: number;
  /** Further keys that must all be present (the other bigrams of a longer phrase). */
  others: number[];
}

export interface ScoredConcept {
  concept: Concept;
  /** Weight of the concept in the question: its rarity, or the maximum when unknown. */
  weight: number;
  /** Whether the concept is rare enough to count as evidence on its own. */
  informative: boolean;
  /** Section → score of the concept in it. */
  scores: Map<number, number>;
  /** Per form, the share of the concept's score it earns where found (its factor, or less). */
  shares: number[];
  /** Per form, where it is found; undefined when the index never has it. */
  located: (Located | undefined)[];
}

/** The id of the bigram `first second`, when the index has it. */
export function bigramIdOf(index: FieldIndex, first: string, second: string): number | undefined {
  const a = index.terms.get(first);
  const b = index.terms.get(second);
  return a === undefined || b === undefined ? undefined : index.bigrams.get(a, b);
}

/** Where a form is found: a term's postings, or a phrase's bigrams (all must be present). */
export function locate(index: FieldIndex, form: Form): Located | undefined {
  if (form.terms.length === 1) {
    const id = index.terms.get(form.terms[0] ?? "");
    return id === undefined ? undefined : { table: index.termPostings, driver: id, others: [] };
  }
  const keys: number[] = [];
  for (let k = 0; k + 1 < form.terms.length; k++) {
    const id = bigramIdOf(index, form.terms[k] ?? "", form.terms[k + 1] ?? "");
    if (id === undefined) return undefined;
    keys.push(id);
  }
  const [driver, ...others] = keys;
  return driver === undefined ? undefined : { table: index.bigramPostings, driver, others };
}

/** A form's weight in one section (a phrase counts as its weakest bigram), 0 when absent. */
export function weightIn(located: Located, section: number): number {
  const { table } = located;
  let weight = Number.POSITIVE_INFINITY;
  for (const key of [located.driver, ...located.others]) {
    const position = positionOf(table, key, section);
    if (position < 0) return 0;
    weight = Math.min(weight, table.weights[position] ?? 0);
  }
  return weight;
}

/** Whether every key of the form names the section's topic (`asked`: author questions count). */
export function topicalIn(located: Located, section: number, asked: boolean): boolean {
  const mask = asked ? NAMED | ASKED : NAMED;
  for (const key of [located.driver, ...located.others]) {
    const position = positionOf(located.table, key, section);
    if (position < 0 || ((located.table.topical[position] ?? 0) & mask) === 0) return false;
  }
  return true;
}

/** Calls `visit` for each section where the form is present, with its weight there. */
export function eachPosting(
  located: Located,
  visit: (section: number, weight: number) => void,
): void {
  const { table, driver, others } = located;
  const end = table.start[driver + 1] ?? 0;
  for (let p = table.start[driver] ?? 0; p < end; p++) {
    const section = table.sections[p] ?? 0;
    const weight = others.length === 0 ? (table.weights[p] ?? 0) : weightIn(located, section);
    if (weight > 0) visit(section, weight);
  }
}

/**
 * A concept's weight and its score in every section where one of its forms is found.
 * `ubiquityShare`: a concept in more than this share of sections is not informative.
 */
export function scoreConcept(
  index: FieldIndex,
  concept: Concept,
  ubiquityShare: number,
): ScoredConcept {
  const { total } = index;
  const scores = new Map<number, number>();
  const shares = concept.forms.map((form) => form.factor);
  const located = concept.forms.map((form) => locate(index, form));
  const raise = (section: number, value: number) => {
    if (value > (scores.get(section) ?? 0)) scores.set(section, value);
  };
  let weight: number;
  if (concept.corrected) {
    // Rival corrections of one typo: each is weighed by its own rarity.
    weight = 0;
    concept.forms.forEach((form, f) => {
      const id = index.terms.get(form.terms[0] ?? "");
      const idf = id === undefined ? 0 : (index.termPostings.idf[id] ?? 0);
      weight = Math.max(weight, idf);
      const where = located[f];
      if (where !== undefined) {
        eachPosting(where, (section, w) => raise(section, form.factor * idf * w));
      }
    });
  } else {
    // Synonyms: one concept, whose rarity is that of all its forms together.
    let present = 0;
    if (located.length === 1) {
      const only = located[0];
      if (only !== undefined) {
        present = only.others.length === 0 ? frequencyOf(only.table, only.driver) : 0;
        if (present === 0) eachPosting(only, () => present++);
      }
    } else {
      // Rarity of what the question said: exact forms (a word, its abbreviation, a number's
      // digits). Related words widen where the concept is found, not how common it is; only
      // when the text never uses an exact form do they stand in for it.
      const union = new Set<number>();
      const exactOnly = concept.forms.some((form, f) => form.factor === 1 && located[f]);
      located.forEach((form, f) => {
        if (form === undefined) return;
        if (exactOnly && concept.forms[f]?.factor !== 1) return;
        eachPosting(form, (s) => union.add(s));
      });
      present = union.size;
    }
    weight = idfOf(present, total);
    // A related word weighs by its own rarity, at most the concept's: "laptop" found as
    // "computer" counts as much as "computer" is rare, not as "laptop" is.
    located.forEach((form, f) => {
      const factor = concept.forms[f]?.factor ?? 1;
      if (form === undefined || factor === 1) return;
      const own = form.table.idf[form.driver] ?? 0;
      shares[f] = factor * Math.min(1, weight > 0 ? own / weight : 1);
    });
    located.forEach((form, f) => {
      if (form === undefined) return;
      const scale = (shares[f] ?? 1) * weight;
      eachPosting(form, (section, w) => raise(section, scale * w));
    });
  }
  if (concept.emphasis !== 1) {
    for (const [section, value] of scores) scores.set(section, value * concept.emphasis);
  }
  return {
    concept,
    shares,
    located,
    weight: weight * concept.emphasis,
    informative: concept.emphasis === 1 && weight > idfOf(ubiquityShare * total, total),
    scores,
  };
}

/** How much of a concept a section covers (0–1), how topically, and its terms found there. */
export function coverageOf(
  { concept, located: where }: ScoredConcept,
  section: number,
  asked: boolean,
): { share: number; topical: number; matched: string[] } {
  let share = 0;
  let topical = 0;
  const matched: string[] = [];
  for (const [f, form] of concept.forms.entries()) {
    const located = where[f];
    if (located !== undefined && weightIn(located, section) > 0) {
      share = Math.max(share, form.factor);
      if (topicalIn(located, section, asked)) topical = Math.max(topical, form.factor);
      matched.push(...form.terms);
    }
  }
  return { share, topical, matched };
}

/**
 * The share of the question's best-covered clause that the section contains: per clause, its
 * informative concepts weighted by rarity, as `coverage` weighs the whole question. A question
 * that tells its situation before asking ("tree fell on my house and the power's out, is there
 * leave for that") names the answer in one clause and things no handbook mentions in the others.
 * `whole` (the coverage of the whole question) when no concept is informative; `byClause` false
 * reads the question as one clause.
 */
export function clauseCoverageOf(
  scored: readonly ScoredConcept[],
  section: number,
  whole: number,
  byClause = true,
): number {
  const clauses = new Map<number, { weight: number; covered: number }>();
  for (const concept of scored) {
    if (!concept.informative) continue;
    // Rule `clause-coverage` off: the question is read as one clause.
    const key = byClause ? concept.concept.clause : 0;
    const clause = clauses.get(key) ?? { weight: 0, covered: 0 };
    clause.weight += concept.weight;
    clause.covered += concept.weight * coverageOf(concept, section, false).share;
    clauses.set(key, clause);
  }
  if (clauses.size === 0) return whole;
  let best = 0;
  for (const { weight, covered } of clauses.values()) {
    if (weight > 0) best = Math.max(best, covered / weight);
  }
  return best;
}

/**
 * Adds to `scores` the bonus for neighbouring concepts found side by side ("service value" +
 * "value chain"): the bigram's rarity × `phraseWeight` × its BM25F weight in the section.
 */
export function addPhraseBonus(
  index: FieldIndex,
  concepts: readonly Concept[],
  scores: Float64Array,
  phraseWeight: number,
): void {
  const postings = index.bigramPostings;
  for (let c = 0; c + 1 < concepts.length; c++) {
    const left = concepts[c]?.forms[0];
    const right = concepts[c + 1]?.forms[0];
    if (left === undefined || right === undefined) continue;
    const id = bigramIdOf(index, left.terms[left.terms.length - 1] ?? "", right.terms[0] ?? "");
    if (id === undefined) continue;
    const weight = (postings.idf[id] ?? 0) * phraseWeight * Math.min(left.factor, right.factor);
    const end = postings.start[id + 1] ?? 0;
    for (let p = postings.start[id] ?? 0; p < end; p++) {
      const section = postings.sections[p] ?? 0;
      scores[section] = (scores[section] ?? 0) + weight * (postings.weights[p] ?? 0);
    }
  }
}
