import type { Escalation } from "../../conversations/escalations.js";
import type { ListenerDeps } from "../../deps.js";
import { escalationChannelFor, ownerFor, teamOf } from "../../document-owner.js";
import { isOwnerId } from "../../replies/owner-notice.js";
import { findSection } from "../../replies/section-answer.js";
import { callSlack } from "../../send/slack-call.js";
import { decodeActionValue } from "../../views/actions.js";
import { renderApology } from "../../views/apology.js";
import {
  renderEscalationRequest,
  renderEscalationSent,
  renderNoExpert,
} from "../../views/escalation.js";
import { readActionOrigin, readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * "Ask an expert" under an answer or a no-answer: the question, who asked, a link to where, and
 * what the bot found go to the document's owner in this workspace (document-owner.ts), or else
 * to the workspace's escalation channel (its own, or ESCALATION_CHANNEL); the expert
 * answers in that message's thread (escalation-reply.ts tells the asker). The asker is told,
 * privately, who was asked. Logged as an `escalation` line, which `gaps` lists.
 */
export function createAskExpertListener(deps: ListenerDeps) {
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
    const origin = readActionOrigin(body);
    if (choice === undefined || choice.query.trim() === "" || origin.channelId === undefined) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id },
        "unusable ask-an-expert",
      );
      return;
    }
    const tell = (message: ReturnType<typeof renderNoExpert>) =>
      callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "ephemeral", replace_original: false, ...message }),
      );
    const section = findSection(deps.knowledge.current().base, choice.sectionId);
    const team = teamOf(context);
    const owner = section === undefined ? undefined : await ownerFor(deps, team, section.document);
    const to = isOwnerId(owner) ? owner : await escalationChannelFor(deps, team);
    const asker = body.user.id;
    if (to === undefined) {
      deps.logger.info(
        { event: "escalation_unavailable", sectionId: section?.id ?? null, user: asker },
        "no owner and no escalation channel to ask",
      );
      await tell(renderNoExpert());
      return;
    }

    const channel = origin.channelId;
    const isPrivate = origin.ephemeral || channel.startsWith("D");
    // A public answer is answered in its thread (or starts one); a private one by DM.
    const threadTs = isPrivate ? undefined : (origin.threadTs ?? origin.messageTs);
    let permalink: string | undefined;
    if (!isPrivate && origin.messageTs !== undefined) {
      const messageTs = origin.messageTs;
      const link = await callSlack(deps.logger, "chat.getPermalink", () =>
        client.chat.getPermalink({ channel, message_ts: messageTs }),
      );
      if (link.ok && typeof link.value.permalink === "string") permalink = link.value.permalink;
    }
    let escalation: Escalation;
    try {
      escalation = await deps.escalations.open({
        ...(team !== undefined && { teamId: team }),
        asker,
        question: choice.query,
        ...(section !== undefined ? { sectionId: section.id } : {}),
        origin: { channel, private: isPrivate, ...(threadTs !== undefined ? { threadTs } : {}) },
        to,
      });
    } catch (error) {
      // Nothing was sent: a request whose reply could not be relayed would be a dead end.
      deps.logger.error(
        { event: "escalation_store_failed", err: error },
        "could not record a request to an expert",
      );
      await tell(renderApology());
      return;
    }
    const posted = await callSlack(deps.logger, "chat.postMessage", () =>
      client.chat.postMessage({
        channel: to,
        ...renderEscalationRequest({
          id: escalation.id,
          question: choice.query,
          asker,
          where: { channel, private: isPrivate, ...(permalink ? { permalink } : {}) },
          ...(section !== undefined ? { section } : {}),
          docsBaseUrl: deps.docsBaseUrl,
          ...(owner !== undefined ? { owner } : {}),
        }),
      }),
    );
    if (!posted.ok || typeof posted.value.ts !== "string") {
      await tell(renderApology());
      return;
    }
    // Posting to a user id lands in the bot's DM with them: Slack answers with that channel.
    const postedChannel = typeof posted.value.channel === "string" ? posted.value.channel : to;
    await deps.escalations.posted(escalation.id, postedChannel, posted.value.ts);
    deps.logger.info(
      {
        event: "escalation",
        status: "open",
        id: escalation.id,
        query: choice.query,
        sectionId: section?.id ?? null,
        user: asker,
        to,
      },
      "question sent to an expert",
    );
    await tell(renderEscalationSent(to, isPrivate));
  };
}
