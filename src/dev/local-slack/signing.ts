import { createHmac } from "node:crypto";

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signRequest(signingSecret: string, timestampSec: number, body: string): string {
  const digest = createHmac("sha256", signingSecret)
    .update(`v0:${timestampSec}:${body}`)
    .digest("hex");
  return `v0=${digest}`;
}

export interface SignedHeadersOptions {
  /** Seconds since epoch; defaults to now. A value older than 5 minutes is "stale" to Bolt. */
  timestampSec?: number;
  /** Send this signature instead of the right one (to test rejection). */
  signature?: string;
  /** `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`, as Slack sends on redelivery. */
  retryNum?: number;
  retryReason?: string;
}

/** The headers Slack sends with a request to an app's Request URL. */
export function signedHeaders(
  signingSecret: string,
  body: string,
  contentType: string,
  options: SignedHeadersOptions = {},
  nowMs: number = Date.now(),
): Record<string, string> {
  // Slack sends a redelivery seconds after the first try (3 s at the least, for a timeout) and
  // signs it then, so its timestamp and signature differ from the original's; the fake sends it
  // at once, so it dates it later as Slack would, or it would be the same bytes replayed.
  const timestampSec =
    options.timestampSec ?? Math.floor(nowMs / 1000) + 3 * (options.retryNum ?? 0);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(timestampSec),
    "x-slack-signature": options.signature ?? signRequest(signingSecret, timestampSec, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  return headers;
}
