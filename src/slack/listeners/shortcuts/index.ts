import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { ASK_HANDBOOK_CALLBACK, createAskHandbookListener } from "./ask-handbook.js";

export function register(app: App, deps: ListenerDeps): void {
  app.shortcut(
    { callback_id: ASK_HANDBOOK_CALLBACK, type: "message_action" },
    createAskHandbookListener(deps),
  );
}
