import type { Section } from "../corpus/types.js";
import {
  ABBREVIATIONS,
  type Abbreviation,
  learnAbbreviationsSteps,
  mergeAbbreviations,
} from "./abbreviations.js";
import { noMatch } from "./decide.js";
import {
  type Assessment,
  assess,
  decideAnswer,
  namesQuestion,
  pageShares,
  questionEvidence,
} from "./evidence.js";
import {
  createFuzzyBudget,
  type FuzzyBudget,
  isTypingSlip,
  respellEnglish,
  type SpellingContext,
  vocabularyMatcherSteps,
} from "./fuzzy.js";
import {
  buildFieldIndexSteps,
  decodeFieldIndex,
  encodeFieldIndexSteps,
  type FieldIndex,
  frequencyOf,
  sameBM25F,
} from "./postings.js";
import {
  abbreviationTerms,
  asksForAmount,
  type Form,
  type QueryLexicon,
  type QueryVocabulary,
  understandQuery,
  withoutChatPadding,
} from "./query.js";
import { type Candidate, type CandidateFacts, insertTop, rerank } from "./rank.js";
import { RELATED_WORDS, relatedTerms } from "./related.js";
import { addPhraseBonus, bigramIdOf, locate, scoreConcept } from "./score.js";
import { createSectionFacts, headingPrecision } from "./section-facts.js";
import { runSteps, type Steps } from "./steps.js";
import { analyze, derivationFamily, isStopWord, normalizeWord } from "./text.js";
import { DEFAULT_TUNING, type Rule, type SearchTuning } from "./tuning.js";
import {
  MAX_QUESTION_CHARS,
  type SearchIndex,
  type SearchOptions,
  type SearchResponse,
  type SearchResult,
} from "./types.js";
import { createWordNetLexicon, type Lexicon } from "./wordnet.js";

/**
 * Search over sections, put together: the index (postings.ts) with what query understanding
 * needs of it (vocabulary, typo corrections, abbreviations, related words, WordNet), then per
 * question understand (query.ts) → score (score.ts) → measure (evidence.ts over
 * section-facts.ts) → re-rank (rank.ts) → decide (evidence.ts, decide.ts). The pipeline:
 * README.md.
 */

/** The first `max` characters of `text`, cut back to the last word boundary. */
function cutAtWord(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return space > max / 2 ? cut.slice(0, space) : cut;
}

/**
 * Results the decision looks at (margin over #2, agreement of the next results), whatever
 * `limit` a caller asks for: the answer must not change with the number of results shown.
 */
const DECISION_DEPTH = 5;

/** Words shorter than this reach no derivational family: "us" is not "use". */
const MIN_FAMILY_LENGTH = 4;

export interface SearchIndexOptions {
  /** Knobs and the decision model; DEFAULT_TUNING unless given (eval's --fit passes others). */
  tuning?: SearchTuning;
  /** The general English lexicon (WordNet unless given; tests pass a small one). */
  lexicon?: Lexicon;
  /** Rules switched off, to measure what each earns (eval's --ablate). */
  disable?: ReadonlySet<Rule>;
  /** One question's fuzzy-matching allowance (fuzzy.ts); tests pass one that records use. */
  fuzzyBudget?: () => FuzzyBudget;
  /**
   * What an earlier build over the same sections, by the same code, computed
   * (`onSnapshot`): used instead of computing it again. The caller vouches for "the same"
   * (knowledge/index-cache.ts keys snapshots by both); a snapshot of another number of
   * sections is ignored.
   */
  snapshot?: IndexSnapshot;
  /** Told what this build computed, for a later one's `snapshot` (not called when given one). */
  onSnapshot?: (snapshot: IndexSnapshot) => void;
}

/**
 * The costly part of a build, which depends only on the sections: the inverted index and the
 * abbreviations learned from the text. Everything else is cheap or computed on first use.
 */
export interface IndexSnapshot {
  fields: FieldIndex;
  learned: Abbreviation[];
  /** Index terms by derivational family (text.ts `derivationFamily`). */
  families: ReadonlyMap<string, readonly string[]>;
}

