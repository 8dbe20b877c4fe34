import { FEEDBACK_BLOCK_ID } from "./answer.js";
import { mrkdwnContext, mrkdwnSection } from "./blocks.js";
import type { ContextBlock, KnownBlock, SlackMessage } from "./types.js";

const APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment.";

/** What the user sees when a listener fails; the details go to the log, not to Slack. */
export function renderApology(): SlackMessage {
  return { text: APOLOGY, blocks: [mrkdwnSection(`:warning: ${APOLOGY}`)] };
}

/** The thank-you that replaces the feedback buttons (same `block_id`). */
export function renderFeedbackThanks(helpful: boolean): ContextBlock {
  const block = mrkdwnContext(
    helpful
      ? ":pray: Thanks for the feedback, glad it helped."
      : ":pray: Thanks for the feedback. Try rephrasing, or ask the document owner.",
  );
  block.block_id = FEEDBACK_BLOCK_ID;
  return block;
}

/** `blocks` with the feedback buttons swapped for the thank-you; other blocks untouched. */
export function replaceFeedbackBlock(
  blocks: readonly KnownBlock[],
  helpful: boolean,
): KnownBlock[] {
  return blocks.map((b) => (b.block_id === FEEDBACK_BLOCK_ID ? renderFeedbackThanks(helpful) : b));
}
