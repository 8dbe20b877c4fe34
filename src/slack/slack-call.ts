import type { AppLogger } from "../logger.js";

/**
 * The short code that identifies a failed Slack call: the Web API's own error
 * (`channel_not_found`, `not_in_channel`, …) when Slack answered, otherwise the client's
 * error code (`slack_webapi_request_error`, `slack_bolt_respond_error`, …).
 */
export function slackErrorCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { data, code } = error as { data?: { error?: unknown }; code?: unknown };
    if (typeof data?.error === "string") return data.error;
    if (typeof code === "string") return code;
  }
  return "unknown_error";
}

/** Logs a failed Slack call with its method and error code, in one searchable shape. */
export function logSlackError(logger: AppLogger, method: string, error: unknown): void {
  logger.error(
    { event: "slack_api_error", method, code: slackErrorCode(error), err: error },
    `Slack call ${method} failed`,
  );
}

/**
 * Runs one Slack call. A failure is logged (method and code) and turned into `undefined`,
 * so a listener can fall back to an apology instead of throwing out of Bolt.
 */
export async function callSlack<T>(
  logger: AppLogger,
  method: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    logSlackError(logger, method, error);
    return undefined;
  }
}
