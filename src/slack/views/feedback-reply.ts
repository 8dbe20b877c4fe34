import { mrkdwnSection } from "./blocks.js";
import { escapeText } from "./escape.js";
import type { SlackMessage } from "./types.js";

export interface FeedbackReplyInput {
  helpful: boolean;
  /** Title of the answer's document; absent when the section is gone from the handbook. */
  documentTitle?: string;
  /** The document's `owner` as written in its frontmatter, if any. */
  owner?: string;
  /** True when `owner` is a Slack id the bot has just notified. */
  ownerNotified: boolean;
}

/**
 * What the person who clicked 👍 / 👎 sees, privately. It says what happens next, and so depends
 * on the document: an owner the bot told, an owner named only by name, or nobody.
 */
export function renderFeedbackReply(input: FeedbackReplyInput): SlackMessage {
  const text = feedbackReplyText(input);
  return { text, blocks: [mrkdwnSection(`:pray: ${text}`)] };
}

function feedbackReplyText({
  helpful,
  documentTitle,
  owner,
  ownerNotified,
}: FeedbackReplyInput): string {
  if (helpful) return "Thanks for the feedback, glad it helped.";
  const title = documentTitle === undefined ? undefined : `“${escapeText(documentTitle)}”`;
  if (ownerNotified && owner !== undefined) {
    return `Thanks for the feedback. I have told <@${escapeText(owner)}>, who owns ${title ?? "this document"}, so they can improve it. Meanwhile, try rephrasing your question.`;
  }
  if (owner !== undefined && owner.trim() !== "") {
    return `Thanks for the feedback. ${title ?? "This document"} is looked after by ${escapeText(owner)}: ask them, or try rephrasing your question.`;
  }
  return `Thanks for the feedback, it is logged for whoever maintains the handbook. ${title ?? "This document"} has no owner listed, so try rephrasing your question, or ask in your team's channel.`;
}
