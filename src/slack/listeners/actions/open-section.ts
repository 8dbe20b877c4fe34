import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { findSection } from "../../replies/section-answer.js";
import { callSlack } from "../../send/slack-call.js";
import { renderSectionModal } from "../../views/section-modal.js";
import { readActionOrigin, readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * A table-of-contents entry (Home tab, a document modal, the `/dm topics` picker): the section
 * in a modal. From inside a modal the section is pushed onto it, so "Back" returns there.
 */
export function createOpenSectionListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: BlockActionArgs): Promise<void> => {
    await ack();
    const sectionId = readValue(action);
    const section = findSection(deps.knowledge.current().base, sectionId);
    if (section === undefined) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id, sectionId },
        "no such section",
      );
      return;
    }
    const replyCtx = await replyContext(deps, teamOf(context));
    const view = renderSectionModal(section, replyCtx);
    if (readActionOrigin(body).viewType === "modal") {
      await callSlack(deps.logger, "views.push", () =>
        client.views.push({ trigger_id: body.trigger_id, view }),
      );
      return;
    }
    await callSlack(deps.logger, "views.open", () =>
      client.views.open({ trigger_id: body.trigger_id, view }),
    );
  };
}
