/**
 * Shapes shared by the local Slack's parts: what it records, and how a test steers it.
 * The local Slack is a development tool; nothing in the bot imports it.
 */

/** A JSON object as Slack sends and receives it. */
export type JsonObject = Record<string, unknown>;

/** One call the bot made to the local Slack: a Web API method, a response_url post, or an ack body. */
export interface RecordedCall {
  /** 1-based, in arrival order across the whole session (survives `reset()`). */
  seq: number;
  /**
   * The Web API method (`chat.postMessage`), `response_url` for a post to a response URL,
   * or `ack_response` for a slash command acknowledged with a message (Slack shows it ephemerally).
   */
  method: string;
  /** Arguments as Slack parsed them: form fields with JSON-typed fields (blocks, view…) decoded. */
  args: JsonObject;
  /** The token the call carried (bearer header or `token` field), if any. */
  token?: string;
  /** Wall clock (ms since epoch). */
  time: number;
  /** Monotonic clock (`performance.now()`), for latency measurements. */
  at: number;
  /** HTTP status the local Slack answered with. */
  status: number;
  /** The body the local Slack answered with. */
  response: JsonObject;
  /** For `response_url` and `ack_response`: where the interaction that produced it came from. */
  origin?: InteractionOrigin;
  /** The message or view this call created or changed, if any: what a user would see. */
  surface?: Surface;
}

/** A message or view a user sees. */
export type Surface =
  | { kind: "message"; channel: string; ts: string; ephemeral: boolean; user?: string }
  | { kind: "view"; id: string; type: "modal" | "home"; user: string };

/** The user, channel and delivery an ephemeral response belongs to. */
export interface InteractionOrigin {
  user: string;
  channel?: string;
  /** The id of the response URL (`/response/<id>`), when there is one. */
  responseUrlId?: string;
  /** The delivery (envelope id, or a generated id in HTTP mode) that carried the interaction. */
  deliveryId: string;
}

/** How a payload reached the bot. */
export type Transport = "socket" | "http";

/** Envelope types of Socket Mode, and their HTTP equivalents. */
export type DeliveryType = "slash_commands" | "events_api" | "interactive";

/** The bot's acknowledgement of one delivery. */
export interface RecordedAck {
  /** Envelope id (Socket Mode), or a generated id for an HTTP delivery. */
  deliveryId: string;
  type: DeliveryType;
  transport: Transport;
  /** HTTP status of the bot's answer; 200 for a Socket Mode ack. */
  status: number;
  /** The ack's payload (Socket Mode) or parsed response body (HTTP); `{}` when empty. */
  payload: JsonObject;
  /** `performance.now()` when the local Slack sent the delivery. */
  sentAt: number;
  /** `performance.now()` when the ack arrived. */
  ackedAt: number;
  /** `ackedAt - sentAt`. */
  ms: number;
}

/** What a `send…` call resolves with once the bot has acknowledged it. */
export interface Delivery {
  id: string;
  type: DeliveryType;
  transport: Transport;
  /** The payload as the bot received it (inside the Socket Mode envelope, or before form encoding). */
  payload: JsonObject;
  ack: RecordedAck;
  /** The response URL given with the payload (slash commands, message actions). */
  responseUrl?: string;
  /** The trigger id given with the payload, valid for `views.open` for a few seconds. */
  triggerId?: string;
  /** `event_id` of an Events API delivery, to send a retry of the same event. */
  eventId?: string;
}

/** How the next call(s) to a method fail. */
export interface FailureSpec {
  /** Slack error code for an `ok:false` answer (`ratelimited` answers HTTP 429). */
  error?: string;
  /** Seconds, sent as `Retry-After` (implies `error: "ratelimited"` and HTTP 429). */
  retryAfter?: number;
  /** An HTTP status to answer with instead of 200 (e.g. 500, with a plain-text body). */
  status?: number;
  /** How many consecutive calls fail (default 1). */
  times?: number;
}

/** A query for `waitFor`/`find`: a predicate, or a method plus argument values to match. */
export type CallQuery =
  | ((call: RecordedCall) => boolean)
  | ({ method?: string | readonly string[] } & Record<string, unknown>);

export interface SlackUser {
  id: string;
  name: string;
  /** A workspace admin (`users.info` → `is_admin`). */
  isAdmin?: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
  /** `im` for a direct message with the app. */
  type: "channel" | "im";
  /** For an `im`: the user the app talks to. */
  user?: string;
  /**
   * Whether the bot was added to the channel (default true). The bot's `chat:write` scope
   * posts only where it is a member: elsewhere Slack answers `not_in_channel`, or
   * `channel_not_found` for a private channel.
   */
  botIsMember?: boolean;
  isPrivate?: boolean;
  /** Who created the channel (`conversations.info` → `creator`). */
  creator?: string;
}
