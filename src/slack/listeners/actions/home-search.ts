import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { askQuestion } from "../../replies/answer-question.js";
import { extractQuestion } from "../../replies/question-text.js";
import { callSlack } from "../../send/slack-call.js";
import { renderHomeView } from "../../views/home.js";
import { readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * Enter in the Home tab's search box: the results are published into the lower part of the
 * Home view. An emptied box brings back the plain Home tab.
 */
export function createHomeSearchListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: BlockActionArgs): Promise<void> => {
    await ack();
    const question = extractQuestion(readValue(action));
    const user = body.user.id;
    const replyCtx = await replyContext(deps, teamOf(context));
    await callSlack(deps.logger, "views.publish", async () => {
      const knowledge = deps.knowledge.current();
      const options =
        question === ""
          ? replyCtx
          : {
              ...replyCtx,
              query: question,
              response: askQuestion({
                knowledge,
                question,
                surface: "home",
                user,
                logger: deps.logger,
                clock: deps.clock,
              }),
            };
      return client.views.publish({ user_id: user, view: renderHomeView(knowledge.base, options) });
    });
  };
}
