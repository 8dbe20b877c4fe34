import type { ListenerDeps } from "../../deps.js";
import { ownerFor, teamOf } from "../../document-owner.js";
import { isOwnerId, renderOwnerNotice } from "../../replies/owner-notice.js";
import { findSection } from "../../replies/section-answer.js";
import { callSlack } from "../../send/slack-call.js";
import {
  ActionId,
  type ActionValue,
  actionIdPattern,
  decodeActionValue,
} from "../../views/actions.js";
import { renderFeedbackReply } from "../../views/feedback-reply.js";
import { readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * 👍 / 👎 under an answer: Slack's feedback buttons, or the plain buttons of answers posted
 * before them. Feedback is one person's: it is logged, the clicker alone is answered (an
 * ephemeral message through the response URL), and no message anyone else sees is edited, so
 * nothing from the payload is ever sent back. On "Not helpful" the document's owner in this
 * workspace (document-owner.ts), when that is a Slack user or channel, is told what was asked
 * and which section answered.
 */
export function createFeedbackListener(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
    context,
  }: BlockActionArgs): Promise<void> => {
    await ack();
    const vote = readVote(action);
    if (vote === undefined) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id },
        "unusable feedback",
      );
      return;
    }
    const { choice, helpful } = vote;
    const user = body.user.id;
    deps.logger.info(
      { event: "feedback", sectionId: choice.sectionId, query: choice.query, helpful, user },
      "feedback received",
    );
    const section = findSection(deps.knowledge.current().base, choice.sectionId);
    const team = teamOf(context);
    const owner = section === undefined ? undefined : await ownerFor(deps, team, section.document);

    let ownerNotified = false;
    // With several replicas (Redis), one notice per owner and section per throttle window.
    const throttled =
      !helpful &&
      section !== undefined &&
      isOwnerId(owner) &&
      deps.ownerNotices !== undefined &&
      !(await deps.ownerNotices.allow(`${team ?? ""}:${owner}:${section.id}`));
    if (throttled) {
      deps.logger.info(
        { event: "owner_notice_throttled", sectionId: section?.id },
        "owner already told about this section recently",
      );
    }
    if (!helpful && !throttled && section !== undefined && isOwnerId(owner)) {
      const notice = await callSlack(deps.logger, "chat.postMessage", () =>
        client.chat.postMessage({
          channel: owner,
          ...renderOwnerNotice({
            section,
            query: choice.query,
            user,
            docsBaseUrl: deps.docsBaseUrl,
            owner,
            ...(choice.picked ? { picked: true } : {}),
          }),
        }),
      );
      ownerNotified = notice.ok;
    }

    const reply = renderFeedbackReply({
      helpful,
      ownerNotified,
      ...(section !== undefined ? { documentTitle: section.document.title } : {}),
      ...(owner !== undefined ? { owner } : {}),
    });
    await callSlack(deps.logger, "response_url", () =>
      respond({ response_type: "ephemeral", replace_original: false, ...reply }),
    );
  };
}

/** The section, question and verdict a click carries, whichever control sent it. */
function readVote(action: unknown): { choice: ActionValue; helpful: boolean } | undefined {
  const choice = decodeActionValue(readValue(action));
  if (choice === undefined) return undefined;
  const { action_id: raw } = action as { action_id?: unknown };
  const actionId = typeof raw === "string" ? raw : "";
  if (actionIdPattern(ActionId.feedback).test(actionId)) {
    // Slack's feedback buttons send the value of the button pressed; it says which one.
    return choice.helpful === undefined ? undefined : { choice, helpful: choice.helpful };
  }
  if (actionIdPattern(ActionId.helpful).test(actionId)) return { choice, helpful: true };
  if (actionIdPattern(ActionId.notHelpful).test(actionId)) return { choice, helpful: false };
  return undefined;
}
