import type { SearchResponse } from "../../search/types.js";
import { renderAnswer } from "./answer.js";
import { renderNoAnswer } from "./no-answer.js";
import type { ReplyContext, SlackMessage } from "./types.js";

/** The reply to a question: the answer when the search is confident, else the honest "no answer". */
export function renderReply(response: SearchResponse, ctx: ReplyContext = {}): SlackMessage {
  const [top, ...rest] = response.results;
  if (response.confident && top) {
    return renderAnswer({ query: response.query, result: top, related: rest }, ctx);
  }
  return renderNoAnswer(response.query, response.results, ctx);
}
