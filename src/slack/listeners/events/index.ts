import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { createAppHomeOpenedListener } from "./app-home-opened.js";
import { createAppMentionListener } from "./app-mention.js";
import { createAutoAnswerListener } from "./auto-answer.js";
import { createDirectMessageListener } from "./direct-message.js";
import { createEscalationReplyListener } from "./escalation-reply.js";
import { createLinkSharedListener } from "./link-shared.js";
import { createThreadFollowUpListener } from "./thread-follow-up.js";

export function register(app: App, deps: ListenerDeps): void {
  app.event("app_mention", createAppMentionListener(deps));
  app.event("message", createDirectMessageListener(deps));
  app.event("message", createThreadFollowUpListener(deps));
  app.event("message", createEscalationReplyListener(deps));
  app.event("message", createAutoAnswerListener(deps));
  app.event("app_home_opened", createAppHomeOpenedListener(deps));
  app.event("link_shared", createLinkSharedListener(deps));
}
