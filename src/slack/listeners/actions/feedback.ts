import { readActionOrigin, readValue } from "../../action-body.js";
import { type ListenerDeps, replyContext } from "../../deps.js";
import { isOwnerId, renderOwnerNotice } from "../../owner-notice.js";
import { findSection, renderSectionAnswer } from "../../section-answer.js";
import { callSlack } from "../../slack-call.js";
import { ActionId, actionIdPattern, decodeActionValue } from "../../views/actions.js";
import { replaceFeedbackBlock } from "../../views/apology.js";
import type { KnownBlock } from "../../views/types.js";
import type { BlockActionArgs } from "../types.js";

/**
 * 👍 / 👎 under an answer. Logs a `feedback` line, swaps the buttons for a thank-you (keeping
 * the answer), and on "Not helpful" tells the document's owner, when it names one, what was
 * asked and which section answered.
 */
export function createFeedbackListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, respond }: BlockActionArgs): Promise<void> => {
    await ack();
    const choice = decodeActionValue(readValue(action));
    if (choice === undefined) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id },
        "unusable feedback",
      );
      return;
    }
    const helpful = actionIdPattern(ActionId.helpful).test(action.action_id);
    const user = body.user.id;
    deps.logger.info(
      { event: "feedback", sectionId: choice.sectionId, query: choice.query, helpful, user },
      "feedback received",
    );
    const knowledge = deps.knowledge.current();
    const origin = readActionOrigin(body);

    // Slack sends a message's blocks back with the action, except for ephemeral messages:
    // those are rendered again from the section and question the button carries.
    const original =
      origin.messageBlocks !== undefined
        ? { text: body.message?.text ?? "", blocks: origin.messageBlocks as KnownBlock[] }
        : renderSectionAnswer(knowledge, choice, {
            ...replyContext(deps),
            ephemeral: origin.ephemeral,
          });
    const updated = { text: original.text, blocks: replaceFeedbackBlock(original.blocks, helpful) };
    if (origin.ephemeral || origin.channelId === undefined || origin.messageTs === undefined) {
      await callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "ephemeral", replace_original: true, ...updated }),
      );
    } else {
      const { channelId, messageTs } = origin;
      await callSlack(deps.logger, "chat.update", () =>
        client.chat.update({ channel: channelId, ts: messageTs, ...updated }),
      );
    }

    if (helpful) return;
    const section = findSection(knowledge.base, choice.sectionId);
    const owner = section?.document.owner;
    if (section === undefined || !isOwnerId(owner)) return;
    if (deps.ownerNotices && !(await deps.ownerNotices.allow(`${owner}:${section.id}`))) {
      deps.logger.info(
        { event: "owner_notice_throttled", sectionId: section.id },
        "owner already told about this section recently",
      );
      return;
    }
    await callSlack(deps.logger, "chat.postMessage", () =>
      client.chat.postMessage({
        channel: owner,
        ...renderOwnerNotice({
          section,
          query: choice.query,
          user,
          docsBaseUrl: deps.docsBaseUrl,
          ...(choice.picked ? { picked: true } : {}),
        }),
      }),
    );
  };
}
