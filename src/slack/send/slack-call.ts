import type { AppLogger } from "../../logger.js";

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

export type SlackCallResult<T> = { ok: true; value: T } | { ok: false; code: string };

/**
 * Runs one Slack call. A failure is logged (method and code) and returned as a value, so a
 * listener can fall back to an apology instead of throwing out of Bolt.
 */
export async function callSlack<T>(
  logger: AppLogger,
  method: string,
  call: () => Promise<T>,
): Promise<SlackCallResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    logSlackError(logger, method, error);
    return { ok: false, code: slackErrorCode(error) };
  }
}
