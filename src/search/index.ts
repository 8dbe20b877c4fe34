import type { Section } from "../corpus/types.js";
import { ABBREVIATIONS } from "./abbreviations.js";
import { createVocabularyMatcher } from "./fuzzy.js";
import { analyze, normalizeWord, type Token } from "./text.js";
import type { SearchIndex, SearchOptions, SearchResponse, SearchResult } from "./types.js";

/**
 * BM25F over the fields of each section, with typo tolerance through the vocabulary and
 * abstention based on how much of the question the best section actually covers.
 *
 * Every per-section number that does not depend on the query is computed once, at build:
 * a posting holds the saturated, length-normalised field-weighted term frequency, so a query
 * is a few array walks and additions.
 */

type Field = "title" | "heading" | "path" | "questions" | "body";
const FIELDS: readonly Field[] = ["title", "heading", "path", "questions", "body"];

/**
 * Field weights: where a word sits says how much the section is about it. Headings and the
 * author's sample questions name the topic; the body merely mentions things.
 */
const FIELD_WEIGHT: Record<Field, number> = {
  title: 2,
  heading: 3,
  path: 1.2,
  questions: 3,
  body: 1,
};

/** Length normalisation per field: strong on bodies so a glossary does not win by being long. */
const FIELD_B: Record<Field, number> = {
  title: 0.3,
  heading: 0.3,
  path: 0.3,
  questions: 0.5,
  body: 0.8,
};

const K1 = 1.2;
/** Adjacent query words found adjacent in a section ("scope drift") earn this share of a term. */
const PHRASE_WEIGHT = 0.6;
/** A typo-corrected word counts less than the word itself, more so for two edits. */
const FUZZY_FACTOR = [1, 0.8, 0.6] as const;

export interface SearchTuning {
  /** Minimum IDF-weighted share of the question the top section must cover to be confident. */
  minCoverage: number;
  /**
   * A term in more than this share of sections is "ubiquitous" ("delivery" in a knowledge base
   * about delivery managers); a confident answer needs one matched term that is not, unless the
   * question is made only of such terms and all of them are covered.
   */
  ubiquity: number;
}

export const DEFAULT_TUNING: SearchTuning = { minCoverage: 0.6, ubiquity: 0.3 };

interface Postings {
  /** Section indices, ascending. */
  sections: Int32Array;
  /** Saturated BM25F term frequency for each section, before IDF. */
  weights: Float32Array;
  idf: number;
}

interface Alternative {
  terms: string[];
  /** 1 for the words as typed (or an abbreviation's expansion), less for a typo correction. */
  factor: number;
}

/** One thing the question asks about: a word, a phrase, or an abbreviation with its meanings. */
interface Concept {
  alternatives: Alternative[];
}

interface Candidate {
  index: number;
  score: number;
}

