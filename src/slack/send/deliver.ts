import type { AppLogger } from "../../logger.js";
import { renderApology } from "../views/apology.js";
import type { SlackMessage } from "../views/types.js";
import { logSlackError } from "./slack-call.js";

export interface DeliverInput {
  logger: AppLogger;
  /** The Slack method `send` calls, for the log line when it fails. */
  method: string;
  /** Builds the reply; a throw here (a bug, a broken section) becomes the apology. */
  compose: () => SlackMessage | Promise<SlackMessage>;
  /** The one Slack call that delivers a message to the asker. */
  send: (message: SlackMessage) => Promise<unknown>;
}

/**
 * Composes a reply and sends it; on any failure the asker gets the short apology through the
 * same channel when Slack still accepts it (a rejected payload, say), and the failure is
 * logged with its method and code. Never throws, so one bad request cannot stop the bot.
 * Returns whether the composed reply was delivered.
 */
export async function deliverReply({
  logger,
  method,
  compose,
  send,
}: DeliverInput): Promise<boolean> {
  let message: SlackMessage;
  try {
    message = await compose();
  } catch (error) {
    logger.error({ event: "reply_failed", err: error }, "could not compose a reply");
    await sendApology(logger, method, send);
    return false;
  }
  try {
    await send(message);
    return true;
  } catch (error) {
    logSlackError(logger, method, error);
  }
  await sendApology(logger, method, send);
  return false;
}

async function sendApology(
  logger: AppLogger,
  method: string,
  send: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  try {
    await send(renderApology());
  } catch (error) {
    logSlackError(logger, method, error);
  }
}
