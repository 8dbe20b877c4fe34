import type { Abbreviation } from "./abbreviations.js";
import { editDistance } from "./fuzzy.js";
import type { RelatedTerms } from "./related.js";
import {
  analyze,
  compoundWord,
  isStopWord,
  isWeakWord,
  normalizeWord,
  splitWords,
  stopWords,
  type Token,
} from "./text.js";
import { CHAT_PADDING, PARTICLES } from "./words/english.js";

/**
 * Query understanding: a question becomes the list of things it asks about ("concepts"), each
 * with the forms it can take in a section: the words as typed, their typo corrections, and an
 * abbreviation's short and long forms.
 */

/** One way a concept can appear in a section: a term, or a phrase of adjacent terms. */
export interface Form {
  terms: string[];
  /** 1 for what was typed (or means the same), less for a typo correction. */
  factor: number;
  /**
   * A sure slip: the typed word is no English word and one slip of the fingers (`isTypingSlip`)
   * from this correction. Such a correction is kept even for a short word.
   */
  slip?: boolean;
}

export interface Concept {
  forms: Form[];
  /** How much the concept counts: 1, or less for everyday wrapper words ("get", "happen"). */
  emphasis: number;
  /**
   * True when the forms are rival guesses for a misspelled word, each weighed by its own
   * rarity; false when they are synonyms (an abbreviation and its expansion), one concept.
   */
  corrected: boolean;
  /**
   * Which clause of the question the concept was said in (0 for the first; `splitClauses`):
   * "tree fell on my house, is there leave for that" asks in its second.
   */
  clause: number;
}

/** What query understanding needs to know about the index. */
export interface QueryVocabulary {
  has(term: string): boolean;
  /** Number of sections containing the term. */
  frequency(term: string): number;
  /** True when the two terms occur side by side somewhere. */
  hasBigram(first: string, second: string): boolean;
  /** Close known terms for an unknown word, closest first, with their typo factor. */
  corrections(surface: string): Form[];
}

/** Rival corrections kept for one misspelled word. */
const MAX_CORRECTIONS = 2;
/**
 * Words this short are corrected only when the correction forms a known phrase with a
 * neighbour ("parental leve" → "leave") or is a sure slip (`Form.slip`): alone, one edit turns
 * "life" into "line".
 */
const CONTEXT_ONLY_LENGTH = 4;

/** Abbreviation forms in index terms. */
export interface AbbreviationTerms {
  short: string;
  long: string[][];
}

export function abbreviationTerms(table: readonly Abbreviation[]): AbbreviationTerms[] {
  return table.map((a) => ({
    short: splitWords(a.short).map(normalizeWord).join(""),
    long: a.long.map((phrase) => analyze(phrase).map((t) => t.term)),
  }));
}

/**
 * After "how", these words ask for an amount ("how long", "how often"), they are not the topic.
 * Elsewhere they stay content words ("long haul", "often late").
 */
const AMOUNT_WORDS: ReadonlySet<string> = new Set([
  "long",
  "often",
  "much",
  "many",
  "far",
  "soon",
  "old",
  "big",
  "large",
  "quickly",
  "fast",
  "frequently",
]);

/** Slack's emoji codes (":pray:", ":+1:", ":slightly_smiling_face:"). */
const EMOJI_CODE = /:[a-z0-9_+'-]+:/gi;

/**
 * Where a question's clauses meet: a comma (not in "1,000"), semicolon, "!", "?", a bracket, a
 * full stop before a space, a colon not inside a figure ("1:1", "9:30"), a dash between spaces,
 * and "but" ("sorry if this is a dumb question but …").
 */
const CLAUSE_BREAK = /(?:[;!?()]|,(?!\d))+|\.(?=\s|$)|:(?!\d)|\s[-\u2013\u2014]+\s|\bbut\b/gi;

/** The question's clauses, in order: the text between its `CLAUSE_BREAK`s. */
export function splitClauses(question: string): string[] {
  return question.split(CLAUSE_BREAK).filter((clause) => clause.trim() !== "");
}

/**
 * The question without what Slack wraps around it: emoji codes anywhere, and clauses at its
 * start or end made only of greetings, thanks, apologies and filler ("hey team, quick q: how
 * long is parental leave? thanks!" → "how long is parental leave"). A question that is nothing
 * but such clauses ("thanks!") is left as it is.
 */
export function withoutChatPadding(question: string): string {
  const text = question.replace(EMOJI_CODE, " ");
  // Where each clause starts and ends in `text`.
  const starts = [0];
  const ends: number[] = [];
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    ends.push(match.index);
    starts.push(match.index + match[0].length);
  }
  ends.push(text.length);
  const isPadding = (i: number) => splitWords(text.slice(starts[i], ends[i])).every(isPaddingWord);
  let first = 0;
  let last = ends.length - 1;
  while (first <= last && isPadding(first)) first++;
  while (last >= first && isPadding(last)) last--;
  if (first > last) return question;
  return withoutAskingFrame(text.slice(starts[first], ends[last]).trim());
}