function addCount(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function bigramKey(a: string, b: string): string {
  return `${a} ${b}`;
}

function fieldPieces(section: Section): Record<Field, string[]> {
  const doc = section.document;
  const ancestors = section.breadcrumb.filter((crumb) => crumb !== section.heading);
  const body = section.blocks.length > 0 ? section.blocks.map((b) => b.text) : [section.text];
  return {
    title: [doc.title, ...doc.aliases],
    heading: [section.heading],
    path: ancestors,
    questions: section.questions,
    body,
  };
}

function idfOf(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

interface RawPosting {
  section: number;
  tf: Float64Array;
}

/** Field-weighted BM25F postings from raw per-field term frequencies. */
function finishPostings(
  raw: Map<string, RawPosting[]>,
  lengths: Float64Array[],
  averages: Float64Array,
  total: number,
): Map<string, Postings> {
  const result = new Map<string, Postings>();
  for (const [key, list] of raw) {
    const sections = new Int32Array(list.length);
    const weights = new Float32Array(list.length);
    list.forEach((posting, i) => {
      let pseudo = 0;
      FIELDS.forEach((field, f) => {
        const tf = posting.tf[f] ?? 0;
        if (tf === 0) return;
        const length = lengths[f]?.[posting.section] ?? 0;
        const average = averages[f] || 1;
        const b = FIELD_B[field];
        pseudo += (FIELD_WEIGHT[field] * tf) / (1 - b + (b * length) / average);
      });
      sections[i] = posting.section;
      weights[i] = (pseudo * (K1 + 1)) / (K1 + pseudo);
    });
    result.set(key, { sections, weights, idf: idfOf(list.length, total) });
  }
  return result;
}

/** Binary search of a section in ascending postings; the weight, or 0 when absent. */
function weightIn(postings: Postings, section: number): number {
  let low = 0;
  let high = postings.sections.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = postings.sections[mid] ?? 0;
    if (value === section) return postings.weights[mid] ?? 0;
    if (value < section) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

interface AbbreviationForms {
  short: string;
  long: string[][];
}

function abbreviationForms(): AbbreviationForms[] {
  return ABBREVIATIONS.map((a) => ({
    short: normalizeWord(a.short),
    long: a.long.map((phrase) => analyze(phrase).map((t) => t.term)),
  }));
}

/** Keep the `limit` best candidates: higher score first, then earlier section. */
function insertTop(top: Candidate[], candidate: Candidate, limit: number): void {
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

export function createSearchIndex(
  sections: readonly Section[],
  tuning: SearchTuning = DEFAULT_TUNING,
): SearchIndex {
  // Section order decides ties, so sort once by the corpus's reading order.
  const ordered = [...sections].sort((a, b) => a.order - b.order);
  const total = ordered.length;
  const fieldCount = FIELDS.length;
  const lengths = FIELDS.map(() => new Float64Array(total));
  const rawTerms = new Map<string, RawPosting[]>();
  const rawBigrams = new Map<string, RawPosting[]>();
  const surfaces = new Map<string, Map<string, number>>();

  ordered.forEach((section, index) => {
    const termTf = new Map<string, Float64Array>();
    const bigramTf = new Map<string, Float64Array>();
    const pieces = fieldPieces(section);
    FIELDS.forEach((field, f) => {
      let length = 0;
      for (const piece of pieces[field]) {
        const tokens = analyze(piece);
        length += tokens.length;
        let previous: Token | undefined;
        for (const token of tokens) {
          let tf = termTf.get(token.term);
          if (tf === undefined) {
            tf = new Float64Array(fieldCount);
            termTf.set(token.term, tf);
          }
          tf[f] = (tf[f] ?? 0) + 1;
          let forms = surfaces.get(token.term);
          if (forms === undefined) {
            forms = new Map();
            surfaces.set(token.term, forms);
          }
          addCount(forms, token.surface);
          if (previous !== undefined && previous.term !== token.term) {
            const key = bigramKey(previous.term, token.term);
            let btf = bigramTf.get(key);
            if (btf === undefined) {
              btf = new Float64Array(fieldCount);
              bigramTf.set(key, btf);
            }
            btf[f] = (btf[f] ?? 0) + 1;
          }
          previous = token;
        }
      }
      const fieldLengths = lengths[f];
      if (fieldLengths !== undefined) fieldLengths[index] = length;
    });
    for (const [term, tf] of termTf) {
      let list = rawTerms.get(term);
      if (list === undefined) {
        list = [];
        rawTerms.set(term, list);
      }
      list.push({ section: index, tf });
    }
    for (const [key, tf] of bigramTf) {
      let list = rawBigrams.get(key);
      if (list === undefined) {
        list = [];
        rawBigrams.set(key, list);
      }
      list.push({ section: index, tf });
    }
  });

  const averages = new Float64Array(fieldCount);
  lengths.forEach((fieldLengths, f) => {
    let sum = 0;
    let present = 0;
    for (const length of fieldLengths) {
      if (length > 0) {
        sum += length;
        present++;
      }
    }
    averages[f] = present > 0 ? sum / present : 1;
  });

  const terms = finishPostings(rawTerms, lengths, averages, total);
  const bigrams = finishPostings(rawBigrams, lengths, averages, total);
  const unknownIdf = idfOf(0, total);
  const ubiquitousDf = tuning.ubiquity * total;

  /** The most frequent way each term is written, for matched-term display and excerpts. */
  const display = new Map<string, string>();
  /** Surface word → term, for mapping a fuzzy vocabulary hit back to the index. */
  const surfaceTerm = new Map<string, string>();
  for (const [term, forms] of surfaces) {
    let best = "";
    let bestCount = -1;
    for (const [form, count] of forms) {
      surfaceTerm.set(form, term);
      if (count > bestCount || (count === bestCount && form < best)) {
        best = form;
        bestCount = count;
      }
    }
    display.set(term, best);
  }
  const matcher = createVocabularyMatcher(surfaceTerm.keys());
  const abbreviations = abbreviationForms();
  // Bounded memo of typo corrections: the same misspellings recur, Fuse is the slow part.
  const fuzzyMemo = new Map<string, Alternative[]>();

  function corrections(surface: string): Alternative[] {
    const memo = fuzzyMemo.get(surface);
    if (memo !== undefined) return memo;
    const seen = new Set<string>();
    const alternatives: Alternative[] = [];
    for (const candidate of matcher.closest(surface, 4)) {
      const term = surfaceTerm.get(candidate.word);
      if (term === undefined || seen.has(term)) continue;
      seen.add(term);
      alternatives.push({ terms: [term], factor: FUZZY_FACTOR[candidate.distance] ?? 0 });
      if (alternatives.length === 2) break;
    }
    if (fuzzyMemo.size >= 2048) fuzzyMemo.clear();
    fuzzyMemo.set(surface, alternatives);
    return alternatives;
  }

  /** The question as concepts: typo-corrected words, then abbreviations and their expansions. */
  function understand(query: string): Concept[] {
    const words = analyze(query);
    // Each word's alternatives; the first is what phrase detection reads.
    const slots: Alternative[][] = words.map((token) => {
      const exact: Alternative = { terms: [token.term], factor: 1 };
      if (terms.has(token.term)) return [exact];
      if (abbreviations.some((a) => a.short === token.term)) return [exact];
      const fixes = corrections(token.surface);
      return fixes.length > 0 ? fixes : [exact];
    });
    const primary = slots.map((slot) => slot[0]?.terms[0] ?? "");
    const concepts: Concept[] = [];
    let i = 0;
    while (i < slots.length) {
      let consumed = 0;
      for (const abbreviation of abbreviations) {
        for (const long of abbreviation.long) {
          if (long.length > 1 && long.every((term, k) => primary[i + k] === term)) {
            const factor = slots
              .slice(i, i + long.length)
              .reduce((min, slot) => Math.min(min, slot[0]?.factor ?? 1), 1);
            concepts.push({
              alternatives: [
                { terms: long, factor },
                { terms: [abbreviation.short], factor },
              ],
            });
            consumed = long.length;
            break;
          }
        }
        if (consumed > 0) break;
      }
      if (consumed > 0) {
        i += consumed;
        continue;
      }
      const slot = slots[i] ?? [];
      const expansion = abbreviations.find((a) => a.short === primary[i]);
      if (expansion !== undefined) {
        concepts.push({
          alternatives: [
            ...slot,
            ...expansion.long.map((terms) => ({ terms, factor: slot[0]?.factor ?? 1 })),
          ],
        });
      } else {
        const single = expansionOfSingle(primary[i] ?? "");
        concepts.push({ alternatives: single ? [...slot, single] : slot });
      }
      i++;
    }
    return concepts;
  }

  /** A one-word long form typed in full ("retrospective") also finds its short form ("retro"). */
  function expansionOfSingle(term: string): Alternative | undefined {
    for (const abbreviation of abbreviations) {
      if (abbreviation.long.some((long) => long.length === 1 && long[0] === term)) {
        return { terms: [abbreviation.short], factor: 1 };
      }
    }
    return undefined;
  }

  /** Weight of a concept in the question: how much matching it says about relevance. */
  function conceptWeight(concept: Concept): number {
    let best = -1;
    for (const alternative of concept.alternatives) {
      const known = alternative.terms.filter((term) => terms.has(term));
      if (known.length === 0) continue;
      let sum = 0;
      for (const term of alternative.terms) sum += terms.get(term)?.idf ?? unknownIdf;
      best = Math.max(best, sum / alternative.terms.length);
    }
    return best < 0 ? unknownIdf : best;
  }

  /** How well a section covers a concept (0–1), and whether a matched term is informative. */
  function conceptCoverage(
    concept: Concept,
    section: number,
  ): { share: number; informative: boolean; matched: string[] } {
    let share = 0;
    let informative = false;
    const matched: string[] = [];
    for (const alternative of concept.alternatives) {
      let present = 0;
      let all = 0;
      for (const term of alternative.terms) {
        const postings = terms.get(term);
        const idf = postings?.idf ?? unknownIdf;
        all += idf;
        if (postings !== undefined && weightIn(postings, section) > 0) {
          present += idf;
          matched.push(term);
          if (postings.sections.length <= ubiquitousDf) informative = true;
        }
      }
      if (all > 0) share = Math.max(share, (present / all) * alternative.factor);
    }
    return { share, informative, matched };
  }

  function scoreConcepts(concepts: readonly Concept[], scores: Float64Array): void {
    const conceptScores = new Float64Array(total);
    const altScores = new Float64Array(total);
    const touched: number[] = [];
    const altTouched: number[] = [];
    for (const concept of concepts) {
      for (const alternative of concept.alternatives) {
        const add = (postings: Postings | undefined, scale: number) => {
          if (postings === undefined) return;
          const weight = postings.idf * scale * alternative.factor;
          for (let p = 0; p < postings.sections.length; p++) {
            const section = postings.sections[p] ?? 0;
            if (altScores[section] === 0) altTouched.push(section);
            altScores[section] = (altScores[section] ?? 0) + weight * (postings.weights[p] ?? 0);
          }
        };
        alternative.terms.forEach((term, k) => {
          add(terms.get(term), 1);
          const next = alternative.terms[k + 1];
          if (next !== undefined) add(bigrams.get(bigramKey(term, next)), PHRASE_WEIGHT);
        });
        for (const section of altTouched) {
          const value = altScores[section] ?? 0;
          if (conceptScores[section] === 0) touched.push(section);
          if (value > (conceptScores[section] ?? 0)) conceptScores[section] = value;
          altScores[section] = 0;
        }
        altTouched.length = 0;
      }
      for (const section of touched) {
        scores[section] = (scores[section] ?? 0) + (conceptScores[section] ?? 0);
        conceptScores[section] = 0;
      }
      touched.length = 0;
    }
  }

  /** Bonus for neighbouring concepts found side by side ("service value" + "value chain"). */
  function scorePhrases(concepts: readonly Concept[], scores: Float64Array): void {
    for (let c = 0; c + 1 < concepts.length; c++) {
      const left = concepts[c]?.alternatives[0];
      const right = concepts[c + 1]?.alternatives[0];
      const a = left?.terms[left.terms.length - 1];
      const b = right?.terms[0];
      if (a === undefined || b === undefined || left === undefined || right === undefined) {
        continue;
      }
      const postings = bigrams.get(bigramKey(a, b));
      if (postings === undefined) continue;
      const weight = postings.idf * PHRASE_WEIGHT * Math.min(left.factor, right.factor);
      for (let p = 0; p < postings.sections.length; p++) {
        const section = postings.sections[p] ?? 0;
        scores[section] = (scores[section] ?? 0) + weight * (postings.weights[p] ?? 0);
      }
    }
  }

  function search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const concepts = understand(query);
    if (concepts.length === 0 || limit === 0 || total === 0) {
      return { query, results: [], confident: false };
    }
    const scores = new Float64Array(total);
    scoreConcepts(concepts, scores);
    scorePhrases(concepts, scores);

    const top: Candidate[] = [];
    for (let index = 0; index < total; index++) {
      const score = scores[index] ?? 0;
      if (score > 0) insertTop(top, { index, score }, limit);
    }

    const weights = concepts.map(conceptWeight);
    const totalWeight = weights.reduce((sum, w) => sum + w, 0);
    const results: SearchResult[] = [];
    let confident = false;
    top.forEach((candidate, rank) => {
      const section = ordered[candidate.index];
      if (section === undefined) return;
      let covered = 0;
      let informative = false;
      let allUbiquitous = true;
      const matched = new Set<string>();
      concepts.forEach((concept, c) => {
        const coverage = conceptCoverage(concept, candidate.index);
        covered += (weights[c] ?? 0) * coverage.share;
        if (coverage.informative) informative = true;
        for (const term of coverage.matched) matched.add(display.get(term) ?? term);
        if ((weights[c] ?? 0) > idfOf(ubiquitousDf, total)) allUbiquitous = false;
      });
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      if (rank === 0) {
        confident =
          coverage >= tuning.minCoverage && (informative || (allUbiquitous && coverage >= 0.99));
      }
      results.push({
        section,
        score: candidate.score,
        matchedTerms: [...matched],
        coverage,
      });
    });
    return { query, results, confident };
  }

  return { size: total, search };
}
