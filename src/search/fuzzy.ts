import Fuse from "fuse.js";
import { runSteps, type Steps } from "./steps.js";

/**
 * Typo tolerance over the vocabulary (the distinct words of the knowledge base, a few thousand),
 * never over section bodies: one short Bitap pattern per unknown query word, against words of
 * about the same length. Fuse finds candidates; an edit distance decides, so "weather" does not
 * become "whether" and the penalty a caller applies means the same for every word.
 */

export interface FuzzyCandidate {
  /** A vocabulary word as written in the knowledge base (folded). */
  word: string;
  /** Optimal-string-alignment distance to the queried word (a swap of neighbours is one edit). */
  distance: number;
}

export interface VocabularyMatcher {
  /**
   * Closest vocabulary words, best first; empty when nothing is close enough, or when `budget`
   * (one question's) is spent.
   */
  closest(word: string, limit?: number, budget?: FuzzyBudget): FuzzyCandidate[];
}

/**
 * Distinct unknown words one question may have corrected. A question holds at most ~80 words
 * (it is cut at 500 characters) and a real one has a typo or two; a pasted wall of misspelt
 * words is read with its first 12 unknown words corrected and the rest as typed.
 */
export const MAX_FUZZY_WORDS = 12;

/**
 * Bucket searches (Fuse runs) one question may make: a word searches two buckets per length
 * it may have (up to 10 for a long word), so this lets every budgeted word finish.
 */
export const MAX_FUZZY_LOOKUPS = MAX_FUZZY_WORDS * 10;

/**
 * One question's allowance of fuzzy matching, and the count of what it used. A word asked
 * twice is answered from the first lookup and costs nothing more.
 */
export interface FuzzyBudget {
  /** Distinct words looked up so far. */
  words: number;
  /** Fuse searches run so far. */
  lookups: number;
  readonly maxWords: number;
  readonly maxLookups: number;
  /** Answers already given in this question, by word and limit. */
  readonly answered: Map<string, FuzzyCandidate[]>;
}

export function createFuzzyBudget(
  maxWords: number = MAX_FUZZY_WORDS,
  maxLookups: number = MAX_FUZZY_LOOKUPS,
): FuzzyBudget {
  return { words: 0, lookups: 0, maxWords, maxLookups, answered: new Map() };
}

/**
 * Edits allowed for a word of this length: none below 4 letters, where one edit is nearly always
 * another word; callers discount short-word corrections more.
 */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 9) return 1;
  return 2;
}

/** Damerau-Levenshtein distance restricted to adjacent transpositions (OSA). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  // Bitap's score is about errors per pattern letter, and it counts two neighbours swapped as
  // two: "huors" for "hours" scores 0.4. Fuse only gathers candidates (the edit distance
  // decides), so the bar is set where a swap in a five-letter word passes. At 0.34 it did not:
  // synthetic typos on the dev splits (`npm run eval -- --suite --typos`, seeds 1, 7, 13) kept
  // top1 0.655 and ranked-first 0.773; at 0.45, 0.667 and 0.780, abstain unchanged (ninth
  // session). 0.51 finds nothing more.
  threshold: 0.45,
  shouldSort: true,
} as const;

/**
 * Words are bucketed by length and by their first two letters, and again by their last two.
 * A typo near the front leaves the end intact and the reverse, so two small buckets per length
 * replace scanning the whole vocabulary (a few typos that hit both ends of a word are missed).
 */
export function createVocabularyMatcher(words: Iterable<string>): VocabularyMatcher {
  return runSteps(vocabularyMatcherSteps(words));
}

/** Words (or buckets) handled between two yields of `vocabularyMatcherSteps`. */
const WORDS_PER_STEP = 2048;
const BUCKETS_PER_STEP = 32;

