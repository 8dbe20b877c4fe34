import type { Knowledge } from "../../knowledge/types.js";
import type { AppLogger } from "../../logger.js";
import type { Tier } from "../../search/decide.js";
import type { SearchResponse } from "../../search/types.js";
import { truncate } from "../views/limits.js";
import { renderReply } from "../views/reply.js";
import type { ReplyContext, SlackMessage } from "../views/types.js";

/** Where a question came from, as written in the `query` log line. */
export type Surface = "command" | "mention" | "dm" | "home" | "thread" | "channel" | "shortcut";

export interface AskInput {
  knowledge: Knowledge;
  question: string;
  surface: Surface;
  /** Slack user id of the asker. */
  user: string;
  logger: AppLogger;
  clock?: () => number;
  /**
   * The least tier the surface shows: "answer" where nobody addressed the bot (thread
   * follow-ups, auto-answer channels), which stay silent on a possible match. Default
   * "best-match".
   */
  shownFrom?: "best-match" | "answer";
}

/** Whether a reply of this tier is shown on a surface that shows tiers from `shownFrom` up. */
function isShown(tier: Tier, shownFrom: AskInput["shownFrom"] = "best-match"): boolean {
  return tier === "answer" || (tier === "best-match" && shownFrom === "best-match");
}

export interface QueryLogLine {
  event: "query";
  surface: Surface;
  user: string;
  query: string;
  /** Length of the whole question; `query` keeps at most LOGGED_QUESTION_CHARS of it. */
  queryChars: number;
  /** An answer was shown: confident, or a best match where the surface shows one (`tier`). */
  answered: boolean;
  tier: Tier;
  /** Why the bot answered or not (decide.ts). */
  reason: string;
  topScore: number | null;
  sectionId: string | null;
  ms: number;
}

const defaultClock = () => performance.now();

/** Characters of a question kept in its log line. */
export const LOGGED_QUESTION_CHARS = 300;

/**
 * Searches the knowledge base and writes the one `query` log line every answered question
 * gets, whatever the surface. `render` builds what the user sees and is timed with the search.
 */
function askAndLog<T>(input: AskInput, render: (response: SearchResponse) => T): T {
  const clock = input.clock ?? defaultClock;
  const started = clock();
  const response = input.knowledge.index.search(input.question);
  const rendered = render(response);
  const top = response.results[0];
  const line: QueryLogLine = {
    event: "query",
    surface: input.surface,
    user: input.user,
    // A log line is not the place for a pasted page: the start says what was asked.
    query: truncate(input.question, LOGGED_QUESTION_CHARS),
    queryChars: input.question.length,
    answered: isShown(response.decision.tier, input.shownFrom),
    tier: response.decision.tier,
    reason: response.decision.reason,
    topScore: top?.score ?? null,
    sectionId: top?.section.id ?? null,
    ms: Math.round((clock() - started) * 100) / 100,
  };
  input.logger.info(line, "question answered");
  return rendered;
}

/** Searches and logs, for surfaces that render the response themselves (App Home). */
export function askQuestion(input: AskInput): SearchResponse {
  return askAndLog(input, (response) => response);
}

/**
 * Searches, renders the reply (answer or honest no-answer) and logs: the step every surface
 * shares. `shown`: whether the surface posts this reply (`AskInput.shownFrom`), as logged.
 */
export function answerQuestion(input: AskInput & { context: ReplyContext }): {
  response: SearchResponse;
  message: SlackMessage;
  shown: boolean;
} {
  return askAndLog(input, (response) => ({
    response,
    message: renderReply(response, input.context),
    shown: isShown(response.decision.tier, input.shownFrom),
  }));
}
