import { readActionOrigin, readValue } from "../../action-body.js";
import { deliverReply } from "../../deliver.js";
import { type ListenerDeps, replyContext } from "../../deps.js";
import { renderSectionAnswer } from "../../section-answer.js";
import { ActionId, actionIdPattern, decodeActionValue } from "../../views/actions.js";
import type { BlockActionArgs } from "../types.js";

/**
 * A "Related: …" button under an answer, or a topic the no-answer reply suggested: that
 * section's answer, to the same question for a related result; for a suggested topic, shown as
 * the topic picked, since it does not answer the question. A private answer is replaced in place;
 * a public one stays as it is for everyone else, and the new answer is posted after it, in
 * the same thread.
 */
export function createOpenRelatedListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, respond }: BlockActionArgs): Promise<void> => {
    await ack();
    const value = decodeActionValue(readValue(action));
    const choice =
      value !== undefined && actionIdPattern(ActionId.suggestedTopic).test(action.action_id)
        ? { ...value, picked: true }
        : value;
    const origin = readActionOrigin(body);
    if (choice === undefined || (!origin.ephemeral && origin.channelId === undefined)) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id },
        "unusable related action",
      );
      return;
    }
    const compose = () =>
      renderSectionAnswer(deps.knowledge.current(), choice, {
        ...replyContext(deps),
        ephemeral: origin.ephemeral,
      });
    if (origin.ephemeral || origin.channelId === undefined) {
      await deliverReply({
        logger: deps.logger,
        method: "response_url",
        compose,
        send: (message) =>
          respond({ response_type: "ephemeral", replace_original: true, ...message }),
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
