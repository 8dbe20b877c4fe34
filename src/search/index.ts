import type { Section } from "../corpus/types.js";
import { ABBREVIATIONS, learnAbbreviations, mergeAbbreviations } from "./abbreviations.js";
import { createVocabularyMatcher } from "./fuzzy.js";
import {
  abbreviationTerms,
  type Concept,
  type Form,
  type QueryVocabulary,
  understandQuery,
} from "./query.js";
import { analyze, type Token } from "./text.js";
import type { SearchIndex, SearchOptions, SearchResponse, SearchResult } from "./types.js";

/**
 * BM25F over the fields of each section, with typo tolerance through the vocabulary and
 * abstention based on how much of the question the best section actually covers.
 *
 * Every per-section number that does not depend on the query is computed once, at build:
 * a posting holds the saturated, length-normalised, field-weighted term frequency, so a query
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
/**
 * The document title and aliases are shared by every section of a document, so they form a
 * separate saturated component: a title match lifts the whole document without drowning the
 * heading and body evidence that decides between its sections.
 */
const DOCUMENT_WEIGHT = 0.7;
const DOCUMENT_FIELDS: ReadonlySet<Field> = new Set<Field>(["title"]);
/** Adjacent query words found adjacent in a section ("scope drift") earn this share of a term. */
const PHRASE_WEIGHT = 0.6;
/** A phrase concept ("engineering manager") met only word by word earns this share. */
const PARTIAL_WEIGHT = 0.5;

export interface SearchTuning {
  /** Minimum IDF-weighted share of the question the top section must cover to be confident. */
  minCoverage: number;
  /**
   * Minimum mean of coverage and topicality (the share covered by the section's title, headings
   * or author questions). Words of an off-topic question turn up in some body ("book a meeting"),
   * rarely in the heading of the section that mentions them.
   */
  minEvidence: number;
  /**
   * A term in more than this share of sections is "ubiquitous" ("delivery" in a knowledge base
   * about delivery managers); a confident answer needs one matched concept that is not, unless
   * the question is made only of such concepts and all of them are covered.
   */
  ubiquity: number;
}

/**
 * Calibrated on in-scope and out-of-scope questions over two corpora (a 130-section role
 * handbook and the 2,000-section 18F handbook): out-of-scope questions reach evidence ≤ 0.39,
 * in-scope ones ≥ 0.51.
 */
export const DEFAULT_TUNING: SearchTuning = { minCoverage: 0.5, minEvidence: 0.45, ubiquity: 0.3 };

interface Postings {
  /** Section indices, ascending. */
  sections: Int32Array;
  /** Saturated BM25F term frequency for each section, before IDF. */
  weights: Float32Array;
  /** 1 where the term names the section's topic: title, aliases, headings or author questions. */
  topical: Uint8Array;
  idf: number;
}

interface Candidate {
  index: number;
  score: number;
}

interface RawPosting {
  section: number;
  tf: Float64Array;
}

function bigramKey(a: string, b: string): string {
  return `${a} ${b}`;
}

function fieldPieces(section: Section): Record<Field, readonly string[]> {
  const doc = section.document;
  const ancestors = section.breadcrumb.filter((crumb) => crumb !== section.heading);
  const body = section.blocks.length > 0 ? section.blocks.map((b) => b.text) : [section.text];
  return {
    title: [doc.title, ...doc.aliases],
    // A lead section's heading is the document title, already counted for the document.
    heading: section.depth === 0 ? [] : [section.heading],
    path: ancestors,
    questions: section.questions,
    body,
  };
}

