import type { Section } from "../corpus/types.js";
import { DIGIT_PAIR } from "./query.js";
import { runSteps, type Steps } from "./steps.js";
import { compoundWord, isStopWord, normalizeWord, splitWords } from "./text.js";
import { JOINING_PARTICLES, PARTICLES } from "./words/english.js";

/**
 * The inverted index: terms and adjacent-term pairs (bigrams) of every section, with their
 * BM25F weight per section computed once at build time. Postings live in a few flat typed
 * arrays (no object per posting), so tens of thousands of sections build in about a second.
 */

export type Field = "title" | "heading" | "path" | "questions" | "body";
export const FIELDS: readonly Field[] = ["title", "heading", "path", "questions", "body"];
const FIELD_COUNT = FIELDS.length;
const BODY = FIELDS.indexOf("body");
const QUESTIONS = FIELDS.indexOf("questions");
/** Bits of `PostingTable.topical`. */
export const NAMED = 1;
export const ASKED = 2;

/**
 * BM25F's parameters (Robertson, Zaragoza and Taylor 2004, "Simple BM25 extension to multiple
 * weighted fields"), one object so that `tuning.ts` holds them with every other knob. A section's
 * weight for a key is
 *
 *   sat(Σ_f weight_f · tf_f / norm_f) + documentWeight · sat(weight_title · tf_title / norm_title)
 *   f over the section's own fields (heading, path, questions, body: all but the page title)
 *   norm_f = 1 − b_f + b_f · length_f / average length_f;  sat(x) = x · (k1 + 1) / (k1 + x)
 */
export interface BM25FParams {
  /**
   * How much one occurrence in each field counts: where a word sits says how much the section
   * is about it. Headings and the author's sample questions name the topic; the body merely
   * mentions things. `title` is the page's title and aliases, shared by all its sections.
   */
  weights: Readonly<Record<Field, number>>;
  /**
   * Length normalisation per field. Body 0.3, not the textbook 0.75–0.8: a handbook section is
   * already one topic, and a long one that states the answer in passing is still the answer.
   */
  b: Readonly<Record<Field, number>>;
  /**
   * The page title's own saturated component, times this: a title match lifts the whole page
   * without drowning the heading and body evidence that decides between its sections.
   */
  documentWeight: number;
  /** Term-frequency saturation: how fast repeating a word stops adding to its weight. */
  k1: number;
}

/** The defaults; `tuning.ts` says what each was fitted on. */
export const DEFAULT_BM25F: BM25FParams = {
  weights: { title: 2, heading: 4, path: 1.2, questions: 4, body: 1 },
  b: { title: 0.3, heading: 0.3, path: 0.3, questions: 0.5, body: 0.3 },
  documentWeight: 0.7,
  k1: 1.2,
};

/** Page-level fields: their component is saturated apart from the section's own. */
const DOCUMENT_FIELDS: ReadonlySet<number> = new Set([FIELDS.indexOf("title")]);

/** Whether two parameter sets build the same index (a snapshot is reused only then). */
export function sameBM25F(a: BM25FParams, b: BM25FParams): boolean {
  return (
    a.k1 === b.k1 &&
    a.documentWeight === b.documentWeight &&
    FIELDS.every((f) => a.weights[f] === b.weights[f] && a.b[f] === b.b[f])
  );
}

/** Postings of every key (term or bigram) by id: key `id` owns positions start[id]…start[id+1]. */
export interface PostingTable {
  readonly start: Int32Array;
  /** Section indices, ascending within a key. */
  readonly sections: Int32Array;
  /** Saturated BM25F weight of the key in the section, before IDF. */
  readonly weights: Float32Array;
  /**
   * Where the key names the section's topic: NAMED (title, aliases, headings), ASKED (author
   * questions), both (3) or neither (0, body only).
   */
  readonly topical: Uint8Array;
  readonly idf: Float64Array;
}

export interface FieldIndex {
  total: number;
  /** The parameters the weights were computed with. */
  params: BM25FParams;
  terms: ReadonlyMap<string, number>;
  termPostings: PostingTable;
  /** Pair of term ids → bigram id. */
  bigrams: PairTable;
  bigramPostings: PostingTable;
  /** Every word as written (folded) → its term. */
  surfaceTerm: ReadonlyMap<string, string>;
  /** Term → its most frequent written form. */
  display: ReadonlyMap<string, string>;
}

