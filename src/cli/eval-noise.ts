import { KEYBOARD_ROWS } from "../search/fuzzy.js";
import type { EvalQuestion } from "./eval-scoring.js";

/**
 * How people type in Slack, put onto written questions, for `npm run eval -- --suite --typos`
 * and `--padding FILE`: every question of a set again, with one slip of the fingers in one of
 * its words, or wrapped in a greeting or thanks. A question set written by hand has the typos
 * and padding its author happened to write (and ours were read while the rules were written);
 * these are drawn at random from a seed, so a rule tuned on them is tuned on typing, not on
 * particular questions, and another seed is a fresh sample.
 */

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same typos on every machine. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keys beside a letter in its own row of a QWERTY keyboard. */
function besideKeys(letter: string): string[] {
  for (const row of KEYBOARD_ROWS) {
    const at = row.indexOf(letter);
    if (at >= 0) return [row[at - 1], row[at + 1]].filter((key) => key !== undefined);
  }
  return [];
}

const pick = <T>(items: readonly T[], random: Random): T | undefined =>
  items[Math.floor(random() * items.length)];

/** The four slips a typist makes. */
export type Slip = "drop" | "swap" | "neighbour" | "extra";
const SLIPS: readonly Slip[] = ["drop", "swap", "neighbour", "extra"];

/**
 * One slip in `word`, never in its first letter (people rarely get that wrong, and the typo
 * matcher's buckets assume it): a letter left out, two neighbours swapped, a key beside the
 * right one, or an extra key beside it. Returns the word unchanged when it is too short (< 3).
 */
export function addTypo(word: string, random: Random): string {
  if (word.length < 3) return word;
  const slip = pick(SLIPS, random) ?? "drop";
  // A position after the first letter; a swap also needs a letter after it.
  const last = slip === "swap" ? word.length - 2 : word.length - 1;
  const at = 1 + Math.floor(random() * last);
  const letter = word[at] ?? "";
  const key = pick(besideKeys(letter.toLowerCase()), random) ?? letter;
  const dropped = word.slice(0, at) + word.slice(at + 1);
  let typed: string;
  switch (slip) {
    case "drop":
      typed = dropped;
      break;
    case "swap":
      typed = word.slice(0, at) + (word[at + 1] ?? "") + letter + word.slice(at + 2);
      break;
    case "neighbour":
      typed = word.slice(0, at) + key + word.slice(at + 1);
      break;
    case "extra":
      typed = word.slice(0, at) + key + word.slice(at);
      break;
  }
  // Swapping a double letter, or a key with no neighbour (a digit), changes nothing: drop instead.
  return typed === word ? dropped : typed;
}

/** Words long enough that a typo in them is a typo, not another word ("form" / "from"). */
const TYPO_WORD = /\p{L}{5,}/gu;

/**
 * `perQuestion` copies of each question, each with one typo in one of its words of five letters
 * or more (chosen at random), its expectation unchanged. A question with no such word is left out.
 */
export function withTypos(
  questions: readonly EvalQuestion[],
  random: Random,
  perQuestion = 2,
): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  for (const question of questions) {
    const words = [...question.q.matchAll(TYPO_WORD)];
    if (words.length === 0) continue;
    for (let copy = 0; copy < perQuestion; copy++) {
      const match = pick(words, random);
      if (match === undefined || match.index === undefined) continue;
      const typed = addTypo(match[0], random);
      const q =
        question.q.slice(0, match.index) + typed + question.q.slice(match.index + match[0].length);
      out.push({ q, expect: question.expect });
    }
  }
  return out;
}

/** What people put around a question in Slack: before it ("hey team, ") and after it (" ty!"). */
export interface Padding {
  openers: string[];
  closers: string[];
}

/** A padding file's contents, checked; the error names the file and what is wrong. */
export function parsePadding(data: unknown, source: string): Padding {
  const list = (key: "openers" | "closers"): string[] => {
    const value = (data as Record<string, unknown> | null)?.[key];
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string"))
      throw new Error(`${source}: "${key}" must be a list of texts`);
    return value as string[];
  };
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new Error(`${source}: expected {"openers": [...], "closers": [...]}`);
  const padding = { openers: list("openers"), closers: list("closers") };
  if (padding.openers.length + padding.closers.length === 0)
    throw new Error(`${source}: no openers and no closers`);
  return padding;
}

/**
 * `perQuestion` copies of each question, each with an opener, a closer, or both, drawn from
 * `padding`, its expectation unchanged.
 */
export function withPadding(
  questions: readonly EvalQuestion[],
  padding: Padding,
  random: Random,
  perQuestion = 2,
): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  for (const question of questions) {
    for (let copy = 0; copy < perQuestion; copy++) {
      // 0: an opener, 1: a closer, 2: both (when the file has both kinds).
      const kind = Math.floor(random() * 3);
      const opener = kind !== 1 ? (pick(padding.openers, random) ?? "") : "";
      const closer = kind !== 0 || opener === "" ? (pick(padding.closers, random) ?? "") : "";
      out.push({ q: `${opener}${question.q}${closer}`, expect: question.expect });
    }
  }
  return out;
}
