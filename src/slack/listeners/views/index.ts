import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { ADD_TO_HANDBOOK_VIEW } from "../../views/add-to-handbook.js";
import { createSaveDraftListener } from "./save-draft.js";

/** Every modal's `callback_id` whose submission has a listener: the unlistened ack lets these by. */
export const VIEW_CALLBACK_IDS: readonly string[] = [ADD_TO_HANDBOOK_VIEW];

export function register(app: App, deps: ListenerDeps): void {
  app.view(
    { callback_id: ADD_TO_HANDBOOK_VIEW, type: "view_submission" },
    createSaveDraftListener(deps),
  );
}
