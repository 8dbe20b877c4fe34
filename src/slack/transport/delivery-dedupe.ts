import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { AppLogger } from "../../logger.js";

/** What the delivery-dedupe middleware needs: in-process (`Dedupe`) or shared by replicas. */
export interface DeliveryMemory {
  firstSeen(key: string): boolean | Promise<boolean>;
}

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
 * The identity of one interaction or slash command: its `trigger_id`, unique per user action.
 * Over Socket Mode an envelope not acknowledged in time is sent again, possibly to another
 * connection; HTTP interactions are not retried, so a repeat there is a replay.
 */
export function interactionDeliveryKey(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { type, command, trigger_id: triggerId } = body as Record<string, unknown>;
  if (typeof triggerId !== "string" || triggerId === "") return undefined;
  if (typeof command === "string") return `command:${triggerId}`;
  return typeof type === "string" && type !== "event_callback" ? `${type}:${triggerId}` : undefined;
}

/** `app:team:` before a key, so deliveries of several apps and workspaces never collide. */
function scopeOf(body: unknown): string {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const team = fields.team_id ?? (fields.team as { id?: unknown } | undefined)?.id;
  return `${String(fields.api_app_id ?? "")}:${String(team ?? "")}:`;
}

/**
 * Global middleware that lets each event through once. Slack redelivers an event it thinks
 * was not acknowledged in time (`X-Slack-Retry-Num` over HTTP, `retry_attempt` in Socket
 * Mode); Bolt has already acknowledged the redelivery before middleware runs, so dropping it
 * here means "acknowledged, not answered twice".
 */
export function createDeliveryDedupe(
  dedupe: DeliveryMemory,
  logger: AppLogger,
  options: { interactions?: boolean } = {},
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const delivery =
      eventDeliveryKey(body) ?? (options.interactions ? interactionDeliveryKey(body) : undefined);
    const key = delivery === undefined ? undefined : `${scopeOf(body)}${delivery}`;
    if (key !== undefined && !(await dedupe.firstSeen(key))) {
      logger.info(
        {
          event: "duplicate_delivery",
          key: delivery,
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