/** A word Slack wraps a question in, or a stop word: what a padding clause or frame is made of. */
function isPaddingWord(word: string): boolean {
  return CHAT_PADDING.has(word) || isStopWord(word);
}

/** Words that open the question itself after a frame ("does anyone know *how* …"). */
const QUESTION_OPENERS: ReadonlySet<string> = new Set(
  "how what whats where which who when why whether if".split(" "),
);

/**
 * The question without an opening frame of greetings and asking, said before its question word
 * with no comma ("does anyone know how …", "hey team where …", "i was wondering if …"). The
 * frame must hold a padding word that is no stop word: stop words are dropped anyway. A
 * single padding word before "who" is a relative clause ("people who …"), not a frame.
 */
function withoutAskingFrame(clause: string): string {
  const tokens = [...clause.matchAll(/\S+/g)];
  let padding = 0;
  for (const [i, token] of tokens.entries()) {
    const words = splitWords(token[0]);
    const word = words[0];
    if (words.length === 1 && word !== undefined && QUESTION_OPENERS.has(word)) {
      if (padding === 0 || (i === 1 && word === "who")) return clause;
      return clause.slice(token.index);
    }
    if (!words.every(isPaddingWord)) return clause;
    if (words.some((w) => !isStopWord(w))) padding++;
  }
  return clause;
}

/** A figure, a number word or a frequency: what "how long / often / many" is answered with. */
export const AMOUNT_TEXT =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|hundred|half|dozen|daily|weekly|biweekly|monthly|quarterly|yearly|annually|hourly)\b/i;

/**
 * How much a question word counts through each kind of reading that is not the word itself
 * (`tuning.query` holds them, with what each was measured on).
 */
export interface QueryShares {
  /** Weight of an everyday wrapper word ("get", "need", "help") relative to a content word. */
  weakEmphasis: number;
  /** Share of a match earned by a compound's content word alone ("call" for "on call"). */
  compoundPart: number;
  /** Share of a match earned through a derived word ("block" found as "blocker"). */
  derived: number;
}

export const DEFAULT_QUERY_SHARES: QueryShares = {
  weakEmphasis: 0.3,
  compoundPart: 0.5,
  derived: 0.8,
};

/**
 * True for a how-question that asks for a figure ("how long", "how often", "how many"). Not
 * "how much": as often a matter of degree ("how much work should we commit to") as a figure.
 */
export function asksForAmount(query: string): boolean {
  const words = splitWords(query);
  return words.some(
    (word, i) => i > 0 && words[i - 1] === "how" && word !== "much" && AMOUNT_WORDS.has(word),
  );
}

/** A question word; `part` is a compound's content word ("call" of "on call" read "oncall"). */
interface QuestionToken extends Token {
  part?: string;
  /** Index of the clause the word is in. */
  clause: number;
}

/**
 * Content words of a question: stop words and amount words after "how" removed, a word and a
 * particle the handbook writes as one word joined.
 */
function questionTokens(
  query: string,
  joined: (word: string, part: string) => boolean,
): QuestionToken[] {
  const tokens: QuestionToken[] = [];
  for (const [clause, text] of splitClauses(query).entries()) {
    tokens.push(...clauseTokens(text, clause, joined));
  }
  return tokens;
}

/** The content words of one clause, each marked with the clause's index. */
function clauseTokens(
  text: string,
  clause: number,
  joined: (word: string, part: string) => boolean,
): QuestionToken[] {
  const words = splitWords(digitPairsAsRatios(text));
  const tokens: QuestionToken[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    // A content word and a particle the handbook writes as one word ("on call" → "oncall"
    // from "on-call", "cool down" → "cooldown", "log in" → "login"): read as that word, which
    // dropping the particle as a stop word would leave half-said. Joining any stop word
    // ("on the" → "onthe", found in link slugs) cost 0.05 top1 on the 18F dev sets.
    const next = words[i + 1];
    const compound =
      next !== undefined &&
      ((PARTICLES.has(word) && !isStopWord(next)) || (PARTICLES.has(next) && !isStopWord(word)));
    const together =
      next === undefined ? "" : PARTICLES.has(next) ? compoundWord(word, next) : `${word}${next}`;
    const part = next === undefined ? "" : normalizeWord(isStopWord(word) ? next : word);
    if (next !== undefined && compound && joined(together, part)) {
      const surface = together;
      tokens.push({ surface, term: normalizeWord(surface), part, clause });
      i++;
      continue;
    }
    if (isStopWord(word)) continue;
    if (i > 0 && words[i - 1] === "how" && AMOUNT_WORDS.has(word)) continue;
    tokens.push({ surface: word, term: normalizeWord(word), clause });
  }
  return tokens;
}