export function idfOf(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

function saturate(tf: number, k1: number): number {
  return (tf * (k1 + 1)) / (k1 + tf);
}

/** Binary search for a section among a key's postings; its position, or -1. */
export function positionOf(table: PostingTable, id: number, section: number): number {
  let low = table.start[id] ?? 0;
  let high = (table.start[id + 1] ?? 0) - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = table.sections[mid] ?? 0;
    if (value === section) return mid;
    if (value < section) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

export function frequencyOf(table: PostingTable, id: number): number {
  return (table.start[id + 1] ?? 0) - (table.start[id] ?? 0);
}

function fieldTexts(section: Section): readonly (readonly string[])[] {
  const ancestors = section.breadcrumb.filter((crumb) => crumb !== section.heading);
  const body = section.blocks.length > 0 ? section.blocks.map((b) => b.text) : [section.text];
  const byField: Record<Field, readonly string[]> = {
    title: [section.document.title, ...section.document.aliases],
    // A lead section's heading is the document title, already counted for the document.
    heading: section.depth === 0 ? [] : [section.heading],
    path: ancestors,
    questions: section.questions,
    body,
  };
  return FIELDS.map((field) => byField[field]);
}

/**
 * Open-addressing hash table from a pair of term ids to a bigram id, in typed arrays: bigram
 * lookups happen once per word indexed, and Map-of-Map lookups were most of the build time.
 */
export class PairTable {
  private keysA: Int32Array<ArrayBufferLike> = new Int32Array(1 << 16).fill(-1);
  private keysB: Int32Array<ArrayBufferLike> = new Int32Array(1 << 16);
  private values: Int32Array<ArrayBufferLike> = new Int32Array(1 << 16);
  size = 0;

  private static slot(a: number, b: number, mask: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) & mask;
  }

  get(a: number, b: number): number | undefined {
    const mask = this.keysA.length - 1;
    let i = PairTable.slot(a, b, mask);
    for (;;) {
      const key = this.keysA[i] ?? -1;
      if (key === -1) return undefined;
      if (key === a && this.keysB[i] === b) return this.values[i];
      i = (i + 1) & mask;
    }
  }

  /** The id of the pair, given the next id when it is new. */
  intern(a: number, b: number): number {
    const mask = this.keysA.length - 1;
    let i = PairTable.slot(a, b, mask);
    for (;;) {
      const key = this.keysA[i] ?? -1;
      if (key === -1) break;
      if (key === a && this.keysB[i] === b) return this.values[i] ?? 0;
      i = (i + 1) & mask;
    }
    const id = this.size++;
    this.keysA[i] = a;
    this.keysB[i] = b;
    this.values[i] = id;
    if (this.size * 2 > this.keysA.length) this.grow();
    return id;
  }

  /** The table's arrays, for a snapshot (`encodeFieldIndex`). */
  toArrays(): { keysA: Int32Array; keysB: Int32Array; values: Int32Array; size: number } {
    return { keysA: this.keysA, keysB: this.keysB, values: this.values, size: this.size };
  }

  /** A table from `toArrays()`'s arrays (views into a snapshot; never grown again). */
  static fromArrays(keysA: Int32Array, keysB: Int32Array, values: Int32Array, size: number) {
    const mask = keysA.length - 1;
    if (keysA.length === 0 || (keysA.length & mask) !== 0) throw new RangeError("not a power of 2");
    if (keysB.length !== keysA.length || values.length !== keysA.length) {
      throw new RangeError("pair table arrays differ in length");
    }
    const table = new PairTable();
    table.keysA = keysA;
    table.keysB = keysB;
    table.values = values;
    table.size = size;
    return table;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    this.keysA = new Int32Array(keysA.length * 2).fill(-1);
    this.keysB = new Int32Array(keysA.length * 2);
    this.values = new Int32Array(keysA.length * 2);
    const mask = this.keysA.length - 1;
    for (let j = 0; j < keysA.length; j++) {
      const a = keysA[j] ?? -1;
      if (a === -1) continue;
      const b = keysB[j] ?? 0;
      let i = PairTable.slot(a, b, mask);
      while ((this.keysA[i] ?? -1) !== -1) i = (i + 1) & mask;
      this.keysA[i] = a;
      this.keysB[i] = b;
      this.values[i] = values[j] ?? 0;
    }
  }
}

/** Growable Int32 list without an object per element. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** Adds `by` at `index`, growing (with zeros) as needed. */
  add(index: number, by: number): void {
    while (index >= this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    if (index >= this.length) this.length = index + 1;
    this.data[index] = (this.data[index] ?? 0) + by;
  }
  pushAll(values: Int32Array): void {
    while (this.length + values.length > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }
  copy(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Two letter runs joined by a hyphen: "stand-up", "e-mail", "sub-DMs". */
const HYPHENATED = /\b([A-Za-z]+)-([A-Za-z]+)\b/g;

/** Id of a stop word: skipped, and bigrams form across it ("scope of work" → "scope work"). */
const STOP = -1;

export function buildFieldIndex(
  sections: readonly Section[],
  params: BM25FParams = DEFAULT_BM25F,
): FieldIndex {
  return runSteps(buildFieldIndexSteps(sections, params));
}

/** Sections (or words) handled between two yields of `buildFieldIndexSteps`. */
const SECTIONS_PER_STEP = 32;
/**
 * Characters of body text tokenised between two yields of the first pass, whatever the number
 * of sections: one long page's sections made a single 32-section step take 10–18 ms at ×10 of
 * the 18F handbook (measured 2026-12-07), and a reload's longest stall is one slice plus one step.
 */
const CHARACTERS_PER_STEP = 16_384;
const WORDS_PER_STEP = 2048;

/** `buildFieldIndex` in steps (steps.ts): it yields every few dozen sections. */
export function* buildFieldIndexSteps(
  sections: readonly Section[],
  params: BM25FParams = DEFAULT_BM25F,
): Steps<FieldIndex> {
  const total = sections.length;
  const terms = new Map<string, number>();
  const termNames: string[] = [];
  /** Folded word → word number; per word number, its term id (or STOP) and occurrences. */
  const words = new Map<string, number>();
  const wordTerm = new IntList();
  const wordCount = new IntList();
  const bigrams = new PairTable();
  const termDf = new IntList();
  const bigramDf = new IntList();
  const termSeen = new IntList();
  const bigramSeen = new IntList();
  const titleCache = new Map<string, { terms: Int32Array; bigrams: Int32Array }>();

  const termOfWord = (word: string): number => {
    let number = words.get(word);
    if (number === undefined) {
      number = words.size;
      words.set(word, number);
      let id = STOP;
      if (!isStopWord(word)) {
        const term = normalizeWord(word);
        const known = terms.get(term);
        if (known === undefined) {
          id = termNames.length;
          terms.set(term, id);
          termNames.push(term);
        } else id = known;
      }
      wordTerm.push(id);
      wordCount.push(0);
    }
    wordCount.add(number, 1);
    return wordTerm.data[number] ?? STOP;
  };

  /** Counts a key once per section (`seen` holds the last section that counted it). */
  const countDocument = (df: IntList, seen: IntList, id: number, section: number) => {
    if (id < seen.length && seen.data[id] === section + 1) return;
    seen.add(id, section + 1 - (id < seen.length ? (seen.data[id] ?? 0) : 0));
    df.add(id, 1);
  };

  /**
   * Appends the keys of `pieces` to the flat key lists (`keyTerms`, `keyBigrams`): every
   * section's keys live in two growing Int32 lists, found through `termEnds` / `bigramEnds`,
   * not in a pair of small arrays per field (tens of thousands of sections made hundreds of
   * thousands of typed arrays, most of a reload's garbage).
   */
  const keyTerms = new IntList();
  const keyBigrams = new IntList();
  const appendKeys = (pieces: readonly string[]): void => {
    for (const piece of pieces) {
      let previous = STOP;
      let previousWord = "";
      for (const word of splitWords(piece)) {
        const id = termOfWord(word);
        // A content word and the particle after it are also read joined ("time off" as
        // "timeoff", "set up" as "setup"), as a question's are (query.ts): one thing, however
        // it is written.
        if (id === STOP && previousWord !== "" && JOINING_PARTICLES.has(word)) {
          const joined = termOfWord(compoundWord(previousWord, word));
          if (joined !== STOP) keyTerms.push(joined);
        }
        previousWord = id === STOP ? "" : word;
        if (id === STOP) continue;
        keyTerms.push(id);
        if (previous !== STOP) keyBigrams.push(bigrams.intern(previous, id));
        previous = id;
      }
      // A hyphenated compound is also typed joined up ("stand-ups" / "standups", "e-mail"),
      // a word and its particle as `compoundWord` joins them ("checked-in" / "checkin"), and
      // "1-1" also as the "1:1" people type.
      if (piece.includes("-")) {
        for (const match of piece.matchAll(HYPHENATED)) {
          const first = (match[1] ?? "").toLowerCase();
          const second = (match[2] ?? "").toLowerCase();
          // Read joined already, word by word, above ("cool-down"): counted once.
          if (JOINING_PARTICLES.has(second) && !isStopWord(first)) continue;
          const id = termOfWord(
            PARTICLES.has(second) ? compoundWord(first, second) : `${first}${second}`,
          );
          if (id !== STOP) keyTerms.push(id);
        }
        for (const match of piece.matchAll(DIGIT_PAIR)) {
          const id = termOfWord(`${match[1]}:${match[2]}`);
          if (id !== STOP) keyTerms.push(id);
        }
      }
    }
  };

  // Pass 1: keys per field, field lengths, document frequencies.
  const titleField = FIELDS.indexOf("title");
  const lengths = FIELDS.map(() => new Float64Array(total));
  /** Keys of section `s`, field `f`: positions ends[s·F+f]…ends[s·F+f+1] of the key lists. */
  const termEnds = new Int32Array(total * FIELD_COUNT + 1);
  const bigramEnds = new Int32Array(total * FIELD_COUNT + 1);
  let sectionsInStep = 0;
  let charactersInStep = 0;
  for (let index = 0; index < total; index++) {
    const section = sections[index] as Section;
    if (++sectionsInStep >= SECTIONS_PER_STEP || charactersInStep >= CHARACTERS_PER_STEP) {
      yield;
      sectionsInStep = 0;
      charactersInStep = 0;
    }
    charactersInStep += section.text.length;
    const texts = fieldTexts(section);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const termsFrom = keyTerms.length;
      const bigramsFrom = keyBigrams.length;
      const pieces = texts[f] ?? [];
      if (f === titleField) {
        // A document's title keys are the same in each of its sections: read them once.
        const path = section.document.path;
        const cached = titleCache.get(path);
        if (cached === undefined) {
          appendKeys(pieces);
          titleCache.set(path, {
            terms: keyTerms.data.slice(termsFrom, keyTerms.length),
            bigrams: keyBigrams.data.slice(bigramsFrom, keyBigrams.length),
          });
        } else {
          keyTerms.pushAll(cached.terms);
          keyBigrams.pushAll(cached.bigrams);
        }
      } else appendKeys(pieces);
      const slot = index * FIELD_COUNT + f + 1;
      termEnds[slot] = keyTerms.length;
      bigramEnds[slot] = keyBigrams.length;
      const fieldLengths = lengths[f];
      if (fieldLengths !== undefined) fieldLengths[index] = keyTerms.length - termsFrom;
      for (let k = termsFrom; k < keyTerms.length; k++) {
        countDocument(termDf, termSeen, keyTerms.data[k] ?? 0, index);
      }
      for (let k = bigramsFrom; k < keyBigrams.length; k++) {
        countDocument(bigramDf, bigramSeen, keyBigrams.data[k] ?? 0, index);
      }
    }
  }

  const averages = lengths.map((fieldLengths) => {
    let sum = 0;
    let present = 0;
    for (const length of fieldLengths) {
      if (length > 0) {
        sum += length;
        present++;
      }
    }
    return present > 0 ? sum / present : 1;
  });

  // Each table's allocation is a step of its own (several MB each at 20,000 sections).
  yield;
  const termTable = allocate(termDf.copy(), termNames.length, total);
  yield;
  const bigramTable = allocate(bigramDf.copy(), bigrams.size, total);
  yield;
  const termWriter = createWriter(termTable, termNames.length, params);
  const bigramWriter = createWriter(bigramTable, bigrams.size, params);

  // Pass 2: per-section frequencies per field → weights, written in section order.
  const fieldB = FIELDS.map((field) => params.b[field]);
  for (let index = 0; index < total; index++) {
    if (index % SECTIONS_PER_STEP === SECTIONS_PER_STEP - 1) yield;
    const norms = FIELDS.map((_, f) => {
      const b = fieldB[f] ?? 0;
      const length = lengths[f]?.[index] ?? 0;
      return 1 - b + (b * length) / (averages[f] ?? 1);
    });
    for (let f = 0; f < FIELD_COUNT; f++) {
      const slot = index * FIELD_COUNT + f;
      for (let k = termEnds[slot] ?? 0; k < (termEnds[slot + 1] ?? 0); k++) {
        termWriter.count(keyTerms.data[k] ?? 0, f);
      }
    }
    for (let f = 0; f < FIELD_COUNT; f++) {
      const slot = index * FIELD_COUNT + f;
      for (let k = bigramEnds[slot] ?? 0; k < (bigramEnds[slot + 1] ?? 0); k++) {
        bigramWriter.count(keyBigrams.data[k] ?? 0, f);
      }
    }
    termWriter.flush(index, norms);
    bigramWriter.flush(index, norms);
  }

  const surfaceTerm = new Map<string, string>();
  const display = new Map<string, string>();
  const displayCount = new Map<string, number>();
  for (const [word, number] of words) {
    if (number % WORDS_PER_STEP === WORDS_PER_STEP - 1) yield;
    const term = termNames[wordTerm.data[number] ?? STOP];
    if (term === undefined) continue;
    surfaceTerm.set(word, term);
    const seen = wordCount.data[number] ?? 0;
    const best = displayCount.get(term) ?? -1;
    const current = display.get(term) ?? "";
    if (seen > best || (seen === best && word < current)) {
      display.set(term, word);
      displayCount.set(term, seen);
    }
  }

  return {
    total,
    params,
    terms,
    termPostings: termTable,
    bigrams,
    bigramPostings: bigramTable,
    surfaceTerm,
    display,
  };
}

/**
 * Accumulates one section's per-field frequencies by key id (arrays indexed by id, reset after
 * each section), then writes weights at each key's next free position.
 */
function createWriter(table: PostingTable, keyCount: number, params: BM25FParams) {
  const fieldWeight = FIELDS.map((field) => params.weights[field]);
  const slot = new Int32Array(keyCount).fill(-1);
  const touched = new IntList();
  let tf = new Float64Array(FIELD_COUNT * 256);
  const cursor = table.start.slice(0, keyCount);
  return {
    count(id: number, f: number): void {
      let at = slot[id] ?? -1;
      if (at < 0) {
        at = touched.length;
        slot[id] = at;
        touched.push(id);
        if ((at + 1) * FIELD_COUNT > tf.length) {
          const grown = new Float64Array(tf.length * 2);
          grown.set(tf);
          tf = grown;
        }
      }
      const i = at * FIELD_COUNT + f;
      tf[i] = (tf[i] ?? 0) + 1;
    },
    flush(section: number, norms: readonly number[]): void {
      for (let k = 0; k < touched.length; k++) {
        const id = touched.data[k] ?? 0;
        let sectionTf = 0;
        let documentTf = 0;
        let topical = 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const i = k * FIELD_COUNT + f;
          const raw = tf[i] ?? 0;
          if (raw === 0) continue;
          tf[i] = 0;
          const pseudo = ((fieldWeight[f] ?? 1) * raw) / (norms[f] ?? 1);
          if (DOCUMENT_FIELDS.has(f)) documentTf += pseudo;
          else sectionTf += pseudo;
          if (f === QUESTIONS) topical |= ASKED;
          else if (f !== BODY) topical |= NAMED;
        }
        const position = cursor[id] ?? 0;
        cursor[id] = position + 1;
        table.sections[position] = section;
        table.weights[position] =
          saturate(sectionTf, params.k1) + params.documentWeight * saturate(documentTf, params.k1);
        table.topical[position] = topical;
        slot[id] = -1;
      }
      touched.length = 0;
    },
  };
}

function allocate(df: Int32Array, keyCount: number, total: number): PostingTable {
  const start = new Int32Array(keyCount + 1);
  for (let id = 0; id < keyCount; id++) start[id + 1] = (start[id] ?? 0) + (df[id] ?? 0);
  const size = start[keyCount] ?? 0;
  const idf = new Float64Array(keyCount);
  for (let id = 0; id < keyCount; id++) idf[id] = idfOf(df[id] ?? 0, total);
  return {
    start,
    sections: new Int32Array(size),
    weights: new Float32Array(size),
    topical: new Uint8Array(size),
    idf,
  };
}

/**
 * Snapshots: a built FieldIndex as bytes, so a process starting on sections it has indexed
 * before reads the index instead of building it (knowledge/index-cache.ts keys and stores
 * them). Layout: "HBIX", a uint32 header length, a JSON header (strings, counts, `extra`),
 * then every typed array, each at an offset that is a multiple of 8.
 */
const SNAPSHOT_MAGIC = "HBIX";
const SNAPSHOT_FORMAT = 2;

type ArrayKind = "i32" | "f32" | "f64" | "u8";
type Typed = Int32Array | Float32Array | Float64Array | Uint8Array;
const ARRAY_TYPES = {
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
  u8: Uint8Array,
} as const;

function kindOf(array: Typed): ArrayKind {
  if (array instanceof Int32Array) return "i32";
  if (array instanceof Float32Array) return "f32";
  if (array instanceof Float64Array) return "f64";
  return "u8";
}

interface SnapshotHeader {
  format: number;
  total: number;
  termNames: string[];
  words: string[];
  bigramCount: number;
  arrays: [ArrayKind, number][];
  params: BM25FParams;
  extra: unknown;
}

/** `value` as BM25F parameters, or undefined when it is not shaped like them. */
function asBM25F(value: unknown): BM25FParams | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { weights, b, documentWeight, k1 } = value as Partial<BM25FParams>;
  const finite = (n: unknown) => typeof n === "number" && Number.isFinite(n);
  const perField = (record: unknown) =>
    typeof record === "object" &&
    record !== null &&
    FIELDS.every((f) => finite((record as Record<string, unknown>)[f]));
  if (!perField(weights) || !perField(b) || !finite(documentWeight) || !finite(k1)) {
    return undefined;
  }
  return value as BM25FParams;
}

const postingArrays = (table: PostingTable): Typed[] => [
  table.start,
  table.sections,
  table.weights,
  table.topical,
  table.idf,
];

/** `index` (and `extra`, any JSON value) as bytes for `decodeFieldIndex`. */
export function encodeFieldIndex(index: FieldIndex, extra: unknown = null): Uint8Array {
  return runSteps(encodeFieldIndexSteps(index, extra));
}

/**
 * `encodeFieldIndex` in steps (steps.ts): a snapshot of tens of thousands of sections takes
 * tens of milliseconds to encode, and is written while questions come.
 */
export function* encodeFieldIndexSteps(
  index: FieldIndex,
  extra: unknown = null,
): Steps<Uint8Array> {
  const termNames: string[] = [];
  for (const [term, id] of index.terms) termNames[id] = term;
  const words = [...index.surfaceTerm.keys()];
  const wordNumber = new Map(words.map((word, number) => [word, number]));
  const wordTerms = Int32Array.from(
    words,
    (word) => index.terms.get(index.surfaceTerm.get(word) ?? "") ?? -1,
  );
  const displayTerms = new Int32Array(index.display.size);
  const displayWords = new Int32Array(index.display.size);
  let at = 0;
  for (const [term, word] of index.display) {
    displayTerms[at] = index.terms.get(term) ?? -1;
    displayWords[at] = wordNumber.get(word) ?? -1;
    at++;
  }
  const pairs = index.bigrams.toArrays();
  const arrays: Typed[] = [
    ...postingArrays(index.termPostings),
    ...postingArrays(index.bigramPostings),
    pairs.keysA,
    pairs.keysB,
    pairs.values,
    wordTerms,
    displayTerms,
    displayWords,
  ];
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    total: index.total,
    termNames,
    words,
    bigramCount: pairs.size,
    arrays: arrays.map((array) => [kindOf(array), array.length]),
    params: index.params,
    extra,
  };
  yield;
  const json = new TextEncoder().encode(JSON.stringify(header));
  yield;
  const align = (offset: number) => Math.ceil(offset / 8) * 8;
  let size = align(8 + json.length);
  for (const array of arrays) size = align(size + array.byteLength);
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(SNAPSHOT_MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, json.length, true);
  bytes.set(json, 8);
  let offset = align(8 + json.length);
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset = align(offset + array.byteLength);
    yield;
  }
  return bytes;
}

