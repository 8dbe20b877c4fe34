import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { findSection } from "../../replies/section-answer.js";
import { callSlack } from "../../send/slack-call.js";
import { decodeActionValue } from "../../views/actions.js";
import { renderSectionModal } from "../../views/section-modal.js";
import { readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/** "Show full section" under an answer: the whole section in a modal. */
export function createShowSectionListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: BlockActionArgs): Promise<void> => {
    await ack();
    const choice = decodeActionValue(readValue(action));
    const section = findSection(deps.knowledge.current().base, choice?.sectionId);
    if (section === undefined) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id, sectionId: choice?.sectionId },
        "no such section",
      );
      return;
    }
    const replyCtx = await replyContext(deps, teamOf(context));
    await callSlack(deps.logger, "views.open", () =>
      client.views.open({
        trigger_id: body.trigger_id,
        view: renderSectionModal(section, replyCtx),
      }),
    );
  };
}
