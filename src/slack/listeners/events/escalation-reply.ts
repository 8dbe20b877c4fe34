import type { ListenerDeps } from "../../deps.js";
import { callSlack } from "../../send/slack-call.js";
import { renderExpertReplied } from "../../views/escalation.js";
import type { EventArgs } from "../types.js";

/** True for a message in the thread of a request to an expert: this listener's, no one else's. */
export function isEscalationThread(
  deps: Pick<ListenerDeps, "escalations">,
  channel: unknown,
  threadTs: unknown,
): boolean {
  return (
    typeof channel === "string" &&
    typeof threadTs === "string" &&
    deps.escalations.byThread(channel, threadTs) !== undefined
  );
}

/**
 * A reply in the thread of a request to an expert (the owner's DM with the bot, or the
 * escalation channel): the first one is passed on to the asker, in the thread they asked in, or
 * by DM for a private question, with a link to the reply. Logged as `escalation` answered.
 */
export function createEscalationReplyListener(deps: ListenerDeps) {
  return async ({ event, context, client }: EventArgs<"message">): Promise<void> => {
    if (event.subtype !== undefined) return;
    if (event.bot_id !== undefined || event.bot_profile !== undefined) return;
    if (event.user === undefined || event.user === context.botUserId) return;
    const { channel, thread_ts: threadTs } = event;
    if (typeof threadTs !== "string" || typeof channel !== "string") return;
    const escalation = deps.escalations.byThread(channel, threadTs);
    if (escalation === undefined || escalation.status !== "open") return;
    escalation.status = "answered";
    const expert = event.user;
    deps.logger.info(
      {
        event: "escalation",
        status: "answered",
        id: escalation.id,
        query: escalation.question,
        user: expert,
      },
      "an expert replied",
    );
    const link = await callSlack(deps.logger, "chat.getPermalink", () =>
      client.chat.getPermalink({ channel, message_ts: event.ts }),
    );
    const message = renderExpertReplied({
      expert,
      question: escalation.question,
      reply: typeof event.text === "string" ? event.text : "",
      ...(link.ok && typeof link.value.permalink === "string"
        ? { permalink: link.value.permalink }
        : {}),
    });
    const { origin } = escalation;
    await callSlack(deps.logger, "chat.postMessage", () =>
      origin.private || origin.threadTs === undefined
        ? client.chat.postMessage({ channel: escalation.asker, ...message })
        : client.chat.postMessage({
            channel: origin.channel,
            thread_ts: origin.threadTs,
            ...message,
          }),
    );
  };
}
