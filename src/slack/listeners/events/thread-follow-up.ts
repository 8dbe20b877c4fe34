import { readFollowUp } from "../../conversations/follow-up.js";
import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { answerQuestion } from "../../replies/answer-question.js";
import { extractQuestion } from "../../replies/question-text.js";
import { callSlack } from "../../send/slack-call.js";
import type { EventArgs } from "../types.js";
import { isEscalationThread } from "./escalation-reply.js";

/** The `channel_type`s of the message subscriptions this listener serves. */
export const THREAD_CHANNEL_TYPES = {
  channel: "message.channels",
  group: "message.groups",
} as const;

/**
 * A message in a channel thread the bot has answered in (`message.channels`, `message.groups`):
 * a question is answered in the thread with no new mention, read together with the thread's
 * earlier question when it leans on it ("and for contractors?"). Nobody addressed the bot, so it
 * speaks only with a confident answer, as in an auto-answer channel: a "possibly relevant" match
 * would break into a conversation among people ("did you see the match last night?"). Thanks,
 * acknowledgements and people talking to each other get nothing. Messages in threads the bot is
 * not in, and at the top of a channel, are not read.
 */
export function createThreadFollowUpListener(deps: ListenerDeps) {
  return async ({ event, context, client }: EventArgs<"message">): Promise<void> => {
    if (event.channel_type !== "channel" && event.channel_type !== "group") return;
    if (event.subtype !== undefined) return;
    if (event.bot_id !== undefined || event.bot_profile !== undefined) return;
    if (event.user === undefined || event.user === context.botUserId) return;
    const threadTs = event.thread_ts;
    if (typeof threadTs !== "string" || threadTs === "" || threadTs === event.ts) return;
    if (typeof event.channel !== "string" || event.channel === "") {
      deps.logger.warn(
        { event: "event_ignored", reason: "no channel" },
        "a channel message event without a channel",
      );
      return;
    }
    const channel = event.channel;
    const thread = deps.threads.recall(channel, threadTs);
    if (thread === undefined) return;
    // Asked after the in-memory check: with PostgreSQL this is a query, and most threads are neither.
    if (await isEscalationThread(deps, channel, threadTs)) return;
    const raw = typeof event.text === "string" ? event.text : "";
    // A mention is the app_mention listener's to answer; answering here too would say it twice.
    if (context.botUserId !== undefined && raw.includes(`<@${context.botUserId}>`)) return;

    const reading = readFollowUp(
      extractQuestion(raw, context.botUserId),
      thread.question,
      raw,
      context.botUserId,
    );
    if (reading.kind === "ignore") {
      deps.logger.debug(
        { event: "follow_up_ignored", reason: reading.reason },
        "a thread message that asks the handbook nothing",
      );
      return;
    }
    let reply: ReturnType<typeof answerQuestion>;
    const replyCtx = await replyContext(deps, teamOf(context));
    try {
      reply = answerQuestion({
        knowledge: deps.knowledge.current(),
        question: reading.question,
        surface: "thread",
        shownFrom: "answer",
        user: event.user,
        logger: deps.logger,
        clock: deps.clock,
        context: replyCtx,
      });
    } catch (error) {
      // Nobody asked the bot by name: a failure is logged, not apologised for in the thread.
      deps.logger.error({ event: "reply_failed", err: error }, "could not compose a follow-up");
      return;
    }
    // In a conversation among people, an honest "no answer" or a possible match is noise.
    if (!reply.shown) return;
    const posted = await callSlack(deps.logger, "chat.postMessage", () =>
      client.chat.postMessage({ channel, thread_ts: threadTs, ...reply.message }),
    );
    if (posted.ok) deps.threads.remember(channel, threadTs, reading.question);
  };
}
