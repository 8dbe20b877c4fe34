import { randomBytes, randomUUID } from "node:crypto";
import type { JsonObject, SlackChannel, SlackUser } from "./types.js";

/** A message as the local Slack stores it, so updates, deletes and button presses can find it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  /** The author: a user id, or the bot's user id for the bot's messages. */
  user: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  /** Ephemeral messages are seen only by `visibleTo`. */
  ephemeral: boolean;
  visibleTo?: string;
  deleted: boolean;
}

export interface StoredView {
  id: string;
  type: "modal" | "home";
  /** The user who sees it. */
  user: string;
  view: JsonObject;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  external_id: string;
  /** True once the modal was closed or cleared. */
  closed: boolean;
}

/** Where a response URL posts to: the user and channel of the interaction, and what it may replace. */
export interface ResponseUrlTarget {
  id: string;
  user: string;
  channel: string;
  deliveryId: string;
  /** The message a `replace_original` / `delete_original` acts on (button presses only). */
  original?: { channel: string; ts: string };
  uses: number;
  createdAt: number;
}

export interface WorkspaceOptions {
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  users?: SlackUser[];
  channels?: SlackChannel[];
  /** How long a trigger id stays valid for `views.open` (Slack: 3 s). */
  triggerTtlMs?: number;
}

/** The workspace's people, channels, messages and views: plain state, no I/O. */
export class Workspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly triggerTtlMs: number;
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly views = new Map<string, StoredView>();
  readonly homeViews = new Map<string, string>();
  readonly triggers = new Map<string, { user: string; issuedAt: number }>();
  readonly responseUrls = new Map<string, ResponseUrlTarget>();
  private counter = 0;
  private lastTsMicros = 0;

  constructor(options: WorkspaceOptions = {}) {
    this.teamId = options.teamId ?? "T0LOCAL";
    this.teamDomain = options.teamDomain ?? "local-slack";
    this.appId = options.appId ?? "A0LOCAL";
    this.botUserId = options.botUserId ?? "U0BOT";
    this.botId = options.botId ?? "B0BOT";
    this.botName = options.botName ?? "handbook";
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    const users = options.users ?? [{ id: "U0DEV", name: "dev" }];
    for (const user of users) this.users.set(user.id, user);
    this.users.set(this.botUserId, { id: this.botUserId, name: this.botName });
    const channels = options.channels ?? [{ id: "C0GENERAL", name: "general", type: "channel" }];
    for (const channel of channels) this.channels.set(channel.id, channel);
  }

  next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** A message timestamp, unique and increasing like Slack's (`1712345678.000100`). */
  newTs(nowMs: number = Date.now()): string {
    const micros = Math.max(nowMs * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = String(Math.floor(micros % 1_000_000)).padStart(6, "0");
    return `${seconds}.${fraction}`;
  }

  newEnvelopeId(): string {
    return randomUUID();
  }

  newEventId(): string {
    return `Ev0LOCAL${String(this.next()).padStart(6, "0")}`;
  }

  newViewId(): string {
    return `V0LOCAL${String(this.next()).padStart(6, "0")}`;
  }

  newTrigger(user: string, nowMs: number = Date.now()): string {
    const id = `${this.next()}.${nowMs}.${randomBytes(8).toString("hex")}`;
    this.triggers.set(id, { user, issuedAt: nowMs });
    return id;
  }

  newResponseUrl(target: Omit<ResponseUrlTarget, "id" | "uses" | "createdAt">): ResponseUrlTarget {
    const id = `${this.teamId}/${this.next()}/${randomBytes(12).toString("hex")}`;
    const stored: ResponseUrlTarget = { ...target, id, uses: 0, createdAt: Date.now() };
    this.responseUrls.set(id, stored);
    return stored;
  }

  user(id: string): SlackUser {
    let user = this.users.get(id);
    if (!user) {
      user = { id, name: id.toLowerCase() };
      this.users.set(id, user);
    }
    return user;
  }

  /** The app's direct-message channel with a user, created on first use as Slack does. */
  imFor(userId: string): SlackChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === "im" && channel.user === userId) return channel;
    }
    const channel: SlackChannel = {
      id: `D${userId.replace(/^[UW]/, "")}`,
      name: "directmessage",
      type: "im",
      user: userId,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /**
   * A channel a user is known to be in: sending from a channel makes it exist. The bot is not
   * in a channel it was never added to (a slash command works there anyway); `joinBot` adds it,
   * as mentioning the bot does.
   */
  channel(id: string, joinBot = false): SlackChannel {
    let channel = this.channels.get(id);
    if (!channel) {
      const isDm = id.startsWith("D");
      channel = {
        id,
        name: id.toLowerCase(),
        type: isDm ? "im" : "channel",
        botIsMember: isDm || joinBot,
      };
      this.channels.set(id, channel);
    } else if (joinBot) {
      channel.botIsMember = true;
    }
    return channel;
  }

  /** Why the bot cannot post in `channel`, as Slack says it; undefined when it can. */
  postingError(channel: SlackChannel): string | undefined {
    if (channel.type === "im" || channel.botIsMember !== false) return undefined;
    return channel.isPrivate ? "channel_not_found" : "not_in_channel";
  }

  /** Resolves a `channel` argument as the Web API does: a channel id, or a user id for their DM. */
  resolveChannel(id: unknown): SlackChannel | undefined {
    if (typeof id !== "string" || id.length === 0) return undefined;
    const known = this.channels.get(id);
    if (known) return known;
    if (/^[UW]/.test(id) && this.users.has(id)) return this.imFor(id);
    return undefined;
  }

  storeMessage(message: Omit<StoredMessage, "deleted">): StoredMessage {
    const stored = { ...message, deleted: false };
    this.messages.set(messageKey(message.channel, message.ts), stored);
    return stored;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    const message = this.messages.get(messageKey(channel, ts));
    return message && !message.deleted ? message : undefined;
  }

  /** The visible replies in the thread started by `ts`, oldest first. */
  threadReplies(channel: string, ts: string): StoredMessage[] {
    return [...this.messages.values()]
      .filter(
        (m) =>
          m.channel === channel && m.thread_ts === ts && m.ts !== ts && !m.deleted && !m.ephemeral,
      )
      .sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;
  }

  /** The view object Slack returns and sends back in payloads: the app's view plus Slack's fields. */
  viewPayload(stored: StoredView, stateValues: JsonObject = {}): JsonObject {
    const { view } = stored;
    return {
      id: stored.id,
      team_id: this.teamId,
      type: stored.type,
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? "",
      callback_id: view.callback_id ?? "",
      state: { values: stateValues },
      hash: stored.hash,
      title: view.title ?? null,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: stored.previous_view_id,
      root_view_id: stored.root_view_id,
      app_id: this.appId,
      external_id: stored.external_id,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
  }
}

function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}
