/**
 * The knowledge-gaps report: what people asked that the handbook could not answer, what it
 * answered badly, and what it is used for most. Pure: events in, plain data out.
 */
import type { EscalationEvent, FeedbackEvent, GapEvent } from "./events.js";
import { analyzeQuestion } from "./terms.js";

export interface ExampleQuestion {
  query: string;
  /** How many times this wording (ignoring case and spacing) was asked. */
  count: number;
}

export interface UnansweredGroup {
  /** Normalised terms shared by every question in the group; empty for stop-word-only questions. */
  terms: string[];
  /** A readable word for each term: the commonest spelling in the group (`booking` for `book`). */
  words: string[];
  count: number;
  /** Up to three wordings, most frequent first. */
  examples: ExampleQuestion[];
}

export interface UnhelpfulSection {
  sectionId: string;
  /** People who said the answer did not help (one vote per person, question and section). */
  unhelpful: number;
  /** People who said it did help, for scale. */
  helpful: number;
  examples: ExampleQuestion[];
}

export interface AskedSection {
  sectionId: string;
  /** Answered questions whose top answer was this section. */
  count: number;
  /** Share of all answered questions, 0–1. */
  share: number;
}

/** A section given as a best match (middling evidence), and the questions it was offered for. */
export interface UncertainSection {
  sectionId: string;
  count: number;
  examples: ExampleQuestion[];
}

export interface GapsReport {
  /** ISO times of the earliest and latest event counted; null when there were none. */
  range: { from: string | null; to: string | null };
  /** ISO cut-off from `--since`; null when every event counts. */
  since: string | null;
  queries: {
    total: number;
    answered: number;
    unanswered: number;
    /** answered / total, 0–1; null when there were no questions. */
    answerRate: number | null;
  };
  feedback: { helpful: number; unhelpful: number };
  unanswered: UnansweredGroup[];
  unhelpful: UnhelpfulSection[];
  /** Sections offered only as a best match, most often first: where wording or content is weak. */
  uncertain: UncertainSection[];
  /** Top ten sections by answered questions. */
  mostAsked: AskedSection[];
  /** Requests to human experts not yet marked resolved, oldest first, by their last state. */
  escalations: { open: EscalationItem[]; answered: EscalationItem[]; resolved: number };
}

/** One request to an expert, as the log last saw it. */
export interface EscalationItem {
  id: string;
  query: string;
  /** ISO time the request was made; null when the log line had no time. */
  askedAt: string | null;
}

export interface GapsReportOptions {
  /** Only events at or after this time (ms since epoch) count; events without a time do not. */
  since?: number;
  /** How many most-asked sections to keep (default 10). */
  topSections?: number;
  /** Example wordings per group (default 3). */
  examples?: number;
}

/** Same wording for counting purposes: case, punctuation and spacing do not matter. */
function wordingKey(query: string): string {
  return query
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Counts wordings, keeping the first-seen spelling of each; most frequent first, ties by first seen. */
class WordingCounter {
  readonly #wordings = new Map<string, ExampleQuestion>();

  add(query: string): void {
    const text = query.trim().replace(/\s+/g, " ");
    if (text.length === 0) return;
    const key = wordingKey(text);
    const existing = this.#wordings.get(key);
    if (existing) existing.count += 1;
    else this.#wordings.set(key, { query: text, count: 1 });
  }

  top(limit: number): ExampleQuestion[] {
    // Map iteration is insertion order and Array#sort is stable, so ties keep first-seen order.
    return [...this.#wordings.values()]
      .sort((a, b) => b.count - a.count)
      .slice(0, limit)
      .map((example) => ({ ...example }));
  }
}

/** The commonest of several spellings; ties go to the first seen. */
class WordCounter {
  readonly #counts = new Map<string, number>();

  add(word: string): void {
    this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1);
  }

  top(): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const [word, count] of this.#counts) {
      if (count > bestCount) {
        best = word;
        bestCount = count;
      }
    }
    return best;
  }
}

function compareByCountThenKey<T extends { count: number }>(key: (item: T) => string) {
  return (a: T, b: T): number => b.count - a.count || key(a).localeCompare(key(b));
}

/**
 * A person may press both buttons, or the same one twice: the last vote of each person on a
 * given answer (section + question) is the one that counts.
 */
function latestVotes(feedback: readonly FeedbackEvent[]): FeedbackEvent[] {
  const votes = new Map<string, FeedbackEvent>();
  const anonymous: FeedbackEvent[] = [];
  const ordered = [...feedback].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  for (const vote of ordered) {
    if (vote.user === undefined) {
      anonymous.push(vote);
      continue;
    }
    votes.set(JSON.stringify([vote.user, vote.sectionId, wordingKey(vote.query)]), vote);
  }
  return [...votes.values(), ...anonymous];
}

