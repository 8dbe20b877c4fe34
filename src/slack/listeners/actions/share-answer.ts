import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { renderSectionAnswer } from "../../replies/section-answer.js";
import { callSlack, logSlackError, slackErrorCode } from "../../send/slack-call.js";
import { decodeActionValue } from "../../views/actions.js";
import { renderApology } from "../../views/apology.js";
import type { SlackMessage } from "../../views/types.js";
import { readActionOrigin, readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/** Codes meaning the bot cannot post in that conversation itself (a private channel, a DM). */
const CANNOT_POST_HERE = new Set(["not_in_channel", "channel_not_found"]);

/**
 * "Share in channel" on an ephemeral answer: posts the same answer for everyone, marked
 * "shared by @user", then deletes the private copy. Where the bot cannot post (a private
 * channel or a DM it is not in) the answer goes out through the interaction's `response_url`
 * instead, which Slack accepts in any conversation the command was used in.
 */
export function createShareAnswerListener(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
    context,
  }: BlockActionArgs): Promise<void> => {
    await ack();
    const choice = decodeActionValue(readValue(action));
    const { channelId } = readActionOrigin(body);
    if (choice === undefined || channelId === undefined) {
      deps.logger.warn({ event: "ignored_action", actionId: action.action_id }, "unusable share");
      return;
    }
    const apologize = () =>
      callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "ephemeral", replace_original: false, ...renderApology() }),
      );
    let message: SlackMessage;
    const replyCtx = await replyContext(deps, teamOf(context));
    try {
      message = renderSectionAnswer(deps.knowledge.current(), choice, {
        ...replyCtx,
        sharedBy: body.user.id,
      });
    } catch (error) {
      deps.logger.error(
        { event: "reply_failed", err: error },
        "could not compose the shared answer",
      );
      await apologize();
      return;
    }

    let shared = false;
    try {
      const posted = await client.chat.postMessage({ channel: channelId, ...message });
      shared = true;
      // Replies under the shared answer are a conversation about it: the bot follows them.
      if (typeof posted.ts === "string") deps.threads.remember(channelId, posted.ts, choice.query);
    } catch (error) {
      const code = slackErrorCode(error);
      if (!CANNOT_POST_HERE.has(code)) {
        logSlackError(deps.logger, "chat.postMessage", error);
        await apologize();
        return;
      }
      deps.logger.info(
        { event: "share_fallback", code },
        "bot cannot post here; sharing via response_url",
      );
    }
    if (!shared) {
      const posted = await callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "in_channel", replace_original: false, ...message }),
      );
      if (!posted.ok) {
        await apologize();
        return;
      }
    }
    await callSlack(deps.logger, "response_url", () => respond({ delete_original: true }));
  };
}