/** A snapshot as bytes (postings.ts's layout, the learned abbreviations in its header). */
export function encodeIndexSnapshot(snapshot: IndexSnapshot): Uint8Array {
  return runSteps(encodeIndexSnapshotSteps(snapshot));
}

/** `encodeIndexSnapshot` in steps (steps.ts), for a process already answering questions. */
export function encodeIndexSnapshotSteps(snapshot: IndexSnapshot): Steps<Uint8Array> {
  return encodeFieldIndexSteps(snapshot.fields, {
    learned: snapshot.learned,
    families: [...snapshot.families],
  });
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** The snapshot `encodeIndexSnapshot` wrote, or undefined for anything else. */
export function decodeIndexSnapshot(bytes: Uint8Array): IndexSnapshot | undefined {
  const decoded = decodeFieldIndex(bytes);
  const extra = decoded?.extra as { learned?: unknown; families?: unknown } | null | undefined;
  const { learned, families } = extra ?? {};
  if (decoded === undefined || !Array.isArray(learned) || !Array.isArray(families)) {
    return undefined;
  }
  const valid =
    learned.every(
      (entry: Partial<Abbreviation> | null) =>
        typeof entry?.short === "string" && isStrings(entry.long),
    ) &&
    families.every(
      (entry: unknown) =>
        Array.isArray(entry) && typeof entry[0] === "string" && isStrings(entry[1]),
    );
  if (!valid) return undefined;
  return {
    fields: decoded.index,
    learned: learned as Abbreviation[],
    families: new Map(families as [string, string[]][]),
  };
}

/** How typo distance discounts a correction: one edit in a short word changes more of it. */
function typoFactor(distance: number, length: number): number {
  return Math.max(0, 1 - (2 * distance) / Math.max(length, 1));
}

export function createSearchIndex(
  sections: readonly Section[],
  options: SearchIndexOptions = {},
): SearchIndex {
  return runSteps(buildSearchIndex(sections, options));
}

/**
 * `createSearchIndex` in steps (steps.ts), for a reload that must not stall the event loop:
 * the same index, built slice by slice.
 */
export function* buildSearchIndex(
  sections: readonly Section[],
  options: SearchIndexOptions = {},
): Steps<SearchIndex> {
  const tuning = options.tuning ?? DEFAULT_TUNING;
  const disabled = options.disable ?? new Set<Rule>();
  const on = (rule: Rule) => !disabled.has(rule);
  // Section order decides ties, so index in the corpus's reading order.
  const ordered = [...sections].sort((a, b) => a.order - b.order);
  const snapshot =
    options.snapshot?.fields.total === ordered.length &&
    sameBM25F(options.snapshot.fields.params, tuning.bm25f)
      ? options.snapshot
      : undefined;
  const index = snapshot?.fields ?? (yield* buildFieldIndexSteps(ordered, tuning.bm25f));
  const { total, terms, termPostings, surfaceTerm, display } = index;

  const matcher = yield* vocabularyMatcherSteps(surfaceTerm.keys());
  const newFuzzyBudget = options.fuzzyBudget ?? (() => createFuzzyBudget());
  /** The current question's allowance: search() is synchronous, one question at a time. */
  let fuzzyBudget = newFuzzyBudget();
  const documents = new Map(ordered.map((section) => [section.document.path, section.document]));
  // Handed over lazily: an array of every heading and text would hold the loop for a while.
  function* abbreviationSources(): Generator<string> {
    for (const doc of documents.values()) yield* [doc.title, ...doc.aliases];
    for (const section of ordered) yield* [section.heading, section.text];
  }
  const learned = snapshot?.learned ?? (yield* learnAbbreviationsSteps(abbreviationSources()));
  const abbreviations = on("abbreviations")
    ? abbreviationTerms(mergeAbbreviations(ABBREVIATIONS, learned))
    : [];
  const related = relatedTerms(on("related-words") ? RELATED_WORDS : []);
  // Index terms by derivational family, so a question word also reaches its relatives.
  let families: ReadonlyMap<string, readonly string[]>;
  if (snapshot !== undefined) families = snapshot.families;
  else {
    const built = new Map<string, string[]>();
    for (const [surface, term] of surfaceTerm) {
      if (built.size % 2048 === 2047) yield;
      const key = derivationFamily(surface);
      const members = built.get(key);
      if (members === undefined) built.set(key, [term]);
      else if (!members.includes(term)) members.push(term);
    }
    families = built;
    options.onSnapshot?.({ fields: index, learned, families });
  }
  const familyOf = (surface: string): readonly string[] =>
    on("derivations") && surface.length >= MIN_FAMILY_LENGTH
      ? (families.get(derivationFamily(surface)) ?? [])
      : [];

  const bigramId = (first: string, second: string) => bigramIdOf(index, first, second);

  const vocabulary: QueryVocabulary = {
    has: (term) => terms.has(term),
    frequency(term) {
      const id = terms.get(term);
      return id === undefined ? 0 : frequencyOf(termPostings, id);
    },
    hasBigram: (first, second) => bigramId(first, second) !== undefined,
    corrections(surface) {
      if (!on("typo-correction")) return [];
      const seen = new Set<string>();
      const forms: Form[] = [];
      // An English word the handbook never uses is corrected only by a slip of the fingers:
      // "calender" is a word too, but "dime" is not a typo for "time" (rule `real-word-slips`).
      // undefined when the lexicon cannot tell: neither rule below then applies.
      const english = lexicon.knows?.(surface);
      const real = on("real-word-slips") && english === true;
      const typed = surface.toLowerCase();
      for (const candidate of matcher.closest(surface, 4, fuzzyBudget)) {
        if (real && !isTypingSlip(typed, candidate.word)) continue;
        const term = surfaceTerm.get(candidate.word);
        if (term === undefined || seen.has(term)) continue;
        seen.add(term);
        const factor = typoFactor(candidate.distance, surface.length);
        // A word no lexicon lists, one slip from a handbook word, is that word (rule
        // `sure-slips`): "huors" is "hours", nearly as surely as if typed right.
        const sure =
          on("sure-slips") &&
          english === false &&
          candidate.distance === 1 &&
          isTypingSlip(typed, candidate.word);
        forms.push(
          sure
            ? { terms: [term], factor: Math.max(factor, tuning.sureSlipShare), slip: true }
            : { terms: [term], factor },
        );
      }
      return forms;
    },
  };

  const lexicon = options.lexicon ?? createWordNetLexicon();
  // Relations tuned to 0 are not even read.
  const followed = new Set(
    (["synonym", "hypernym", "derived"] as const).filter(
      (relation) => tuning.lexicon[relation] > 0,
    ),
  );
  /** WordNet's synonyms and broader terms of a question word, as far as the handbook uses them. */
  const queryLexicon: QueryLexicon = {
    knows: (surface) => lexicon.knows?.(surface) ?? true,
    forms(surface) {
      if (!on("wordnet")) return [];
      const forms: Form[] = [];
      for (const entry of lexicon.related(surface, followed)) {
        const terms = entry.words.flatMap((word) => analyze(word).map((token) => token.term));
        // A lemma with a stop word ("time off" → "time") would match far more than it means.
        if (terms.length !== entry.words.length || terms.length > 3) continue;
        if (locate(index, { terms, factor: 1 }) === undefined) continue;
        const factor = tuning.lexicon[entry.relation] * tuning.lexicon.senseDecay ** entry.sense;
        if (factor <= 0) continue;
        forms.push({ terms, factor });
        if (forms.length >= tuning.lexicon.maxForms) break;
      }
      return forms;
    },
  };

  const facts = createSectionFacts(ordered);
  const spelling: SpellingContext = {
    inHandbook: (word) => {
      const term = normalizeWord(word);
      return (
        terms.has(term) ||
        familyOf(word).length > 0 ||
        abbreviations.some((abbreviation) => abbreviation.short === term)
      );
    },
    isEnglish: (word) => lexicon.knows?.(word),
    isStopWord,
    memo: new Map(),
  };
  const pageOf = (section: number): string => ordered[section]?.document.path ?? "";
  const displayOf = (term: string): string => display.get(term) ?? term;

  function search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const truncated = query.length > MAX_QUESTION_CHARS;
    fuzzyBudget = newFuzzyBudget();
    const read = truncated ? cutAtWord(query, MAX_QUESTION_CHARS) : query;
    // "hey team, quick q:" and "thanks!" are how the question is posted, not what it asks.
    const unpadded = on("chat-padding") ? withoutChatPadding(read) : read;
    // "typivcally" is "typically" even where the handbook never writes it (rule `english-slips`).
    const asked = on("english-slips") ? respellEnglish(unpadded, spelling) : unpadded;
    const concepts = understandQuery(asked, {
      vocabulary,
      abbreviations,
      related,
      family: familyOf,
      lexicon: queryLexicon,
      compounds: on("compounds"),
      shares: tuning.query,
    });
    if (concepts.length === 0 || limit === 0 || total === 0) {
      return {
        query,
        results: [],
        decision: noMatch(),
        ...(truncated && { truncated }),
      };
    }
    // Score: each concept's best form in every section, plus adjacent words found adjacent.
    const scored = concepts.map((concept) => scoreConcept(index, concept, tuning.ubiquity));
    const scores = new Float64Array(total);
    for (const { scores: conceptScores } of scored) {
      for (const [section, value] of conceptScores) {
        scores[section] = (scores[section] ?? 0) + value;
      }
    }
    if (on("phrase-bonus")) addPhraseBonus(index, concepts, scores, tuning.phraseWeight);

    // The best candidates by score, re-ranked by what kind of section each is.
    const pool: Candidate[] = [];
    for (let i = 0; i < total; i++) {
      const score = scores[i] ?? 0;
      // A heading with no text of its own answers nothing: its words reach its subsections
      // through their breadcrumb (the path field).
      if (on("skip-empty-sections") && facts.isEmpty(i)) continue;
      if (score > 0) insertTop(pool, { index: i, score }, Math.max(limit, tuning.rerankPool));
    }
    const question = questionEvidence(concepts, scored);
    const pageShare = pageShares(pool, scored, pageOf);
    const assessed = new Map<number, Assessment>();
    const candidates: CandidateFacts[] = pool.map((candidate) => {
      const assessment = assess(
        question,
        facts,
        candidate.index,
        tuning.askedSimilarity,
        displayOf,
      );
      assessed.set(candidate.index, assessment);
      return {
        index: candidate.index,
        score: candidate.score,
        coverage: assessment.coverage,
        statesFigure: facts.statesFigure(candidate.index),
        isLinkList: facts.isLinkList(candidate.index),
        isPersonal: facts.isPersonal(candidate.index),
        pageShare: pageShare(candidate.index),
        headingPrecision: headingPrecision(facts, candidate.index, question.terms),
        namesQuestion: namesQuestion(question, facts, candidate.index),
      };
    });
    const amount = asksForAmount(asked);
    const ranked = rerank(
      candidates,
      {
        tuning,
        on,
        asksForFigure: amount,
        ubiquitous: scored.every((c) => !c.informative),
        total,
      },
      Math.max(limit, DECISION_DEPTH),
    );

    const results: SearchResult[] = [];
    for (const candidate of ranked.slice(0, limit)) {
      const section = ordered[candidate.index];
      const assessment = assessed.get(candidate.index);
      if (section === undefined || assessment === undefined) continue;
      results.push({
        section,
        score: candidate.score,
        matchedTerms: assessment.matched,
        coverage: assessment.coverage,
        topicality: assessment.topicality,
        ...(amount && { asksForFigure: true }),
      });
    }

    const best = ranked[0] === undefined ? undefined : assessed.get(ranked[0].index);
    const decision = decideAnswer({
      question,
      facts,
      ranked,
      best,
      depth: DECISION_DEPTH,
      pageOf,
      tuning,
      on,
    });
    return {
      query,
      results,
      decision,
      ...(truncated && { truncated }),
    };
  }

  return { size: total, search };
}