/**
 * A joined form counts only when this many sections use it: one-off strings from link slugs and
 * file names ("workin", "timeoff") are not how the handbook names a thing. One section is
 * enough when the handbook never uses the content word alone: "cool down" in a small handbook
 * whose one "Cooldown" section is the only place either is found would otherwise match nothing.
 */
const MIN_COMPOUND_SECTIONS = 2;

/** "1-1" is written for "1:1" as often as not: read both as the ratio, as the index does. */
export function digitPairsAsRatios(text: string): string {
  return text.replace(DIGIT_PAIR, "$1:$2");
}

/** Two short numbers joined by a hyphen ("1-1", "2-3"), not a date or range of years. */
export const DIGIT_PAIR = /\b(\d{1,2})-(\d{1,2})\b/g;

/**
 * Misspelled filler words this long are recognised ("actualy", "realy", "shoud"): one edit from
 * a stop word. Shorter ones are too close to real words, so only two swapped letters count
 * there ("teh", "whta"): Mattermost dev top1 0.56 → 0.57 (seventh session). A letter left out
 * counts only when the word is no English word ("wat", "wich", but not "quit" for "quite"):
 * GDS Way dev top1 0.64 → 0.65, nothing lower (eighth session; counted for every word, it had
 * cost Basecamp abstain 0.88 → 0.75 through "quit"). One letter changed never counts: "tme" is
 * as likely "time" as "the".
 */
const MISSPELLED_STOP_LENGTH = 5;

/**
 * True for an unknown word one edit away from a stop word: a typo of filler, not a topic.
 * `mayBeEnglish`: the word may be an English word of its own (when no lexicon says it is not).
 */
export function isMisspelledStopWord(word: string, mayBeEnglish = true): boolean {
  if (word.length < 3) return false;
  const short = word.length < MISSPELLED_STOP_LENGTH;
  for (const stop of stopWords()) {
    const oneEdit = short
      ? isSwap(stop, word) || (!mayBeEnglish && isDropped(stop, word))
      : Math.abs(stop.length - word.length) <= 1 && editDistance(stop, word) === 1;
    if (oneEdit) return true;
  }
  return false;
}

/** `typed` is `word` with one letter left out ("wat" for "what"). */
function isDropped(word: string, typed: string): boolean {
  return typed.length + 1 === word.length && editDistance(word, typed) === 1;
}

/** `typed` is `word` with two neighbouring letters swapped ("teh" for "the"). */
function isSwap(word: string, typed: string): boolean {
  if (typed.length !== word.length || typed === word) return false;
  for (let i = 0; i + 1 < word.length; i++) {
    if (word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2) === typed)
      return true;
  }
  return false;
}

/**
 * Index terms of the agent noun of a verb and the verb of an agent noun ("block" ↔ "blocker",
 * "supervise" ↔ "supervisor"), which a suffix stemmer keeps apart. Tried only for words the
 * knowledge base does not have.
 */
export function derivedTerms(word: string): string[] {
  const forms = new Set<string>();
  if (word.length < 5) return [];
  const stem = word.endsWith("e") ? word.slice(0, -1) : word;
  forms.add(`${stem}er`).add(`${stem}or`);
  const agent = word.match(/^(.{3,})(?:er|or)s?$/);
  if (agent?.[1] !== undefined) forms.add(agent[1]).add(`${agent[1]}e`);
  return [...new Set([...forms].map(normalizeWord))].filter((term) => term !== normalizeWord(word));
}

/** Digits, or a number word the related-words table knows ("fifteen"). */
function isNumber(token: Token, related: RelatedTerms): boolean {
  if (/^\p{N}+$/u.test(token.term)) return true;
  return (related.get(token.term) ?? []).some((form) => /^\p{N}+$/u.test(form.terms[0] ?? ""));
}

