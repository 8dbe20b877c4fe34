import type { Escalation } from "../../conversations/escalations.js";
import type { ListenerDeps } from "../../deps.js";
import { callSlack } from "../../send/slack-call.js";
import { renderExpertReplied } from "../../views/escalation.js";
import type { EventArgs } from "../types.js";

/**
 * The request to an expert posted at `channel`/`threadTs`, if any. A store that cannot be read
 * (PostgreSQL down) is logged and counts as none: the message is then treated as any other.
 */
export async function findRequest(
  deps: Pick<ListenerDeps, "escalations" | "logger">,
  channel: string,
  threadTs: string,
): Promise<Escalation | undefined> {
  try {
    return await deps.escalations.byThread(channel, threadTs);
  } catch (error) {
    deps.logger.error(
      { event: "escalation_store_failed", err: error },
      "could not look up a request to an expert",
    );
    return undefined;
  }
}

/** True for a message in the thread of a request to an expert: this listener's, no one else's. */
export async function isEscalationThread(
  deps: Pick<ListenerDeps, "escalations" | "logger">,
  channel: unknown,
  threadTs: unknown,
): Promise<boolean> {
  return (
    typeof channel === "string" &&
    typeof threadTs === "string" &&
    (await findRequest(deps, channel, threadTs)) !== undefined
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
    const escalation = await findRequest(deps, channel, threadTs);
    if (escalation === undefined || escalation.status !== "open") return;
    // Of two replicas given the same reply, the one that moves it on tells the asker.
    if (!(await deps.escalations.advance(escalation.id, "answered"))) return;
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
