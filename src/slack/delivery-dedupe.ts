import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { AppLogger } from "../logger.js";
import type { Dedupe } from "./dedupe.js";

/**
 * The identity of one Events API delivery: its `event_id`, or for a payload without one,
 * the conversation and timestamp of the event. Undefined for anything that is not an event
 * (commands and interactions are never redelivered).
 */
export function eventDeliveryKey(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const {
    type,
    event_id: eventId,
    event,
  } = body as {
    type?: unknown;
    event_id?: unknown;
    event?: Record<string, unknown>;
  };
  if (type !== "event_callback") return undefined;
  if (typeof eventId === "string" && eventId !== "") return eventId;
  if (event === undefined) return undefined;
  const where = event.channel ?? event.user ?? "";
  const when = event.event_ts ?? event.ts;
  return typeof when === "string" ? `${event.type}:${String(where)}:${when}` : undefined;
}

/**
 * Global middleware that lets each event through once. Slack redelivers an event it thinks
 * was not acknowledged in time (`X-Slack-Retry-Num` over HTTP, `retry_attempt` in Socket
 * Mode); Bolt has already acknowledged the redelivery before middleware runs, so dropping it
 * here means "acknowledged, not answered twice".
 */
export function createDeliveryDedupe(
  dedupe: Dedupe,
  logger: AppLogger,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const key = eventDeliveryKey(body);
    if (key !== undefined && !dedupe.firstSeen(key)) {
      logger.info(
        {
          event: "duplicate_delivery",
          key,
          retryNum: context.retryNum,
          retryReason: context.retryReason,
        },
        "event already handled; not answering again",
      );
      return;
    }
    await next();
  };
}
