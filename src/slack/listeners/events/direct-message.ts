import type { ListenerDeps } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { classifyQuestion, extractQuestion } from "../../replies/question-text.js";
import { replyToIntent } from "../../replies/reply-to-intent.js";
import { deliverReply } from "../../send/deliver.js";
import { fieldProblem } from "../event-fields.js";
import type { EventArgs } from "../types.js";
import { isEscalationThread } from "./escalation-reply.js";

/**
 * A message in the bot's DM (`message.im`): answered in the DM, in the thread when the person
 * wrote in one. Edits, deletions, joins and every other subtype are ignored, and so is
 * anything a bot wrote (the bot's own replies arrive here too).
 */
export function createDirectMessageListener(deps: ListenerDeps) {
  return async ({ event, context, client }: EventArgs<"message">): Promise<void> => {
    if (event.channel_type !== "im") return;
    if (event.subtype !== undefined) return;
    if (event.bot_id !== undefined || event.bot_profile !== undefined) return;
    if (event.user === undefined || event.user === context.botUserId) return;
    if (typeof event.channel !== "string" || event.channel === "") {
      deps.logger.warn(
        { event: "event_ignored", reason: "no channel" },
        "a DM event without a channel",
      );
      return;
    }
    const problem = fieldProblem(event, ["user"], ["text", "thread_ts"]);
    if (problem !== undefined) {
      deps.logger.warn({ event: "event_ignored", reason: problem }, "a malformed DM event");
      return;
    }
    // An owner replying to a request for an expert is answering, not asking.
    if (await isEscalationThread(deps, event.channel, event.thread_ts)) return;
    const question = extractQuestion(event.text, context.botUserId);
    const user = event.user;
    await deliverReply({
      logger: deps.logger,
      method: "chat.postMessage",
      compose: () =>
        replyToIntent(deps, classifyQuestion(question), {
          surface: "dm",
          user,
          team: teamOf(context),
        }),
      send: (message) =>
        client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts, ...message }),
    });
  };
}
