import type { Section } from "../../corpus/types.js";
import { ActionId } from "./actions.js";
import { actions, button, echoText, mrkdwnContext, mrkdwnSection, oneLine } from "./blocks.js";
import { escapeText } from "./escape.js";
import { truncate } from "./limits.js";
import { ownerMention, slackLink, sourceLine } from "./source.js";
import type { SlackMessage } from "./types.js";

/** `block_id` of the "Mark resolved" button under a request to an expert. */
export const ESCALATION_ACTIONS_BLOCK_ID = "escalation_actions";
/** How much of an expert's reply is quoted to the asker; the link leads to the rest. */
const QUOTED_REPLY_CHARS = 500;

export interface EscalationRequestInput {
  id: string;
  question: string;
  asker: string;
  /** The channel the question was asked in, and a permalink to it when Slack gives one. */
  where: { channel: string; permalink?: string; private: boolean };
  /** The section the bot offered; undefined when it had no answer. */
  section?: Section;
  docsBaseUrl?: string;
  /** The document's owner in this workspace (document-owner.ts), named on the source line. */
  owner?: string;
}

/**
 * What the expert (a document's owner, or the escalation channel) receives: the question, who
 * asked and where, what the bot found, and how to answer: in this message's thread.
 */
export function renderEscalationRequest(input: EscalationRequestInput): SlackMessage {
  const { question, asker, where, section } = input;
  const place = where.private
    ? "privately"
    : where.permalink
      ? `in ${slackLink(where.permalink, "this conversation")}`
      : `in <#${escapeText(where.channel)}>`;
  const found = section
    ? `*The handbook offered:* ${sourceLine(section, input.docsBaseUrl, undefined, () => input.owner)}`
    : "*The handbook had no answer.*";
  return {
    text: `${ownerMention(asker)} needs an expert: “${echoText(question)}”`,
    blocks: [
      mrkdwnSection(
        `:raising_hand: ${ownerMention(asker)} asked ${place} and would like a person to answer.\n*Question:* “${echoText(question)}”`,
      ),
      mrkdwnContext(found),
      mrkdwnContext(
        `Reply in this message's thread: I will tell ${ownerMention(asker)} when you do.`,
      ),
      ...actions(
        [button({ label: "Mark resolved", actionId: ActionId.resolveEscalation, value: input.id })],
        ESCALATION_ACTIONS_BLOCK_ID,
      ),
    ],
  };
}

/** What the asker sees, privately, once the request is on its way. */
export function renderEscalationSent(to: string, privately: boolean): SlackMessage {
  const text = `I have asked ${ownerMention(to)}. I will tell you ${privately ? "in a direct message" : "in this thread"} when they reply.`;
  return { text, blocks: [mrkdwnSection(`:raising_hand: ${text}`)] };
}

/** When there is nobody to ask: no owner on the document, and no escalation channel set up. */
export function renderNoExpert(): SlackMessage {
  const text =
    "There is no expert to ask for this one: the document names no owner and no escalation channel is set up. Try asking in your team's channel.";
  return { text, blocks: [mrkdwnSection(`:thinking_face: ${text}`)] };
}

/** The asker is told an expert replied: who, to what, a quote and a link to the reply. */
export function renderExpertReplied(input: {
  expert: string;
  question: string;
  reply: string;
  permalink?: string;
}): SlackMessage {
  const quote = escapeText(truncate(oneLine(input.reply), QUOTED_REPLY_CHARS));
  const link = input.permalink ? ` ${slackLink(input.permalink, "See the reply")}` : "";
  const text = `${ownerMention(input.expert)} replied to your question “${echoText(input.question)}”.`;
  return {
    text,
    blocks: [
      mrkdwnSection(`:speech_balloon: ${text}${link}`),
      ...(quote ? [mrkdwnSection(`> ${quote}`)] : []),
    ],
  };
}

/** Posted in the request's thread when someone marks it resolved. */
export function renderEscalationResolved(by: string): SlackMessage {
  const text = `Marked resolved by ${ownerMention(by)}.`;
  return { text, blocks: [mrkdwnContext(`:white_check_mark: ${text}`)] };
}
