import { mrkdwnSection } from "./blocks.js";
import type { SlackMessage } from "./types.js";

const APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment.";

/** What the user sees when a listener fails; the details go to the log, not to Slack. */
export function renderApology(): SlackMessage {
  return { text: APOLOGY, blocks: [mrkdwnSection(`:warning: ${APOLOGY}`)] };
}
