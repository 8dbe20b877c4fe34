import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { renderSectionAnswer, resolveSectionAnswer } from "../../replies/section-answer.js";
import { deliverReply } from "../../send/deliver.js";
import { callSlack } from "../../send/slack-call.js";
import { ActionId, actionIdPattern, decodeActionValue } from "../../views/actions.js";
import { renderHomeView } from "../../views/home.js";
import { readActionOrigin, readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * A "Related: …" button under an answer, or a topic the no-answer reply suggested: that
 * section's answer, to the same question for a related result; for a suggested topic, shown as
 * the topic picked, since it does not answer the question. Where it goes depends on where the
 * button was:
 * - a private answer is replaced in place;
 * - the Home tab shows it in place of the search result;
 * - a public answer in a thread gets the new answer after it, in the same thread;
 * - a public answer at the top of a channel (one someone shared) stays as it is, and only the
 *   clicker sees the new answer, so one person's click never posts to the whole channel;
 * - in the bot's DM the answer is posted after it.
 */
export function createOpenRelatedListener(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
    context,
  }: BlockActionArgs): Promise<void> => {
    await ack();
    const value = decodeActionValue(readValue(action));
    const choice =
      value !== undefined && actionIdPattern(ActionId.suggestedTopic).test(action.action_id)
        ? { ...value, picked: true }
        : value;
    const origin = readActionOrigin(body);
    const fromHome = origin.viewType === "home";
    if (
      choice === undefined ||
      (!origin.ephemeral && !fromHome && origin.channelId === undefined)
    ) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id },
        "unusable related action",
      );
      return;
    }
    const replyCtx = await replyContext(deps, teamOf(context));
    if (fromHome) {
      const user = body.user.id;
      await callSlack(deps.logger, "views.publish", async () => {
        const knowledge = deps.knowledge.current();
        const found = resolveSectionAnswer(knowledge, choice);
        return client.views.publish({
          user_id: user,
          view: renderHomeView(knowledge.base, { ...replyCtx, query: choice.query, ...found }),
        });
      });
      return;
    }
    // In the bot's DM only the asker is there: answering in the open is private enough.
    const inDm = origin.channelId?.startsWith("D") === true;
    const privately = origin.ephemeral || (origin.threadTs === undefined && !inDm);
    const compose = () =>
      renderSectionAnswer(deps.knowledge.current(), choice, {
        ...replyCtx,
        ephemeral: privately,
      });
    if (privately || origin.channelId === undefined) {
      await deliverReply({
        logger: deps.logger,
        method: "response_url",
        compose,
        // A private answer is replaced; a public one is left for everyone else as it was.
        send: (message) =>
          respond({ response_type: "ephemeral", replace_original: origin.ephemeral, ...message }),
      });
      return;
    }
    const channel = origin.channelId;
    await deliverReply({
      logger: deps.logger,
      method: "chat.postMessage",
      compose,
      send: (message) =>
        client.chat.postMessage({ channel, thread_ts: origin.threadTs, ...message }),
    });
  };
}
