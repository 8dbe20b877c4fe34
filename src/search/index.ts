import type { Section } from "../corpus/types.js";
import {
  ABBREVIATIONS,
  type Abbreviation,
  learnAbbreviationsSteps,
  mergeAbbreviations,
} from "./abbreviations.js";
import { type DecisionFeatures, decide, noMatch } from "./decide.js";
import {
  createFuzzyBudget,
  type FuzzyBudget,
  isTypingSlip,
  vocabularyMatcherSteps,
} from "./fuzzy.js";
import { isPersonalPage } from "./personal.js";
import {
  buildFieldIndexSteps,
  decodeFieldIndex,
  encodeFieldIndexSteps,
  type FieldIndex,
  frequencyOf,
  sameBM25F,
} from "./postings.js";
import {
  AMOUNT_TEXT,
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
import {
  addPhraseBonus,
  bigramIdOf,
  clauseCoverageOf,
  coverageOf,
  locate,
  type ScoredConcept,
  scoreConcept,
} from "./score.js";
import { runSteps, type Steps } from "./steps.js";
import { analyze, derivationFamily } from "./text.js";
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
 * Search over sections: BM25F over their fields (see postings.ts), typo tolerance through the
 * vocabulary, abbreviations both ways, a bonus for adjacent question words found adjacent,
 * re-ranking (rank.ts) and the answer decision (decide.ts). The pipeline: README.md.
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

/**
 * Words of a section's first sentence read for topicality: where a section under a name heading
 * says what it is ("Bravely is a coaching program …"); further on, a sentence is body text.
 */
const LEAD_WORDS = 10;

/** Up to the first full stop, "!" or "?" followed by a space. */
function firstSentence(text: string): string {
  const end = text.search(/[.!?](?=\s)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** Words shorter than this reach no derivational family: "us" is not "use". */
const MIN_FAMILY_LENGTH = 4;

/** Share of a section's text in link labels above which it is a list of links. */
const LINK_LIST_SHARE = 0.5;

/** How a candidate covers the question: the evidence the decision weighs. */
interface Assessment {
  coverage: number;
  topicality: number;
  matched: string[];
}

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

  /**
   * A per-section fact, computed the first time a query needs it and kept: most sections are
   * never a candidate, so computing them all at build time would only slow start-up.
   */
  function perSection<T>(compute: (section: Section) => T): (index: number) => T {
    const known: (T | undefined)[] = [];
    return (index) => {
      let value = known[index];
      if (value === undefined) {
        const section = ordered[index];
        if (section === undefined) throw new RangeError(`no section ${index}`);
        value = compute(section);
        known[index] = value;
      }
      return value;
    };
  }

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

  /** Whether each section states an amount (a number, a number word, a frequency). */
  const statesAmount = perSection((section) => AMOUNT_TEXT.test(section.text));
  /**
   * The terms of the start of a section's first sentence (LEAD_WORDS words), where a section
   * under a name heading says what it is about.
   */
  const leadTerms = perSection(
    (section) =>
      new Set(
        analyze(firstSentence(section.text.trim()).split(/\s+/).slice(0, LEAD_WORDS).join(" ")).map(
          (t) => t.term,
        ),
      ),
  );

  /** Whether a section is only a heading (no text of its own). */
  const isEmptySection = perSection((section) => section.text.trim() === "");

  /** Whether most of a section's text is link labels (three links or more). */
  const isLinkList = perSection((section) => {
    let links = 0;
    let linked = 0;
    for (const block of section.blocks) {
      for (const match of block.mrkdwn.matchAll(/<[^|>\s]+\|([^>]*)>/g)) {
        links++;
        linked += match[1]?.length ?? 0;
      }
    }
    return links >= 3 && linked >= LINK_LIST_SHARE * section.text.length;
  });

  /** Whether a section is on one person's page (personal.ts). */
  const isPersonal = perSection((section) => isPersonalPage(section.document));

  const headingTerms = perSection((section) => analyze(section.heading).map((token) => token.term));
  /** Share of a section's heading terms the question uses (0 for a section without heading). */
  function headingPrecision(index: number, questionTerms: ReadonlySet<string>): number {
    const heading = headingTerms(index);
    if (heading.length === 0) return 0;
    return heading.filter((term) => questionTerms.has(term)).length / heading.length;
  }

  /** Each section's blocks as sets of terms. */
  const blockTerms = perSection((section) =>
    (section.blocks.length > 0 ? section.blocks.map((block) => block.text) : [section.text]).map(
      (text) => new Set(analyze(text).map((token) => token.term)),
    ),
  );
  /** The largest share of the question (weighted as coverage is) that one block of a section covers. */
  function blockCoverage(index: number, scored: readonly ScoredConcept[]): number {
    const blocks = blockTerms(index);
    const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
    let best = 0;
    for (const terms of blocks) {
      let covered = 0;
      for (const { concept, weight } of scored) {
        let share = 0;
        for (const form of concept.forms) {
          if (form.terms.every((term) => terms.has(term))) share = Math.max(share, form.factor);
        }
        covered += weight * share;
      }
      if (totalWeight > 0) best = Math.max(best, covered / totalWeight);
    }
    return best;
  }

  /** Each section's author questions as sets of terms. */
  const authorQuestionsOf = perSection((section) =>
    section.questions.map((question) => [...new Set(analyze(question).map((token) => token.term))]),
  );

  /** True when one of the section's author questions is mostly covered by the question's terms. */
  function isAskedLikeThis(section: number, questionTerms: ReadonlySet<string>): boolean {
    for (const asked of authorQuestionsOf(section)) {
      // Counted, not weighted by rarity: one rare shared word must not make two questions alike.
      let covered = 0;
      for (const term of asked) if (questionTerms.has(term)) covered++;
      if (asked.length > 0 && covered / asked.length >= tuning.askedSimilarity) return true;
    }
    return false;
  }

  function search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const truncated = query.length > MAX_QUESTION_CHARS;
    fuzzyBudget = newFuzzyBudget();
    const read = truncated ? cutAtWord(query, MAX_QUESTION_CHARS) : query;
    // "hey team, quick q:" and "thanks!" are how the question is posted, not what it asks.
    const question = on("chat-padding") ? withoutChatPadding(read) : read;
    const concepts = understandQuery(question, {
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
    const scored = concepts.map((concept) => scoreConcept(index, concept, tuning.ubiquity));
    const scores = new Float64Array(total);
    for (const { scores: conceptScores } of scored) {
      for (const [section, value] of conceptScores) {
        scores[section] = (scores[section] ?? 0) + value;
      }
    }
    if (on("phrase-bonus")) addPhraseBonus(index, concepts, scores, tuning.phraseWeight);

    // The best candidates by score, then adjusted by what kind of section each is.
    const pool: Candidate[] = [];
    for (let i = 0; i < total; i++) {
      const score = scores[i] ?? 0;
      // A heading with no text of its own answers nothing: its words reach its subsections
      // through their breadcrumb (the path field).
      if (on("skip-empty-sections") && isEmptySection(i)) continue;
      if (score > 0) insertTop(pool, { index: i, score }, Math.max(limit, tuning.rerankPool));
    }
    // How much of the pool's evidence each page holds: the right page tends to match in several
    // sections, an incidental one in one. Only the question's informative concepts count: words
    // every section uses ("delivery manager" in a DM handbook) would favour the longest page.
    const informativeConcepts = scored.filter((c) => c.informative);
    const pageEvidence = new Map<string, number>();
    let poolEvidence = 0;
    for (const candidate of pool) {
      const page = ordered[candidate.index]?.document.path ?? "";
      let evidence = 0;
      for (const c of informativeConcepts) evidence += c.scores.get(candidate.index) ?? 0;
      pageEvidence.set(page, (pageEvidence.get(page) ?? 0) + evidence);
      poolEvidence += evidence;
    }
    const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
    const questionIsUbiquitous = scored.every((c) => !c.informative);
    const questionTerms = new Set(concepts.flatMap((c) => c.forms.flatMap((form) => form.terms)));

    /**
     * The section's own heading and the question say the same thing: every heading word is a
     * question word (any of its forms), and every concept of the question is in the heading.
     */
    const namesQuestion = (index: number): boolean => {
      // Precision is 0 for a section without a heading.
      if (headingPrecision(index, questionTerms) < 1) return false;
      const heading = new Set(headingTerms(index));
      return concepts.every((concept) =>
        concept.forms.some((form) => form.terms.every((term) => heading.has(term))),
      );
    };

    /** How much of the question a section covers, how topically, and with which words. */
    const assess = (index: number): Assessment => {
      let covered = 0;
      let coveredTopically = 0;
      const matched = new Set<string>();
      const asked = isAskedLikeThis(index, questionTerms);
      for (const concept of scored) {
        const { share, topical, matched: found } = coverageOf(concept, index, asked);
        covered += concept.weight * share;
        coveredTopically += concept.weight * topical;
        for (const term of found) matched.add(display.get(term) ?? term);
      }
      return {
        coverage: totalWeight > 0 ? covered / totalWeight : 0,
        topicality: totalWeight > 0 ? coveredTopically / totalWeight : 0,
        matched: [...matched],
      };
    };

    const amount = asksForAmount(question);
    const assessed = new Map<number, Assessment>();
    const facts: CandidateFacts[] = pool.map((candidate) => {
      const assessment = assess(candidate.index);
      assessed.set(candidate.index, assessment);
      const page = ordered[candidate.index]?.document.path ?? "";
      return {
        index: candidate.index,
        score: candidate.score,
        coverage: assessment.coverage,
        statesFigure: statesAmount(candidate.index),
        isLinkList: isLinkList(candidate.index),
        isPersonal: isPersonal(candidate.index),
        pageShare: poolEvidence > 0 ? (pageEvidence.get(page) ?? 0) / poolEvidence : 0,
        headingPrecision: headingPrecision(candidate.index, questionTerms),
        namesQuestion: namesQuestion(candidate.index),
      };
    });
    const ranked = rerank(
      facts,
      { tuning, on, asksForFigure: amount, ubiquitous: questionIsUbiquitous, total },
      Math.max(limit, DECISION_DEPTH),
    );
    const top = ranked.slice(0, limit);

    const results: SearchResult[] = [];
    for (const candidate of top) {
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

    /**
     * Topicality counting the start of the section's first sentence too, at
     * `tuning.leadTopicality` of a match: a page whose headings are names ("Bravely", "Service
     * credentials") says there what the section is about ("Bravely is a coaching program …").
     */
    const withLeadTopicality = (section: number, topicality: number): number => {
      if (totalWeight === 0) return topicality;
      const lead = leadTerms(section);
      const asked = isAskedLikeThis(section, questionTerms);
      let extra = 0;
      for (const concept of scored) {
        const { share, topical } = coverageOf(concept, section, asked);
        // A word every section uses ("delivery manager" in a DM handbook) names no topic.
        if (!concept.informative || share <= topical) continue;
        const inLead = concept.concept.forms.some((form) => form.terms.every((t) => lead.has(t)));
        if (inLead) extra += concept.weight * (share - topical);
      }
      return Math.min(1, topicality + (tuning.leadTopicality * extra) / totalWeight);
    };

    const best = ranked[0];
    const bestAssessment = best === undefined ? undefined : assessed.get(best.index);
    let features: DecisionFeatures | undefined;
    if (best !== undefined && bestAssessment !== undefined) {
      const page = ordered[best.index]?.document.path;
      const others = ranked.slice(1, DECISION_DEPTH);
      features = {
        coverage: bestAssessment.coverage,
        topicality: on("lead-topicality")
          ? withLeadTopicality(best.index, bestAssessment.topicality)
          : bestAssessment.topicality,
        blockCoverage: blockCoverage(best.index, scored),
        margin: best.score > 0 ? (best.score - (others[0]?.score ?? 0)) / best.score : 0,
        pageAgreement:
          others.filter((c) => ordered[c.index]?.document.path === page).length /
          (DECISION_DEPTH - 1),
        headingMatch: headingPrecision(best.index, questionTerms),
        clauseCoverage: clauseCoverageOf(
          scored,
          best.index,
          bestAssessment.coverage,
          on("clause-coverage"),
        ),
      };
    }
    // Only wrapper words ("help", "I need help"): no topic at all, unless together they name the
    // section outright ("getting started").
    const onlyWrapperWords = concepts.every((c) => c.emphasis < 1);
    // One topic word that the best section only mentions in passing ("tell me a joke" → a code
    // of conduct that forbids jokes): its coverage, passage and margin are full by construction,
    // so they say nothing. On the dev splits every right answer to a one-topic question names
    // the word in its title, headings or author questions (40 of 40, seventh session).
    const topicWords = concepts.filter((c) => c.emphasis === 1).length;
    const passingMention =
      on("passing-mention") && topicWords === 1 && (bestAssessment?.topicality ?? 0) === 0;
    const decision =
      on("wrapper-only") &&
      onlyWrapperWords &&
      (concepts.length < 2 || (bestAssessment?.topicality ?? 0) < 1)
        ? noMatch("none: only everyday words, no topic")
        : features === undefined
          ? noMatch()
          : passingMention
            ? noMatch("none: the question's one topic word is only mentioned in passing")
            : decide(features, tuning.decision);
    return {
      query,
      results,
      decision,
      ...(truncated && { truncated }),
    };
  }

  return { size: total, search };
}