/**
 * The index (and `extra`) `encodeFieldIndex` wrote, or undefined when the bytes are not such a
 * snapshot (another format, cut short, inconsistent): a miss, never a wrong index. Typed arrays
 * are views into `bytes` (copied once first when it is not 8-byte aligned).
 */
export function decodeFieldIndex(
  input: Uint8Array,
): { index: FieldIndex; extra: unknown } | undefined {
  try {
    const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
    if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== SNAPSHOT_MAGIC) {
      return undefined;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(4, true);
    if (8 + headerLength > bytes.length) return undefined;
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)),
    ) as SnapshotHeader;
    if (header.format !== SNAPSHOT_FORMAT || !Array.isArray(header.arrays)) return undefined;
    const params = asBM25F(header.params);
    if (params === undefined) return undefined;
    const align = (offset: number) => Math.ceil(offset / 8) * 8;
    let offset = align(8 + headerLength);
    const arrays: Typed[] = [];
    for (const [kind, length] of header.arrays) {
      const Type = ARRAY_TYPES[kind];
      if (Type === undefined || !Number.isInteger(length) || length < 0) return undefined;
      const byteLength = length * Type.BYTES_PER_ELEMENT;
      if (offset + byteLength > bytes.length) return undefined;
      // A file read into memory is an ArrayBuffer, never shared.
      arrays.push(new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length));
      offset = align(offset + byteLength);
    }
    const [
      ts,
      tsec,
      tw,
      ttop,
      tidf,
      bs,
      bsec,
      bw,
      btop,
      bidf,
      keysA,
      keysB,
      values,
      wordTerms,
      displayTerms,
      displayWords,
    ] = arrays;
    const table = (
      start: Typed | undefined,
      sections: Typed | undefined,
      weights: Typed | undefined,
      topical: Typed | undefined,
      idf: Typed | undefined,
      keys: number,
    ): PostingTable | undefined => {
      if (
        !(start instanceof Int32Array && start.length === keys + 1) ||
        !(sections instanceof Int32Array) ||
        !(weights instanceof Float32Array && weights.length === sections.length) ||
        !(topical instanceof Uint8Array && topical.length === sections.length) ||
        !(idf instanceof Float64Array && idf.length === keys) ||
        start[keys] !== sections.length
      ) {
        return undefined;
      }
      return { start, sections, weights, topical, idf };
    };
    const { termNames, words, total } = header;
    const termPostings = table(ts, tsec, tw, ttop, tidf, termNames.length);
    const bigramPostings = table(bs, bsec, bw, btop, bidf, header.bigramCount);
    if (
      termPostings === undefined ||
      bigramPostings === undefined ||
      !(
        keysA instanceof Int32Array &&
        keysB instanceof Int32Array &&
        values instanceof Int32Array
      ) ||
      !(wordTerms instanceof Int32Array && wordTerms.length === words.length) ||
      !(displayTerms instanceof Int32Array && displayWords instanceof Int32Array) ||
      displayTerms.length !== displayWords.length
    ) {
      return undefined;
    }
    const terms = new Map<string, number>();
    for (const [id, term] of termNames.entries()) terms.set(term, id);
    const surfaceTerm = new Map<string, string>();
    words.forEach((word, number) => {
      const term = termNames[wordTerms[number] ?? -1];
      if (term === undefined) throw new RangeError("a word without a term");
      surfaceTerm.set(word, term);
    });
    const display = new Map<string, string>();
    for (let at = 0; at < displayTerms.length; at++) {
      const term = termNames[displayTerms[at] ?? -1];
      const word = words[displayWords[at] ?? -1];
      if (term === undefined || word === undefined) return undefined;
      display.set(term, word);
    }
    const bigrams = PairTable.fromArrays(keysA, keysB, values, header.bigramCount);
    return {
      index: { total, params, terms, termPostings, bigrams, bigramPostings, surfaceTerm, display },
      extra: header.extra,
    };
  } catch {
    return undefined;
  }
}