/** A general English lexicon, as query understanding uses it (see wordnet.ts). */
export interface QueryLexicon {
  /** The word's synonyms and broader terms that the handbook uses, as discounted forms. */
  forms(surface: string): Form[];
  /** Whether the word is an English word ("quit"), not a typo ("wat"). */
  knows?(surface: string): boolean;
}

const NO_LEXICON: QueryLexicon = { forms: () => [] };
const NO_RELATED: RelatedTerms = new Map();
const NO_FAMILY = (): readonly string[] => [];

/** What a question is read against: the handbook's words, and the word data that widen them. */
export interface QueryContext {
  vocabulary: QueryVocabulary;
  abbreviations: readonly AbbreviationTerms[];
  /** Related words (words/related-words.ts); none when left out. */
  related?: RelatedTerms;
  /** The handbook's terms in a word's derivational family; none when left out. */
  family?: (surface: string) => readonly string[];
  /** WordNet, for words the handbook never uses; none when left out. */
  lexicon?: QueryLexicon;
  /** Whether a word and its particle are read joined ("on call" → "oncall"); true by default. */
  compounds?: boolean;
  /** Shares of a match through other readings (`tuning.query`); the defaults when left out. */
  shares?: QueryShares;
}

export function understandQuery(query: string, context: QueryContext): Concept[] {
  const {
    vocabulary,
    abbreviations,
    related = NO_RELATED,
    family = NO_FAMILY,
    lexicon = NO_LEXICON,
    compounds = true,
    shares = DEFAULT_QUERY_SHARES,
  } = context;
  const isShort = (term: string) => abbreviations.some((a) => a.short === term);
  const joined = (word: string, part: string) => {
    if (!compounds || word.length <= 3) return false;
    const sections = vocabulary.frequency(normalizeWord(word));
    return sections >= MIN_COMPOUND_SECTIONS || (sections > 0 && !vocabulary.has(part));
  };
  const tokens = questionTokens(query, joined).filter(
    (token) =>
      vocabulary.has(token.term) ||
      isShort(token.term) ||
      !isMisspelledStopWord(token.surface, lexicon.knows?.(token.surface) ?? true),
  );
  // Each word's rival readings; the first is the one phrase detection reads.
  const slots: Form[][] = tokens.map((token) => {
    const exact: Form = { terms: [token.term], factor: 1 };
    // A word whose related words the text uses is a real word, not a typo to correct.
    const relatedKnown = (related.get(token.term) ?? []).some((form) =>
      form.terms.every((term) => vocabulary.has(term)),
    );
    if (vocabulary.has(token.term) || isShort(token.term) || relatedKnown) return [exact];
    const derived = [
      ...new Set([
        ...family(token.surface),
        ...derivedTerms(token.surface).filter((term) => vocabulary.has(term)),
      ]),
    ].filter((term) => term !== token.term);
    if (derived.length > 0)
      return derived.map((term) => ({ terms: [term], factor: shares.derived }));
    const fixes = vocabulary.corrections(token.surface);
    return fixes.length > 0 ? fixes : [exact];
  });
  rankCorrections(slots, tokens, vocabulary);
  const primary = slots.map((slot) => slot[0]?.terms[0] ?? "");
  const factorOf = (from: number, count: number) =>
    slots.slice(from, from + count).reduce((min, slot) => Math.min(min, slot[0]?.factor ?? 1), 1);

  const concepts: Concept[] = [];
  let i = 0;
  while (i < slots.length) {
    const phrase = longFormAt(primary, i, abbreviations);
    if (phrase !== undefined) {
      const factor = factorOf(i, phrase.long.length);
      concepts.push({
        forms: [
          { terms: phrase.long, factor },
          { terms: [phrase.short], factor },
        ],
        emphasis: 1,
        corrected: false,
        clause: tokens[i]?.clause ?? 0,
      });
      i += phrase.long.length;
      continue;
    }
    const slot = slots[i] ?? [];
    const term = primary[i] ?? "";
    const token = tokens[i];
    const clause = token?.clause ?? 0;
    const factor = slot[0]?.factor ?? 1;
    const synonyms = synonymsOf(term, abbreviations).map((terms) => ({ terms, factor }));
    // A compound still reaches text that writes it apart ("back up your data").
    if (token?.part !== undefined)
      synonyms.push({ terms: [token.part], factor: shares.compoundPart });
    if (factor === 1) {
      // The rest of the word's family ("manager" for "manage"): related, not the same word.
      for (const other of family(token?.surface ?? "")) {
        if (other !== term) synonyms.push({ terms: [other], factor: shares.derived });
      }
      // WordNet stands in only for words the handbook never uses ("gym" → "gymnasium"): for
      // words it does use, its synonyms mostly add noise (measured: src/search/README.md).
      const lexical = vocabulary.has(term) ? [] : lexicon.forms(token?.surface ?? "");
      for (const form of [...(related.get(term) ?? []), ...lexical]) {
        if (!synonyms.some((known) => known.terms.join(" ") === form.terms.join(" "))) {
          synonyms.push(form);
        }
      }
    } else if (slot.length === 1) {
      // A typo corrected to one word reaches that word's related words too ("vacaton" →
      // "vacation" → "time off"), as the word typed right does.
      for (const form of related.get(term) ?? []) {
        synonyms.push({ terms: form.terms, factor: form.factor * factor });
      }
    }
    let emphasis = isWeakWord(token?.surface ?? "") ? shares.weakEmphasis : 1;
    // A number the knowledge base never mentions in any form ("our team has fifteen people") is
    // a detail of the asker's situation, not what the question is about.
    const known = (form: Form) => form.terms.every((t) => vocabulary.has(t));
    if (token !== undefined && isNumber(token, related) && ![...slot, ...synonyms].some(known)) {
      emphasis = shares.weakEmphasis;
    }
    if (synonyms.length > 0 && slot.length === 1) {
      concepts.push({
        forms: [...slot, ...synonyms],
        emphasis,
        corrected: false,
        clause,
      });
    } else {
      const corrected = slot.length > 1 || factor < 1;
      concepts.push({ forms: slot, emphasis, corrected, clause });
    }
    i++;
  }
  return concepts;
}