/** `createVocabularyMatcher` in steps (steps.ts). */
export function* vocabularyMatcherSteps(words: Iterable<string>): Steps<VocabularyMatcher> {
  const buckets = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [word]);
    else bucket.push(word);
  };
  let seen = 0;
  for (const word of new Set(words)) {
    if (++seen % WORDS_PER_STEP === 0) yield;
    if (word.length < 3 || /\p{N}/u.test(word)) continue;
    add(`${word.length}<${word.slice(0, 2)}`, word);
    add(`${word.length}>${word.slice(-2)}`, word);
  }
  const fuses = new Map<string, Fuse<string>>();
  for (const [key, bucket] of buckets) {
    if (fuses.size % BUCKETS_PER_STEP === BUCKETS_PER_STEP - 1) yield;
    bucket.sort();
    fuses.set(key, new Fuse(bucket, FUSE_OPTIONS));
  }

  return {
    closest(word, limit = 3, budget) {
      const edits = allowedEdits(word.length);
      if (edits === 0) return [];
      const asked = `${limit} ${word}`;
      const answered = budget?.answered.get(asked);
      if (answered !== undefined) return answered;
      if (budget !== undefined) {
        if (budget.words >= budget.maxWords) return [];
        budget.words++;
      }
      const keys: string[] = [];
      for (let length = word.length - edits; length <= word.length + edits; length++) {
        keys.push(`${length}<${word.slice(0, 2)}`, `${length}>${word.slice(-2)}`);
      }
      const found = new Map<string, FuzzyCandidate & { score: number }>();
      for (const key of keys) {
        const fuse = fuses.get(key);
        if (fuse === undefined) continue;
        if (budget !== undefined) {
          if (budget.lookups >= budget.maxLookups) break;
          budget.lookups++;
        }
        for (const hit of fuse.search(word)) {
          if (found.has(hit.item)) continue;
          const distance = editDistance(word, hit.item);
          if (distance === 0 || distance > edits) continue;
          found.set(hit.item, { word: hit.item, distance, score: hit.score ?? 1 });
        }
      }
      const closest = [...found.values()]
        .sort((a, b) => a.distance - b.distance || a.score - b.score || (a.word < b.word ? -1 : 1))
        .slice(0, limit)
        .map(({ word: w, distance }) => ({ word: w, distance }));
      budget?.answered.set(asked, closest);
      return closest;
    },
  };
}

/** The letter rows of a QWERTY keyboard, top to bottom. */
export const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"] as const;
/** Letters next to each other on a QWERTY keyboard, in a row or diagonally. */
function adjacentKeys(a: string, b: string): boolean {
  const at = (c: string) => {
    for (let row = 0; row < KEYBOARD_ROWS.length; row++) {
      const column = KEYBOARD_ROWS[row]?.indexOf(c) ?? -1;
      if (column >= 0) return { row, column };
    }
    return undefined;
  };
  const p = at(a);
  const q = at(b);
  if (p === undefined || q === undefined) return false;
  // Rows are staggered by about half a key: a key touches two keys of the row below.
  const shift = q.row - p.row;
  if (Math.abs(shift) > 1) return false;
  if (shift === 0) return Math.abs(p.column - q.column) === 1;
  const below = shift === 1 ? q.column - p.column : p.column - q.column;
  return below === 0 || below === -1;
}

const VOWELS = /^[aeiouy]$/;

/**
 * Whether `typed` can be a slip of the fingers for `word`: a letter swapped with its neighbour,
 * one left out or one too many, a vowel for a vowel, or a key next to the right one. A real word
 * one other letter away from a handbook word ("dime" / "time", "massive" / "passive") is
 * another word, not a typo.
 */
export function isTypingSlip(typed: string, word: string): boolean {
  if (typed.length !== word.length) return true;
  const differ: number[] = [];
  for (let i = 0; i < typed.length; i++) if (typed[i] !== word[i]) differ.push(i);
  if (differ.length !== 1) return true;
  const i = differ[0] ?? 0;
  const a = typed[i] ?? "";
  const b = word[i] ?? "";
  return (VOWELS.test(a) && VOWELS.test(b)) || adjacentKeys(a, b);
}

/** Words shorter than this are never respelt as an English word: "aws" is not "was". */
const MIN_RESPELT_LENGTH = 5;
/**
 * Nor longer than this: no English word is, and a word's candidates grow with its length (a
 * 490-letter "word" would bring 13,000).
 */
const MAX_RESPELT_LENGTH = 30;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Per letter, the letters a slip of the fingers puts in its place (`isTypingSlip`). */
const SLIP_LETTERS: ReadonlyMap<string, string> = new Map(
  [...LETTERS].map((typed) => [
    typed,
    [...LETTERS].filter((c) => c !== typed && isTypingSlip(typed, c)).join(""),
  ]),
);

