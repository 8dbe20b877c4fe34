import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { ADD_TO_HANDBOOK_CALLBACK, createAddToHandbookListener } from "./add-to-handbook.js";
import { ASK_HANDBOOK_CALLBACK, createAskHandbookListener } from "./ask-handbook.js";

/** Every shortcut's `callback_id` with a listener: the unlistened-interaction ack lets these by. */
export const SHORTCUT_CALLBACK_IDS: readonly string[] = [
  ASK_HANDBOOK_CALLBACK,
  ADD_TO_HANDBOOK_CALLBACK,
];

export function register(app: App, deps: ListenerDeps): void {
  app.shortcut(
    { callback_id: ASK_HANDBOOK_CALLBACK, type: "message_action" },
    createAskHandbookListener(deps),
  );
  app.shortcut(
    { callback_id: ADD_TO_HANDBOOK_CALLBACK, type: "message_action" },
    createAddToHandbookListener(deps),
  );
}
