import type { Steps } from "./steps.js";
import type { Abbreviation } from "./words/abbreviations.js";

export { ABBREVIATIONS, type Abbreviation } from "./words/abbreviations.js";

const WORDS = /[\p{L}\p{N}]+/gu;
/** Small words an acronym usually skips: "Objectives and Key Results (OKRs)". */
const SKIPPABLE = new Set(["and", "of", "for", "the", "to", "in", "on", "a", "an", "&"]);
const ACRONYM = /^[A-Z][A-Z0-9&]+$/;

/** Letters an acronym is made of, without a plural "s" ("SLAs" → "sla"). */
function acronymLetters(short: string): string | undefined {
  const singular = /[A-Z]s$/.test(short) ? short.slice(0, -1) : short;
  if (!ACRONYM.test(singular) || singular.length > 8) return undefined;
  return singular.toLowerCase();
}

/**
 * The words whose initials spell `letters`, taken from the end of `words` (or the start, when
 * `fromStart`). Small words may be skipped, and are preferred skipped: "Office of Acquisition
 * (OA)" is "office … acquisition", yet "out of office (OOO)" needs the "of". Undefined when the
 * initials do not match.
 */
function spelledBy(
  words: readonly string[],
  letters: string,
  fromStart: boolean,
): string[] | undefined {
  const sequence = (fromStart ? words : [...words].reverse()).map((w) => w.toLowerCase());
  const order = fromStart ? letters : [...letters].reverse().join("");
  const walk = (w: number, l: number): string[] | undefined => {
    if (l === order.length) return [];
    const word = sequence[w];
    if (word === undefined) return undefined;
    if (SKIPPABLE.has(word) && l > 0) {
      const skipped = walk(w + 1, l);
      if (skipped !== undefined) return [word, ...skipped];
    }
    if (word[0] !== order[l]) return undefined;
    const rest = walk(w + 1, l + 1);
    return rest === undefined ? undefined : [word, ...rest];
  };
  const used = walk(0, 0);
  if (used === undefined || used.length < 2) return undefined;
  return fromStart ? used : used.reverse();
}

/**
 * Abbreviations a knowledge base defines for itself, as in "Paid Parental Leave (PPL)" or
 * "PPL (paid parental leave)": the initials must spell the acronym. Lets every handbook bring
 * its own jargon without anyone editing the table above.
 */
export function learnAbbreviations(texts: Iterable<string>): Abbreviation[] {
  const learned = new Map<string, Set<string>>();
  const remember = (short: string, long: readonly string[]) => {
    let forms = learned.get(short);
    if (forms === undefined) {
      forms = new Set();
      learned.set(short, forms);
    }
    forms.add(long.join(" "));
  };
  for (const text of texts) {
    if (!text.includes("(")) continue;
    for (const match of text.matchAll(/\(([^()]{2,80})\)/g)) {
      const inside = match[1]?.trim() ?? "";
      const start = match.index ?? 0;
      const letters = acronymLetters(inside);
      if (letters !== undefined) {
        // "Long Form (LF)": the words right before the parenthesis.
        const before = text.slice(Math.max(0, start - 120), start).match(WORDS) ?? [];
        const long = spelledBy(before.slice(-2 * letters.length), letters, false);
        if (long !== undefined) remember(letters, long);
        continue;
      }
      // "LF (long form)": an acronym right before the parenthesis, spelled by its content.
      const previous = text.slice(Math.max(0, start - 12), start).match(/([A-Z][A-Z0-9&]+s?)\s*$/);
      const shortLetters = previous?.[1] ? acronymLetters(previous[1]) : undefined;
      if (shortLetters === undefined) continue;
      const long = spelledBy(inside.match(WORDS) ?? [], shortLetters, true);
      if (long !== undefined && long.length <= inside.split(/\s+/).length) {
        remember(shortLetters, long);
      }
    }
  }
  return [...learned]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([short, forms]) => ({ short, long: [...forms].sort() }));
}

/** Texts read between two yields of `learnAbbreviationsSteps`. */
const TEXTS_PER_STEP = 256;

/**
 * `learnAbbreviations` in steps (steps.ts), with the same result: each text is learned from on
 * its own, so learning slice by slice and taking the union loses and reorders nothing.
 */
export function* learnAbbreviationsSteps(texts: Iterable<string>): Steps<Abbreviation[]> {
  const union = new Map<string, Set<string>>();
  const learnFrom = (chunk: readonly string[]) => {
    for (const { short, long } of learnAbbreviations(chunk)) {
      const forms = union.get(short) ?? new Set<string>();
      for (const form of long) forms.add(form);
      union.set(short, forms);
    }
  };
  let chunk: string[] = [];
  for (const text of texts) {
    chunk.push(text);
    if (chunk.length < TEXTS_PER_STEP) continue;
    learnFrom(chunk);
    chunk = [];
    yield;
  }
  learnFrom(chunk);
  return [...union]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([short, forms]) => ({ short, long: [...forms].sort() }));
}

/** The fixed table with a knowledge base's own abbreviations merged in. */
export function mergeAbbreviations(
  fixed: readonly Abbreviation[],
  learned: readonly Abbreviation[],
): Abbreviation[] {
  const merged = new Map<string, Set<string>>();
  for (const { short, long } of [...fixed, ...learned]) {
    const forms = merged.get(short) ?? new Set<string>();
    for (const form of long) forms.add(form.toLowerCase());
    merged.set(short, forms);
  }
  return [...merged].map(([short, forms]) => ({ short, long: [...forms] }));
}
