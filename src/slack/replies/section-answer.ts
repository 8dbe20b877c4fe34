import type { KnowledgeBase, Section } from "../../corpus/types.js";
import type { Knowledge } from "../../knowledge/types.js";
import { noMatch } from "../../search/decide.js";
import type { SearchResponse, SearchResult } from "../../search/types.js";
import type { ActionValue } from "../views/actions.js";
import { renderAnswer } from "../views/answer.js";
import { renderReply } from "../views/reply.js";
import type { Answer, ReplyContext, SlackMessage } from "../views/types.js";

/** The section a button names, if the handbook still has it (a reload may have removed it). */
export function findSection(base: KnowledgeBase, id: string | undefined): Section | undefined {
  return base.sections.find((section) => section.id === id);
}

/**
 * The answer for one chosen section (a related result, a suggested topic, a shared answer),
 * with the question that led there (or, for a picked topic, without claiming it answers it). The search is run again only to recover which terms
 * matched (for the excerpt) and the related results; it is not a new question, so not logged.
 * A section that no longer exists (the handbook was edited) falls back to answering the
 * question afresh.
 */
export function renderSectionAnswer(
  knowledge: Knowledge,
  choice: ActionValue,
  context: ReplyContext,
): SlackMessage {
  const found = resolveSectionAnswer(knowledge, choice);
  return "answer" in found
    ? renderAnswer(found.answer, context)
    : renderReply(found.response, context);
}

/**
 * The {@link Answer} for a chosen section, or, when the section is gone, the fresh search
 * response to reply with instead.
 */
export function resolveSectionAnswer(
  knowledge: Knowledge,
  choice: ActionValue,
): { answer: Answer } | { response: SearchResponse } {
  const { base, index } = knowledge;
  const response: SearchResponse =
    choice.query === ""
      ? {
          query: "",
          results: [] as SearchResult[],
          decision: noMatch(),
        }
      : index.search(choice.query);
  const section = findSection(base, choice.sectionId);
  if (section === undefined) return { response };
  const result = response.results.find((candidate) => candidate.section.id === section.id) ?? {
    section,
    score: 0,
    matchedTerms: [],
  };
  const related = response.results.filter((candidate) => candidate.section.id !== section.id);
  return {
    answer: { query: choice.query, result, related, ...(choice.picked ? { picked: true } : {}) },
  };
}
