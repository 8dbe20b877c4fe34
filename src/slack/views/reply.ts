import { MAX_QUESTION_CHARS, type SearchResponse } from "../../search/types.js";
import { renderAnswer } from "./answer.js";
import { mrkdwnContext } from "./blocks.js";
import { renderNoAnswer } from "./no-answer.js";
import type { ReplyContext, SlackMessage } from "./types.js";

/**
 * The reply to a question, by the decision's tier: the answer; a best match, shown as possibly
 * relevant with alternatives; or the honest "no answer" with the closest topics.
 */
export function renderReply(response: SearchResponse, ctx: ReplyContext = {}): SlackMessage {
  const message = renderTier(response, ctx);
  if (!response.truncated) return message;
  return { ...message, blocks: [...message.blocks, mrkdwnContext(TRUNCATED_NOTE)] };
}

/** Said under a reply to a question longer than the search reads. */
export const TRUNCATED_NOTE = `_Your question was long: I read only its first ${MAX_QUESTION_CHARS} characters._`;

function renderTier(response: SearchResponse, ctx: ReplyContext): SlackMessage {
  const [top, ...rest] = response.results;
  const tier = response.decision.tier;
  if (tier !== "none" && top) {
    const tentative = tier === "best-match";
    return renderAnswer(
      { query: response.query, result: top, related: rest, ...(tentative && { tentative }) },
      ctx,
    );
  }
  return renderNoAnswer(response.query, response.results, ctx);
}
