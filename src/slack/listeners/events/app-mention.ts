import type { ListenerDeps } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { classifyQuestion, extractQuestion } from "../../replies/question-text.js";
import { replyToIntent } from "../../replies/reply-to-intent.js";
import { deliverReply } from "../../send/deliver.js";
import { fieldProblem } from "../event-fields.js";
import type { EventArgs } from "../types.js";

/**
 * `@bot <question>` in a channel: answered in a thread (the mention's own thread when it is
 * already in one), which the bot then follows (thread-follow-up.ts). A bare mention gets the
 * help text.
 */
export function createAppMentionListener(deps: ListenerDeps) {
  return async ({ event, context, client }: EventArgs<"app_mention">): Promise<void> => {
    // Bots talking to bots loop; the DM listener answers mentions inside a DM.
    if (event.bot_id !== undefined || event.subtype !== undefined) return;
    if (typeof event.channel !== "string" || event.channel === "") {
      deps.logger.warn(
        { event: "event_ignored", reason: "no channel" },
        "a mention event without a channel",
      );
      return;
    }
    const problem = fieldProblem(event, ["ts"], ["text", "user", "thread_ts"]);
    if (problem !== undefined) {
      deps.logger.warn({ event: "event_ignored", reason: problem }, "a malformed mention event");
      return;
    }
    if (event.channel.startsWith("D")) return;
    const question = extractQuestion(event.text, context.botUserId);
    const user = event.user ?? "unknown";
    const threadTs = event.thread_ts ?? event.ts;
    const intent = classifyQuestion(question);
    const delivered = await deliverReply({
      logger: deps.logger,
      method: "chat.postMessage",
      compose: () =>
        replyToIntent(deps, intent, { surface: "mention", user, team: teamOf(context) }),
      send: (message) =>
        client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message }),
    });
    // The bot is in this thread now: later questions in it are answered without a mention.
    if (delivered) {
      deps.threads.remember(
        event.channel,
        threadTs,
        intent.kind === "question" ? intent.question : "",
      );
    }
  };
}