export function buildGapsReport(
  events: Iterable<GapEvent>,
  options: GapsReportOptions = {},
): GapsReport {
  const { since, topSections = 10, examples = 3 } = options;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let total = 0;
  let answered = 0;
  const unansweredGroups = new Map<
    string,
    { terms: string[]; words: WordCounter[]; count: number; wordings: WordingCounter }
  >();
  const askedSections = new Map<string, number>();
  const uncertainSections = new Map<string, { count: number; wordings: WordingCounter }>();
  const feedback: FeedbackEvent[] = [];
  const escalationLines: EscalationEvent[] = [];

  for (const event of events) {
    if (since !== undefined && (event.time === undefined || event.time < since)) continue;
    if (event.time !== undefined) {
      from = Math.min(from, event.time);
      to = Math.max(to, event.time);
    }
    if (event.kind === "feedback") {
      feedback.push(event);
      continue;
    }
    if (event.kind === "escalation") {
      escalationLines.push(event);
      continue;
    }
    total += 1;
    if (event.answered) {
      answered += 1;
      if (event.sectionId !== undefined) {
        askedSections.set(event.sectionId, (askedSections.get(event.sectionId) ?? 0) + 1);
        if (event.tier === "best-match") {
          const entry = uncertainSections.get(event.sectionId) ?? {
            count: 0,
            wordings: new WordingCounter(),
          };
          entry.count += 1;
          entry.wordings.add(event.query);
          uncertainSections.set(event.sectionId, entry);
        }
      }
      continue;
    }
    const { terms, words } = analyzeQuestion(event.query);
    const key = terms.join(" ");
    let group = unansweredGroups.get(key);
    if (!group) {
      group = {
        terms,
        words: terms.map(() => new WordCounter()),
        count: 0,
        wordings: new WordingCounter(),
      };
      unansweredGroups.set(key, group);
    }
    for (const [i, word] of words.entries()) group.words[i]?.add(word);
    group.count += 1;
    group.wordings.add(event.query);
  }

  const votes = latestVotes(feedback);
  const bySection = new Map<
    string,
    { helpful: number; unhelpful: number; wordings: WordingCounter }
  >();
  for (const vote of votes) {
    let entry = bySection.get(vote.sectionId);
    if (!entry) {
      entry = { helpful: 0, unhelpful: 0, wordings: new WordingCounter() };
      bySection.set(vote.sectionId, entry);
    }
    if (vote.helpful) {
      entry.helpful += 1;
    } else {
      entry.unhelpful += 1;
      entry.wordings.add(vote.query);
    }
  }

  const unanswered: UnansweredGroup[] = [...unansweredGroups.values()]
    .map((group) => ({
      terms: group.terms,
      words: group.words.map((counter, i) => counter.top() ?? group.terms[i] ?? ""),
      count: group.count,
      examples: group.wordings.top(examples),
    }))
    .sort(compareByCountThenKey((group) => group.terms.join(" ")));

  const unhelpful: UnhelpfulSection[] = [...bySection.entries()]
    .filter(([, entry]) => entry.unhelpful > 0)
    .map(([sectionId, entry]) => ({
      sectionId,
      unhelpful: entry.unhelpful,
      helpful: entry.helpful,
      examples: entry.wordings.top(examples),
    }))
    .sort((a, b) => b.unhelpful - a.unhelpful || a.sectionId.localeCompare(b.sectionId));

  const uncertain: UncertainSection[] = [...uncertainSections.entries()]
    .map(([sectionId, entry]) => ({
      sectionId,
      count: entry.count,
      examples: entry.wordings.top(examples),
    }))
    .sort(compareByCountThenKey((section) => section.sectionId));

  const mostAsked: AskedSection[] = [...askedSections.entries()]
    .map(([sectionId, count]) => ({ sectionId, count, share: count / answered }))
    .sort(compareByCountThenKey((section) => section.sectionId))
    .slice(0, topSections);

  const hasRange = from <= to;
  return {
    range: {
      from: hasRange ? new Date(from).toISOString() : null,
      to: hasRange ? new Date(to).toISOString() : null,
    },
    since: since === undefined ? null : new Date(since).toISOString(),
    queries: {
      total,
      answered,
      unanswered: total - answered,
      answerRate: total === 0 ? null : answered / total,
    },
    feedback: {
      helpful: votes.filter((vote) => vote.helpful).length,
      unhelpful: votes.filter((vote) => !vote.helpful).length,
    },
    unanswered,
    unhelpful,
    uncertain,
    mostAsked,
    escalations: summarizeEscalations(escalationLines),
  };
}

const ESCALATION_ORDER = { open: 0, answered: 1, resolved: 2 } as const;

/** Each request's furthest state (a reply can be logged after a resolve), oldest request first. */
function summarizeEscalations(lines: readonly EscalationEvent[]): GapsReport["escalations"] {
  const byId = new Map<string, { item: EscalationItem; status: EscalationEvent["status"] }>();
  for (const line of [...lines].sort((a, b) => (a.time ?? 0) - (b.time ?? 0))) {
    const known = byId.get(line.id);
    if (known === undefined) {
      byId.set(line.id, {
        item: {
          id: line.id,
          query: line.query,
          askedAt: line.time === undefined ? null : new Date(line.time).toISOString(),
        },
        status: line.status,
      });
    } else if (ESCALATION_ORDER[line.status] > ESCALATION_ORDER[known.status]) {
      known.status = line.status;
    }
  }
  const all = [...byId.values()];
  return {
    open: all.filter((entry) => entry.status === "open").map((entry) => entry.item),
    answered: all.filter((entry) => entry.status === "answered").map((entry) => entry.item),
    resolved: all.filter((entry) => entry.status === "resolved").length,
  };
}
