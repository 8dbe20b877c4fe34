import type { Section } from "../corpus/types.js";
import { isPersonalPage } from "./personal.js";
import { AMOUNT_TEXT } from "./query.js";
import type { ScoredConcept } from "./score.js";
import { analyze } from "./text.js";

/**
 * What re-ranking and the decision read of a section besides its postings: whether it states a
 * figure, is a list of links or one person's page, its heading's and first sentence's terms, its
 * blocks and author questions as terms. Each is computed the first time a question needs it and
 * kept: most sections are never a candidate, so computing them all at build time would only slow
 * start-up. The functions below the factory are pure measurements over these facts.
 */
export interface SectionFacts {
  /** The section states an amount (a number, a number word, a frequency). */
  statesFigure(section: number): boolean;
  /** Only a heading: no text of its own. */
  isEmpty(section: number): boolean;
  /** Most of its text is link labels (three links or more). */
  isLinkList(section: number): boolean;
  /** It is on one person's page (personal.ts). */
  isPersonal(section: number): boolean;
  /** Its heading's terms, in order. */
  headingTerms(section: number): readonly string[];
  /**
   * The terms of the start of its first sentence (`LEAD_WORDS` words), where a section under a
   * name heading says what it is about ("Bravely is a coaching program …").
   */
  leadTerms(section: number): ReadonlySet<string>;
  /** Its blocks (paragraphs, lists, table rows) as sets of terms. */
  blockTerms(section: number): readonly ReadonlySet<string>[];
  /** Its author questions (`questions:` frontmatter), each as its distinct terms. */
  authorQuestions(section: number): readonly (readonly string[])[];
}

/**
 * Words of a section's first sentence read for topicality: where a section under a name heading
 * says what it is ("Bravely is a coaching program …"); further on, a sentence is body text.
 */
const LEAD_WORDS = 10;

/** Share of a section's text in link labels above which it is a list of links. */
const LINK_LIST_SHARE = 0.5;

/** Up to the first full stop, "!" or "?" followed by a space. */
function firstSentence(text: string): string {
  const end = text.search(/[.!?](?=\s)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

function termsOf(text: string): string[] {
  return analyze(text).map((token) => token.term);
}

/** The facts of `ordered` (sections in index order), each computed on first use. */
export function createSectionFacts(ordered: readonly Section[]): SectionFacts {
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
  return {
    statesFigure: perSection((section) => AMOUNT_TEXT.test(section.text)),
    isEmpty: perSection((section) => section.text.trim() === ""),
    isLinkList: perSection((section) => {
      let links = 0;
      let linked = 0;
      for (const block of section.blocks) {
        for (const match of block.mrkdwn.matchAll(/<[^|>\s]+\|([^>]*)>/g)) {
          links++;
          linked += match[1]?.length ?? 0;
        }
      }
      return links >= 3 && linked >= LINK_LIST_SHARE * section.text.length;
    }),
    isPersonal: perSection((section) => isPersonalPage(section.document)),
    headingTerms: perSection((section) => termsOf(section.heading)),
    leadTerms: perSection(
      (section) =>
        new Set(
          termsOf(firstSentence(section.text.trim()).split(/\s+/).slice(0, LEAD_WORDS).join(" ")),
        ),
    ),
    blockTerms: perSection((section) =>
      (section.blocks.length > 0 ? section.blocks.map((block) => block.text) : [section.text]).map(
        (text) => new Set(termsOf(text)),
      ),
    ),
    authorQuestions: perSection((section) =>
      section.questions.map((question) => [...new Set(termsOf(question))]),
    ),
  };
}

/** Share of a section's heading terms the question uses (0 for a section without heading). */
export function headingPrecision(
  facts: SectionFacts,
  section: number,
  questionTerms: ReadonlySet<string>,
): number {
  const heading = facts.headingTerms(section);
  if (heading.length === 0) return 0;
  return heading.filter((term) => questionTerms.has(term)).length / heading.length;
}

/** The largest share of the question (weighted as coverage is) that one block of a section covers. */
export function blockCoverage(
  facts: SectionFacts,
  section: number,
  scored: readonly ScoredConcept[],
): number {
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight <= 0) return 0;
  let best = 0;
  for (const terms of facts.blockTerms(section)) {
    let covered = 0;
    for (const { concept, weight } of scored) {
      let share = 0;
      for (const form of concept.forms) {
        if (form.terms.every((term) => terms.has(term))) share = Math.max(share, form.factor);
      }
      covered += weight * share;
    }
    best = Math.max(best, covered / totalWeight);
  }
  return best;
}

/**
 * True when one of the section's author questions is mostly covered by the question's terms
 * (at least `similarity` of its terms).
 */
export function isAskedLikeThis(
  facts: SectionFacts,
  section: number,
  questionTerms: ReadonlySet<string>,
  similarity: number,
): boolean {
  for (const asked of facts.authorQuestions(section)) {
    // Counted, not weighted by rarity: one rare shared word must not make two questions alike.
    let covered = 0;
    for (const term of asked) if (questionTerms.has(term)) covered++;
    if (asked.length > 0 && covered / asked.length >= similarity) return true;
  }
  return false;
}