function idfOf(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

function saturate(tf: number): number {
  return (tf * (K1 + 1)) / (K1 + tf);
}

/** Field-weighted BM25F postings from raw per-field term frequencies. */
function finishPostings(
  raw: Map<string, RawPosting[]>,
  lengths: readonly Float64Array[],
  averages: Float64Array,
  total: number,
): Map<string, Postings> {
  const result = new Map<string, Postings>();
  for (const [key, list] of raw) {
    const sections = new Int32Array(list.length);
    const weights = new Float32Array(list.length);
    const topical = new Uint8Array(list.length);
    list.forEach((posting, i) => {
      let sectionTf = 0;
      let documentTf = 0;
      FIELDS.forEach((field, f) => {
        const tf = posting.tf[f] ?? 0;
        if (tf === 0) return;
        const length = lengths[f]?.[posting.section] ?? 0;
        const average = averages[f] || 1;
        const b = FIELD_B[field];
        const pseudo = (FIELD_WEIGHT[field] * tf) / (1 - b + (b * length) / average);
        if (DOCUMENT_FIELDS.has(field)) documentTf += pseudo;
        else sectionTf += pseudo;
        if (field !== "body") topical[i] = 1;
      });
      sections[i] = posting.section;
      weights[i] = saturate(sectionTf) + DOCUMENT_WEIGHT * saturate(documentTf);
    });
    result.set(key, { sections, weights, topical, idf: idfOf(list.length, total) });
  }
  return result;
}

/** Binary search of a section in ascending postings; its position, or -1 when absent. */
function positionIn(postings: Postings | undefined, section: number): number {
  if (postings === undefined) return -1;
  let low = 0;
  let high = postings.sections.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = postings.sections[mid] ?? 0;
    if (value === section) return mid;
    if (value < section) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

function weightIn(postings: Postings | undefined, section: number): number {
  const position = positionIn(postings, section);
  return position < 0 ? 0 : (postings?.weights[position] ?? 0);
}

function topicalIn(postings: Postings | undefined, section: number): boolean {
  const position = positionIn(postings, section);
  return position >= 0 && postings?.topical[position] === 1;
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

/** How typo distance discounts a correction: one edit in a short word changes more of it. */
function typoFactor(distance: number, length: number): number {
  return Math.max(0, 1 - (1.5 * distance) / Math.max(length, 1));
}

/** Raw postings built section by section, before weighting. */
class PostingsBuilder {
  readonly raw = new Map<string, RawPosting[]>();
  private readonly current = new Map<string, Float64Array>();

  count(key: string, field: number): void {
    let tf = this.current.get(key);
    if (tf === undefined) {
      tf = new Float64Array(FIELDS.length);
      this.current.set(key, tf);
    }
    tf[field] = (tf[field] ?? 0) + 1;
  }

  endSection(section: number): void {
    for (const [key, tf] of this.current) {
      let list = this.raw.get(key);
      if (list === undefined) {
        list = [];
        this.raw.set(key, list);
      }
      list.push({ section, tf });
    }
    this.current.clear();
  }
}

export function createSearchIndex(
  sections: readonly Section[],
  tuning: SearchTuning = DEFAULT_TUNING,
): SearchIndex {
  // Section order decides ties, so index in the corpus's reading order.
  const ordered = [...sections].sort((a, b) => a.order - b.order);
  const total = ordered.length;
  const lengths = FIELDS.map(() => new Float64Array(total));
  const termBuilder = new PostingsBuilder();
  const bigramBuilder = new PostingsBuilder();
  const surfaces = new Map<string, Map<string, number>>();

  ordered.forEach((section, index) => {
    const pieces = fieldPieces(section);
    FIELDS.forEach((field, f) => {
      let length = 0;
      for (const piece of pieces[field]) {
        const tokens = analyze(piece);
        length += tokens.length;
        let previous: Token | undefined;
        for (const token of tokens) {
          termBuilder.count(token.term, f);
          let forms = surfaces.get(token.term);
          if (forms === undefined) {
            forms = new Map();
            surfaces.set(token.term, forms);
          }
          forms.set(token.surface, (forms.get(token.surface) ?? 0) + 1);
          if (previous !== undefined) {
            bigramBuilder.count(bigramKey(previous.term, token.term), f);
          }
          previous = token;
        }
      }
      const fieldLengths = lengths[f];
      if (fieldLengths !== undefined) fieldLengths[index] = length;
    });
    termBuilder.endSection(index);
    bigramBuilder.endSection(index);
  });

  const averages = new Float64Array(FIELDS.length);
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

  const terms = finishPostings(termBuilder.raw, lengths, averages, total);
  const bigrams = finishPostings(bigramBuilder.raw, lengths, averages, total);
  const unknownIdf = idfOf(0, total);
  const ubiquitousIdf = idfOf(tuning.ubiquity * total, total);

  /** The most frequent way each term is written, for matched terms and excerpts. */
  const display = new Map<string, string>();
  /** Surface word → term, to map a fuzzy vocabulary hit back to the index. */
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
  const documents = new Set(ordered.map((section) => section.document));
  const learned = learnAbbreviations([
    ...[...documents].flatMap((doc) => [doc.title, ...doc.aliases]),
    ...ordered.flatMap((section) => [section.heading, section.text]),
  ]);
  const abbreviations = abbreviationTerms(mergeAbbreviations(ABBREVIATIONS, learned));
  // Bounded memo of typo corrections: the same misspellings recur, and Fuse is the slow part.
  const corrections = new Map<string, Form[]>();

  const vocabulary: QueryVocabulary = {
    has: (term) => terms.has(term),
    frequency: (term) => terms.get(term)?.sections.length ?? 0,
    hasBigram: (first, second) => bigrams.has(bigramKey(first, second)),
    corrections(surface) {
      const memo = corrections.get(surface);
      if (memo !== undefined) return memo;
      const seen = new Set<string>();
      const forms: Form[] = [];
      for (const candidate of matcher.closest(surface, 4)) {
        const term = surfaceTerm.get(candidate.word);
        if (term === undefined || seen.has(term)) continue;
        seen.add(term);
        forms.push({ terms: [term], factor: typoFactor(candidate.distance, surface.length) });
      }
      if (corrections.size >= 4096) corrections.clear();
      corrections.set(surface, forms);
      return forms;
    },
  };

  /** Postings-like weight of a form in one section: a term's, or a phrase's (all its bigrams). */
  function formWeight(form: Form, section: number): number {
    if (form.terms.length === 1) return weightIn(terms.get(form.terms[0] ?? ""), section);
    let weight = Number.POSITIVE_INFINITY;
    for (let k = 0; k + 1 < form.terms.length; k++) {
      const key = bigramKey(form.terms[k] ?? "", form.terms[k + 1] ?? "");
      weight = Math.min(weight, weightIn(bigrams.get(key), section));
      if (weight === 0) return 0;
    }
    return weight;
  }

  /** Whether a form names the section's topic (every bigram of a phrase must). */
  function formTopical(form: Form, section: number): boolean {
    if (form.terms.length === 1) return topicalIn(terms.get(form.terms[0] ?? ""), section);
    for (let k = 0; k + 1 < form.terms.length; k++) {
      const key = bigramKey(form.terms[k] ?? "", form.terms[k + 1] ?? "");
      if (!topicalIn(bigrams.get(key), section)) return false;
    }
    return true;
  }

  /** Sections where a form appears, with its weight there. */
  function formPostings(form: Form): Array<[number, number]> {
    const first = form.terms[0] ?? "";
    const driver =
      form.terms.length === 1
        ? terms.get(first)
        : bigrams.get(bigramKey(first, form.terms[1] ?? ""));
    if (driver === undefined) return [];
    const found: Array<[number, number]> = [];
    for (let p = 0; p < driver.sections.length; p++) {
      const section = driver.sections[p] ?? 0;
      const weight = form.terms.length <= 2 ? (driver.weights[p] ?? 0) : formWeight(form, section);
      if (weight > 0) found.push([section, weight]);
    }
    return found;
  }

  interface ScoredConcept {
    concept: Concept;
    /** Weight of the concept in the question: its rarity, or the maximum when unknown. */
    weight: number;
    /** Whether the concept is rare enough to count as evidence on its own. */
    informative: boolean;
    /** Section → score of the concept in it. */
    scores: Map<number, number>;
  }

  function scoreConcept(concept: Concept): ScoredConcept {
    const scores = new Map<number, number>();
    const raise = (section: number, value: number) => {
      if (value > (scores.get(section) ?? 0)) scores.set(section, value);
    };
    let weight: number;
    if (concept.corrected) {
      // Rival corrections of one typo: each is weighed by its own rarity.
      weight = 0;
      for (const form of concept.forms) {
        const idf = terms.get(form.terms[0] ?? "")?.idf ?? 0;
        weight = Math.max(weight, idf);
        for (const [section, w] of formPostings(form)) raise(section, form.factor * idf * w);
      }
    } else {
      // Synonyms: one concept, whose rarity is that of all its forms together.
      const found = concept.forms.map(formPostings);
      const union = new Set<number>();
      for (const list of found) for (const [section] of list) union.add(section);
      weight = union.size > 0 ? idfOf(union.size, total) : unknownIdf;
      found.forEach((list, f) => {
        const factor = concept.forms[f]?.factor ?? 1;
        for (const [section, w] of list) raise(section, factor * weight * w);
      });
      // Phrases met word by word still say something, but less.
      for (const form of concept.forms) {
        if (form.terms.length < 2) continue;
        const partial = new Map<number, number>();
        for (const term of form.terms) {
          const postings = terms.get(term);
          if (postings === undefined) continue;
          for (let p = 0; p < postings.sections.length; p++) {
            const section = postings.sections[p] ?? 0;
            const value = PARTIAL_WEIGHT * form.factor * postings.idf * (postings.weights[p] ?? 0);
            partial.set(section, (partial.get(section) ?? 0) + value);
          }
        }
        for (const [section, value] of partial) raise(section, value);
      }
    }
    return { concept, weight, informative: weight > ubiquitousIdf, scores };
  }

  /** How much of a concept a section covers (0–1) and which of its terms it contains. */
  function coverageOf(
    concept: Concept,
    section: number,
  ): { share: number; topical: number; matched: string[] } {
    let share = 0;
    let topical = 0;
    const matched: string[] = [];
    for (const form of concept.forms) {
      if (formWeight(form, section) > 0) {
        share = Math.max(share, form.factor);
        if (formTopical(form, section)) topical = Math.max(topical, form.factor);
        matched.push(...form.terms);
        continue;
      }
      if (form.terms.length < 2) continue;
      let present = 0;
      let all = 0;
      for (const term of form.terms) {
        const postings = terms.get(term);
        const idf = postings?.idf ?? unknownIdf;
        all += idf;
        if (weightIn(postings, section) > 0) {
          present += idf;
          matched.push(term);
        }
      }
      if (all > 0) share = Math.max(share, PARTIAL_WEIGHT * form.factor * (present / all));
    }
    return { share, topical, matched };
  }

  /** Bonus for neighbouring concepts found side by side ("service value" + "value chain"). */
  function addPhraseBonus(concepts: readonly Concept[], scores: Float64Array): void {
    for (let c = 0; c + 1 < concepts.length; c++) {
      const left = concepts[c]?.forms[0];
      const right = concepts[c + 1]?.forms[0];
      if (left === undefined || right === undefined) continue;
      const a = left.terms[left.terms.length - 1] ?? "";
      const b = right.terms[0] ?? "";
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
    const concepts = understandQuery(query, vocabulary, abbreviations);
    if (concepts.length === 0 || limit === 0 || total === 0) {
      return { query, results: [], confident: false };
    }
    const scored = concepts.map(scoreConcept);
    const scores = new Float64Array(total);
    for (const { scores: conceptScores } of scored) {
      for (const [section, value] of conceptScores) {
        scores[section] = (scores[section] ?? 0) + value;
      }
    }
    addPhraseBonus(concepts, scores);

    const top: Candidate[] = [];
    for (let index = 0; index < total; index++) {
      const score = scores[index] ?? 0;
      if (score > 0) insertTop(top, { index, score }, limit);
    }

    const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
    const questionIsUbiquitous = scored.every((c) => !c.informative);
    const results: SearchResult[] = [];
    let confident = false;
    top.forEach((candidate, rank) => {
      const section = ordered[candidate.index];
      if (section === undefined) return;
      let covered = 0;
      let coveredTopically = 0;
      let informative = false;
      let everyConcept = true;
      const matched = new Set<string>();
      for (const concept of scored) {
        const { share, topical, matched: found } = coverageOf(concept.concept, candidate.index);
        covered += concept.weight * share;
        coveredTopically += concept.weight * topical;
        if (share > 0 && concept.informative) informative = true;
        if (share === 0) everyConcept = false;
        for (const term of found) matched.add(display.get(term) ?? term);
      }
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      const topicality = totalWeight > 0 ? coveredTopically / totalWeight : 0;
      if (rank === 0) {
        confident =
          coverage >= tuning.minCoverage &&
          (coverage + topicality) / 2 >= tuning.minEvidence &&
          (informative || (questionIsUbiquitous && everyConcept));
      }
      results.push({
        section,
        score: candidate.score,
        matchedTerms: [...matched],
        coverage,
        topicality,
      });
    });
    return { query, results, confident };
  }

  return { size: total, search };
}
