import { stemmer } from "stemmer";
import { IRREGULAR_FORMS, STOP_WORDS, WEAK_WORDS } from "./words/english.js";

/**
 * Text analysis shared by indexing and querying: the same function must see both sides,
 * otherwise a word in a question can never meet the same word in a section.
 */

/** A word as written (lower-cased, accents stripped) and the index term it normalises to. */
export interface Token {
  surface: string;
  term: string;
}

/** True for everyday wrapper words that should count little in a question (see WEAK_WORDS). */
export function isWeakWord(word: string): boolean {
  return WEAK_WORDS.has(word);
}

/** Contraction endings that carry no topic: "what's" → "what", "don't" → "do". */
const CONTRACTION = /(?:'s|'re|'ve|'ll|'d|'m|n't)$/;

/** A word, a ratio such as "1:1" that people write as one word, or a percent sign after a number. */
const WORD = /\p{N}+:\p{N}+s?|[\p{L}\p{N}]+(?:'[\p{L}]+)?|(?<=\p{N})%/gu;

/** "30%" is read "30 percent", so a question about a percentage finds it. */
const PERCENT = "percent";

/** Printable ASCII and whitespace: nothing to decompose, and the fast scanner applies. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

/** Lower-case, strip accents, unify apostrophes: the surface form every comparison uses. */
function foldText(text: string): string {
  // Most text is plain ASCII: skip Unicode decomposition there (it dominates indexing time).
  const lower = PLAIN_ASCII.test(text)
    ? text.toLowerCase()
    : text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return lower.replace(/[\u2018\u2019\u02bc`]/g, "'");
}

/** Every word of `text` in order, folded, contractions removed; stop words included. */
export function splitWords(text: string): string[] {
  // Indexing spends most of its time here: plain ASCII text takes a hand-written scanner.
  if (PLAIN_ASCII.test(text)) return splitAsciiWords(text.toLowerCase());
  const words: string[] = [];
  for (const match of foldText(text).matchAll(WORD)) keepWord(match[0], words);
  return words;
}

function keepWord(raw: string, words: string[]): void {
  if (raw === "%") {
    words.push(PERCENT);
    return;
  }
  let word = raw;
  if (word.includes("'")) word = word.replace(CONTRACTION, "").replace(/'/g, "");
  // Lone letters ("a", "s" of a possessive) are noise; lone digits ("4 specialists") are not.
  if (word.length === 0 || (word.length === 1 && !/\p{N}/u.test(word))) return;
  words.push(word);
}

const isAlphanumeric = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => code >= 97 && code <= 122;
const APOSTROPHE = 39;
const BACKTICK = 96;
const COLON = 58;
const PERCENT_SIGN = 37;

/** The same words as the WORD pattern, for lower-cased ASCII text. */
function splitAsciiWords(text: string): string[] {
  const words: string[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (!isAlphanumeric(code)) {
      if (code === PERCENT_SIGN && i > 0 && isDigit(text.charCodeAt(i - 1))) words.push(PERCENT);
      i++;
      continue;
    }
    const start = i;
    // "1:1" (and "1:1s") is one word, when it starts the word.
    let digits = i;
    while (digits < length && isDigit(text.charCodeAt(digits))) digits++;
    if (digits > i && text.charCodeAt(digits) === COLON && isDigit(text.charCodeAt(digits + 1))) {
      let j = digits + 1;
      while (j < length && isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 115) j++;
      words.push(text.slice(start, j));
      i = j;
      continue;
    }
    while (i < length && isAlphanumeric(text.charCodeAt(i))) i++;
    let end = i;
    const mark = text.charCodeAt(i);
    if ((mark === APOSTROPHE || mark === BACKTICK) && isLetter(text.charCodeAt(i + 1))) {
      end = i + 1;
      while (end < length && isLetter(text.charCodeAt(end))) end++;
      i = end;
      keepWord(text.slice(start, end).replace("`", "'"), words);
      continue;
    }
    keepWord(text.slice(start, end), words);
  }
  return words;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Every stop word, for callers that look for a misspelled one ("actualy"). */
export function stopWords(): Iterable<string> {
  return STOP_WORDS;
}

/**
 * Endings the Porter stemmer strips although they make a different word: an agent noun is not
 * its verb ("manager" ≠ "manage", "owner" ≠ "own") and an adjective in -al not its noun
 * ("parental" ≠ "parent"). Conflated, a word in nearly every heading ("manager") answers
 * questions about another ("how do I manage my time"). Words ending so keep their ending,
 * inflections folded; a verb's -er forms ("consider", "considered") stay together that way too.
 */
const DISTINCT_ENDING = /(?:er|or|al)$/;

/**
 * Index term of one folded word: irregular forms first, then the Porter stemmer, except for
 * words with a distinct ending (see DISTINCT_ENDING), which only lose their inflection.
 */
export function normalizeWord(word: string): string {
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular !== undefined) return stemmer(irregular);
  // Numbers and codes ("l1", "2fa", "508") are identifiers: stemming them only does harm,
  // beyond a plural after a digit ("1:1s", "1990s").
  if (/\p{N}/u.test(word)) return word.replace(/(\p{N})s$/u, "$1");
  const inflected = foldInflection(word);
  return DISTINCT_ENDING.test(inflected) ? inflected : stemmer(word);
}

/**
 * The word's derivational family: its full Porter stem ("manager", "managing" → "manag";
 * "parental" → "parent"). Where `normalizeWord` keeps family members apart, a question word
 * still reaches the others, at a discount.
 */
export function derivationFamily(word: string): string {
  const irregular = IRREGULAR_FORMS.get(word);
  const stem = stemmer(irregular ?? word);
  // Porter stems a verb in -fy to -fi ("notify" → "notifi") but its noun in -fication to -f
  // ("notification" → "notif"): one family for both, as "-ize" / "-ization" already are.
  return stem.endsWith("fi") ? stem.slice(0, -1) : stem;
}

// Porter's measure tests, for the inflectional steps (1a, 1b, 1c, 5) of his algorithm.
const CONSONANTS = "([^aeiou][^aeiouy]*)";
const VOWELS = "([aeiouy][aeiou]*)";
const MEASURE_ABOVE_0 = new RegExp(`^${CONSONANTS}?${VOWELS}${CONSONANTS}`);
const MEASURE_1 = new RegExp(`^${CONSONANTS}?${VOWELS}${CONSONANTS}${VOWELS}?$`);
const MEASURE_ABOVE_1 = new RegExp(`^${CONSONANTS}?(${VOWELS}${CONSONANTS}){2,}`);
const VOWEL_IN_STEM = new RegExp(`^${CONSONANTS}?[aeiouy]`);
const SHORT_SYLLABLE = new RegExp(`^${CONSONANTS}[aeiouy][^aeiouwxy]$`);

/**
 * A word and the particle after it, written as one ("days off" → "daioff", "setting up" →
 * "setup"): the word's inflection folded first, so every form of the phrase is one key, in the
 * index and in a question alike.
 */
export function compoundWord(word: string, particle: string): string {
  return `${foldInflection(word)}${particle}`;
}

/**
 * Porter's algorithm without its derivational steps (2-4): plurals, -ed, -ing and a final -y
 * or -e fold ("policies" = "policy", "managers" = "manager"), other suffixes stay.
 */
function foldInflection(word: string): string {
  if (word.length < 3) return word;
  let result = word.startsWith("y") ? `Y${word.slice(1)}` : word;
  // Step 1a: plurals.
  if (/^.+?(?:ss|i)es$/.test(result)) result = result.slice(0, -2);
  else if (/^.+?[^s]s$/.test(result)) result = result.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  let match = /^(.+?)eed$/.exec(result);
  if (match !== null) {
    if (MEASURE_ABOVE_0.test(match[1] ?? "")) result = result.slice(0, -1);
  } else {
    match = /^(.+?)(?:ed|ing)$/.exec(result);
    if (match !== null && VOWEL_IN_STEM.test(match[1] ?? "")) {
      result = match[1] ?? result;
      if (/(?:at|bl|iz)$/.test(result)) result += "e";
      else if (/([^aeiouylsz])\1$/.test(result)) result = result.slice(0, -1);
      else if (SHORT_SYLLABLE.test(result)) result += "e";
    }
  }
  // Step 1c: final -y.
  match = /^(.+?)y$/.exec(result);
  if (match !== null && VOWEL_IN_STEM.test(match[1] ?? "")) result = `${match[1]}i`;
  // Step 5: final -e and -ll.
  match = /^(.+?)e$/.exec(result);
  const beforeE = match?.[1];
  if (
    beforeE !== undefined &&
    (MEASURE_ABOVE_1.test(beforeE) || (MEASURE_1.test(beforeE) && !SHORT_SYLLABLE.test(beforeE)))
  ) {
    result = beforeE;
  }
  if (/ll$/.test(result) && MEASURE_ABOVE_1.test(result)) result = result.slice(0, -1);
  return result.startsWith("Y") ? `y${result.slice(1)}` : result;
}

/** Content words of `text` with their index terms, in order. */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  for (const word of splitWords(text)) {
    if (isStopWord(word)) continue;
    tokens.push({ surface: word, term: normalizeWord(word) });
  }
  return tokens;
}
