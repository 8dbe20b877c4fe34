import type { ListenerDeps } from "../../deps.js";
import { callSlack } from "../../send/slack-call.js";
import { renderDocumentModal } from "../../views/document-modal.js";
import { readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/** "All n sections…" on the Home tab: the document's table of contents in a modal. */
export function createOpenDocumentListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: BlockActionArgs): Promise<void> => {
    await ack();
    const path = readValue(action);
    const { base } = deps.knowledge.current();
    if (path === undefined || !base.documents.some((document) => document.path === path)) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id, path },
        "no such document",
      );
      return;
    }
    await callSlack(deps.logger, "views.open", () =>
      client.views.open({
        trigger_id: body.trigger_id,
        view: renderDocumentModal(base, path, { command: deps.command }),
      }),
    );
  };
}
