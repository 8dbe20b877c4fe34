import { readFollowUp } from "../../conversations/follow-up.js";
import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { answerQuestion } from "../../replies/answer-question.js";
import { extractQuestion } from "../../replies/question-text.js";
import { callSlack } from "../../send/slack-call.js";
import type { EventArgs } from "../types.js";

/**
 * A top-level message in a channel set to answer automatically (`/dm settings auto`): when it
 * reads as a question and the handbook answers it confidently, the answer goes in a thread under
 * it, which the bot then follows. Anything less than a confident answer stays unsaid; channels
 * in the default mode are not read at all.
 */
export function createAutoAnswerListener(deps: ListenerDeps) {
  return async ({ event, context, client }: EventArgs<"message">): Promise<void> => {
    if (event.channel_type !== "channel" && event.channel_type !== "group") return;
    if (event.subtype !== undefined || event.thread_ts !== undefined) return;
    if (event.bot_id !== undefined || event.bot_profile !== undefined) return;
    if (event.user === undefined || event.user === context.botUserId) return;
    if (typeof event.channel !== "string" || event.channel === "") return;
    const channel = event.channel;
    if ((await deps.settings.channelMode(teamOf(context), channel)) !== "auto") return;
    const raw = typeof event.text === "string" ? event.text : "";
    // A mention is the app_mention listener's to answer.
    if (context.botUserId !== undefined && raw.includes(`<@${context.botUserId}>`)) return;
    const reading = readFollowUp(
      extractQuestion(raw, context.botUserId),
      "",
      raw,
      context.botUserId,
    );
    if (reading.kind === "ignore") return;
    let reply: ReturnType<typeof answerQuestion>;
    const replyCtx = await replyContext(deps, teamOf(context));
    try {
      reply = answerQuestion({
        knowledge: deps.knowledge.current(),
        question: reading.question,
        surface: "channel",
        shownFrom: "answer",
        user: event.user,
        logger: deps.logger,
        clock: deps.clock,
        context: replyCtx,
      });
    } catch (error) {
      deps.logger.error({ event: "reply_failed", err: error }, "could not compose an auto-answer");
      return;
    }
    // In a conversation among people, an honest "no answer" or a possible match is noise.
    if (!reply.shown) return;
    const posted = await callSlack(deps.logger, "chat.postMessage", () =>
      client.chat.postMessage({ channel, thread_ts: event.ts, ...reply.message }),
    );
    if (posted.ok) deps.threads.remember(channel, event.ts, reading.question);
  };
}