/**
 * Every word one slip of the fingers from `typed` (`isTypingSlip`), its first letter kept: the
 * candidates to look up. A slip on the first letter is rare, and allowing it reads words the
 * lexicon lacks as others ("async" → "sync", "onboard" → "inboard", "inbox" → "unbox").
 */
export function typingSlipsOf(typed: string): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < typed.length; i++) {
    // A letter too many.
    out.add(typed.slice(0, i) + typed.slice(i + 1));
    // Two neighbours swapped.
    if (i + 1 < typed.length) {
      out.add(typed.slice(0, i) + (typed[i + 1] ?? "") + (typed[i] ?? "") + typed.slice(i + 2));
    }
    // A key next to the right one, or a vowel for a vowel.
    for (const c of SLIP_LETTERS.get(typed[i] ?? "") ?? "") {
      out.add(typed.slice(0, i) + c + typed.slice(i + 1));
    }
  }
  // A letter left out.
  for (let i = 1; i <= typed.length; i++) {
    for (const c of LETTERS) out.add(typed.slice(0, i) + c + typed.slice(i));
  }
  out.delete(typed);
  return out;
}

/** What respelling a question needs to know: is a word the handbook's, English, a stop word. */
export interface SpellingContext {
  /**
   * The bot can read the word as typed: the handbook uses it or a word of its family
   * ("recertify" for "re-certification"), or it is an abbreviation the bot knows ("confs").
   */
  inHandbook(word: string): boolean;
  /** The general lexicon lists it (WordNet, with its inflections); undefined when unsure. */
  isEnglish(word: string): boolean | undefined;
  isStopWord(word: string): boolean;
  /**
   * What earlier questions' words were respelt as (lower case → word): the same unknown word
   * (a product name, a team's jargon) comes back, and each look costs some 400 lookups.
   */
  memo?: Map<string, string>;
}

/** Respelt words remembered per handbook: the memo starts over when full. */
const MAX_MEMO = 10_000;

/**
 * The question with each word that is neither the handbook's nor English respelt as the one
 * English word (or stop word) a slip of the fingers away: "typivcally" → "typically",
 * "goinhg" → "going". The handbook's own typo correction only reaches words the handbook uses;
 * this reaches the rest, so a mistyped filler or situation word is read as what it is rather
 * than as a word so rare that nothing covers the question. Left as typed: words under five
 * letters, words the bot can read as typed, words with no such neighbour or several that are
 * not one handbook word, and any after the first `maxWords` that needed looking up.
 */
export function respellEnglish(
  question: string,
  context: SpellingContext,
  maxWords: number = MAX_FUZZY_WORDS,
): string {
  // Each word looks up some 400 neighbours: a question of gibberish must not stall the bot.
  let left = maxWords;
  return question.replace(/\p{L}+/gu, (typed) => {
    const lower = typed.toLowerCase();
    if (lower.length < MIN_RESPELT_LENGTH || lower.length > MAX_RESPELT_LENGTH) return typed;
    if (!/^[a-z]+$/.test(lower)) return typed;
    if (context.isStopWord(lower) || context.inHandbook(lower)) return typed;
    const known = context.memo?.get(lower);
    if (known !== undefined) return known === lower ? typed : known;
    if (left <= 0 || context.isEnglish(lower) !== false) return typed;
    left--;
    const respelt = englishNeighbour(lower, context) ?? lower;
    if (context.memo !== undefined) {
      if (context.memo.size >= MAX_MEMO) context.memo.clear();
      context.memo.set(lower, respelt);
    }
    return respelt === lower ? typed : respelt;
  });
}

/** The one English word (or stop word) a slip away, or the one of several the handbook uses. */
function englishNeighbour(lower: string, context: SpellingContext): string | undefined {
  const words = [...typingSlipsOf(lower)].filter(
    (word) => context.isStopWord(word) || context.isEnglish(word) === true,
  );
  if (words.length === 1) return words[0];
  const handbook = words.filter((word) => context.inHandbook(word));
  return handbook.length === 1 ? handbook[0] : undefined;
}
