import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { extractQuestion } from "../../replies/question-text.js";
import { callSlack } from "../../send/slack-call.js";
import { ActionId, decodePageValue } from "../../views/actions.js";
import { renderHomeView } from "../../views/home.js";
import { readValue, readViewInput } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * Previous / next page of the Home table of contents. The search box's current text is kept,
 * and its results shown again; that is not a new question, so it is not logged as one.
 */
export function createHomePageListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: BlockActionArgs): Promise<void> => {
    await ack();
    const page = decodePageValue(readValue(action));
    if (page === undefined) {
      deps.logger.warn({ event: "ignored_action", actionId: action.action_id }, "unusable page");
      return;
    }
    const question = extractQuestion(readViewInput(body, ActionId.homeSearch));
    const replyCtx = await replyContext(deps, teamOf(context));
    await callSlack(deps.logger, "views.publish", async () => {
      const { base, index } = deps.knowledge.current();
      const search = question === "" ? {} : { query: question, response: index.search(question) };
      return client.views.publish({
        user_id: body.user.id,
        view: renderHomeView(base, {
          ...replyCtx,
          page,
          ...search,
        }),
      });
    });
  };
}