/**
 * Orders each misspelled word's corrections by context: a correction that forms a known phrase
 * with a neighbouring word ("parental leve" → "leave", not "level") first, then the closest,
 * then the most common. Keeps the best few.
 */
function rankCorrections(
  slots: Form[][],
  tokens: readonly Token[],
  vocabulary: QueryVocabulary,
): void {
  const firstTerm = (i: number) => slots[i]?.[0]?.terms[0];
  slots.forEach((slot, i) => {
    const first = slot[0];
    if (first === undefined || first.factor === 1) return;
    // Only a content word confirms a correction: "going to rain" says nothing about "train".
    const neighbour = (j: number) =>
      isWeakWord(tokens[j]?.surface ?? "") ? undefined : firstTerm(j);
    const before = neighbour(i - 1);
    const after = neighbour(i + 1);
    const fits = (term: string) =>
      (before !== undefined && vocabulary.hasBigram(before, term)) ||
      (after !== undefined && vocabulary.hasBigram(term, after))
        ? 1
        : 0;
    const ranked = slot
      .map((form, position) => {
        const term = form.terms[0] ?? "";
        return { form, position, fit: fits(term), frequency: vocabulary.frequency(term) };
      })
      .sort(
        (a, b) =>
          b.fit - a.fit ||
          b.form.factor - a.form.factor ||
          b.frequency - a.frequency ||
          a.position - b.position,
      );
    // A short word is corrected only by a correction that forms a known phrase with a
    // neighbour, or by a sure slip (a word no lexicon lists, one slip from a handbook word:
    // "phne", "luch"); "life" → "line" is neither.
    const short = (tokens[i]?.surface.length ?? 0) <= CONTEXT_ONLY_LENGTH;
    const kept = short
      ? ranked.filter((entry) => entry.fit === 1 || entry.form.slip === true)
      : ranked;
    slots[i] =
      kept.length > 0
        ? kept.slice(0, MAX_CORRECTIONS).map((entry) => entry.form)
        : [{ terms: [tokens[i]?.term ?? ""], factor: 1 }];
  });
}

/** An abbreviation's multi-word long form starting at `start` ("service level agreement"). */
function longFormAt(
  primary: readonly string[],
  start: number,
  abbreviations: readonly AbbreviationTerms[],
): { short: string; long: string[] } | undefined {
  for (const abbreviation of abbreviations) {
    for (const long of abbreviation.long) {
      if (long.length > 1 && long.every((term, k) => primary[start + k] === term)) {
        return { short: abbreviation.short, long };
      }
    }
  }
  return undefined;
}

/** Other forms of a single term: an abbreviation's expansions, or a one-word long form's short. */
function synonymsOf(term: string, abbreviations: readonly AbbreviationTerms[]): string[][] {
  const forms: string[][] = [];
  for (const abbreviation of abbreviations) {
    if (abbreviation.short === term) forms.push(...abbreviation.long);
    else if (abbreviation.long.some((long) => long.length === 1 && long[0] === term)) {
      forms.push([abbreviation.short]);
    }
  }
  return forms;
}
