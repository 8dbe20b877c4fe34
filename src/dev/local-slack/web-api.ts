import { checkMessageBlocks, checkView, formatProblems } from "./block-kit.js";
import type { JsonObject, SlackChannel, Surface } from "./types.js";
import type { StoredMessage, StoredView, Workspace } from "./workspace.js";

/** What a Web API method answers: Slack always answers 200 with `ok`, except where noted. */
export interface MethodResult {
  status: number;
  body: JsonObject;
  /** What the call created or changed, for the recorder and for button presses. */
  surface?: Surface;
}

export interface Credentials {
  botToken: string;
  appToken: string;
}

/** Methods that take an app-level token (`xapp-`); every other method takes the bot token. */
const APP_TOKEN_METHODS = new Set(["apps.connections.open"]);

function ok(body: JsonObject = {}, surface?: Surface): MethodResult {
  return surface
    ? { status: 200, body: { ok: true, ...body }, surface }
    : { status: 200, body: { ok: true, ...body } };
}

function fail(error: string, extra: JsonObject = {}): MethodResult {
  return { status: 200, body: { ok: false, error, ...extra } };
}

function invalid(problems: string[], error = "invalid_blocks"): MethodResult {
  return fail(error, { response_metadata: { messages: problems } });
}

/** Checks the token the way Slack does: missing, unknown, or of the wrong kind for the method. */
export function authenticate(
  method: string,
  token: string | undefined,
  credentials: Credentials,
): MethodResult | undefined {
  if (!token) return fail("not_authed");
  const wantsApp = APP_TOKEN_METHODS.has(method);
  if (token === credentials.appToken) {
    return wantsApp ? undefined : fail("not_allowed_token_type");
  }
  if (token === credentials.botToken) {
    return wantsApp ? fail("not_allowed_token_type") : undefined;
  }
  return fail("invalid_auth");
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function hasContent(args: JsonObject): boolean {
  return (
    str(args.text) !== undefined ||
    (Array.isArray(args.blocks) && args.blocks.length > 0) ||
    (Array.isArray(args.attachments) && args.attachments.length > 0)
  );
}

/** Checks a message's content; returns the failure to answer with, if any. */
function checkMessage(args: JsonObject): MethodResult | undefined {
  if (!hasContent(args)) return fail("no_text");
  if (args.blocks !== undefined) {
    const problems = checkMessageBlocks(args.blocks);
    if (problems.length > 0) return invalid(formatProblems(problems));
  }
  return undefined;
}

function parseView(args: JsonObject): JsonObject | MethodResult {
  const view = args.view;
  if (typeof view !== "object" || view === null || Array.isArray(view)) {
    return fail("invalid_arguments", {
      response_metadata: { messages: ["[ERROR] missing required field: view"] },
    });
  }
  const problems = checkView(view);
  if (problems.length > 0) return invalid(formatProblems(problems), "invalid_arguments");
  return view as JsonObject;
}

function isResult<T extends object>(value: T | MethodResult): value is MethodResult {
  return "status" in value && "body" in value;
}

/** The channel a chat.post* call names, or Slack's error when the bot cannot post there. */
function postableChannel(w: Workspace, args: JsonObject): SlackChannel | MethodResult {
  const channel = w.resolveChannel(args.channel);
  if (!channel) return fail("channel_not_found");
  const cannotPost = w.postingError(channel);
  return cannotPost ? fail(cannotPost) : channel;
}

/** Stores what a chat.post* call posted, as the bot. */
function storeBotMessage(
  w: Workspace,
  channel: SlackChannel,
  args: JsonObject,
  ts: string,
  extra: Pick<StoredMessage, "ephemeral" | "thread_ts" | "visibleTo">,
): void {
  w.storeMessage({
    channel: channel.id,
    ts,
    user: w.botUserId,
    bot_id: w.botId,
    text: typeof args.text === "string" ? args.text : "",
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...extra,
  });
}

/** The bot's own visible message a chat.update/chat.delete call names, or Slack's error. */
function botMessage(
  w: Workspace,
  args: JsonObject,
  notOwnError: string,
): { channel: SlackChannel; message: StoredMessage } | MethodResult {
  const channel = w.resolveChannel(args.channel);
  if (!channel) return fail("channel_not_found");
  const message = w.findMessage(channel.id, String(args.ts ?? ""));
  if (!message || message.ephemeral) return fail("message_not_found");
  if (message.user !== w.botUserId) return fail(notOwnError);
  return { channel, message };
}

function messageBody(workspace: Workspace, args: JsonObject, ts: string): JsonObject {
  return {
    type: "message",
    subtype: "bot_message",
    text: typeof args.text === "string" ? args.text : "",
    user: workspace.botUserId,
    bot_id: workspace.botId,
    app_id: workspace.appId,
    team: workspace.teamId,
    ts,
    ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
    ...(str(args.thread_ts) ? { thread_ts: args.thread_ts } : {}),
  };
}

function checkTrigger(
  workspace: Workspace,
  triggerId: unknown,
  nowMs: number,
): MethodResult | undefined {
  const trigger = typeof triggerId === "string" ? workspace.triggers.get(triggerId) : undefined;
  if (!trigger) return fail("invalid_trigger_id");
  if (nowMs - trigger.issuedAt > workspace.triggerTtlMs) return fail("expired_trigger_id");
  return undefined;
}

function openView(
  workspace: Workspace,
  args: JsonObject,
  nowMs: number,
  previous: StoredView | undefined,
): MethodResult {
  const triggerFailure = checkTrigger(workspace, args.trigger_id, nowMs);
  if (triggerFailure) return triggerFailure;
  const view = parseView(args);
  if (isResult(view)) return view;
  if (view.type !== "modal") {
    return invalid(["[ERROR] must be modal [json-pointer:/view/type]"], "invalid_arguments");
  }
  const trigger = workspace.triggers.get(String(args.trigger_id));
  const id = workspace.newViewId();
  const stored: StoredView = {
    id,
    type: "modal",
    user: trigger?.user ?? "",
    view,
    hash: workspace.newHash(),
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.id ?? null,
    external_id: typeof view.external_id === "string" ? view.external_id : "",
    closed: false,
  };
  workspace.views.set(id, stored);
  return ok(
    { view: workspace.viewPayload(stored) },
    { kind: "view", id, type: "modal", user: stored.user },
  );
}

function findView(workspace: Workspace, args: JsonObject): StoredView | undefined {
  const viewId = str(args.view_id);
  if (viewId) return workspace.views.get(viewId);
  const externalId = str(args.external_id);
  if (!externalId) return undefined;
  for (const view of workspace.views.values()) {
    if (view.external_id === externalId) return view;
  }
  return undefined;
}

type Handler = (workspace: Workspace, args: JsonObject, nowMs: number) => MethodResult;

const HANDLERS: Record<string, Handler> = {
  "api.test": (_w, args) => ok({ args }),

  "auth.test": (w) =>
    ok({
      url: `https://${w.teamDomain}.slack.com/`,
      team: "Local Slack",
      user: w.botName,
      team_id: w.teamId,
      user_id: w.botUserId,
      bot_id: w.botId,
      is_enterprise_install: false,
    }),

  "chat.postMessage": (w, args, nowMs) => {
    const channel = postableChannel(w, args);
    if (isResult(channel)) return channel;
    const problem = checkMessage(args);
    if (problem) return problem;
    const ts = w.newTs(nowMs);
    storeBotMessage(w, channel, args, ts, {
      ...(str(args.thread_ts) ? { thread_ts: String(args.thread_ts) } : {}),
      ephemeral: false,
    });
    return ok(
      { channel: channel.id, ts, message: messageBody(w, args, ts) },
      { kind: "message", channel: channel.id, ts, ephemeral: false },
    );
  },

  "chat.postEphemeral": (w, args, nowMs) => {
    const channel = postableChannel(w, args);
    if (isResult(channel)) return channel;
    const user = str(args.user);
    if (!user || !w.users.has(user)) return fail("user_not_in_channel");
    const problem = checkMessage(args);
    if (problem) return problem;
    const ts = w.newTs(nowMs);
    storeBotMessage(w, channel, args, ts, { ephemeral: true, visibleTo: user });
    return ok(
      { message_ts: ts },
      { kind: "message", channel: channel.id, ts, ephemeral: true, user },
    );
  },

  "chat.update": (w, args) => {
    const found = botMessage(w, args, "cant_update_message");
    if (isResult(found)) return found;
    const { channel, message } = found;
    const problem = checkMessage(args);
    if (problem) return problem;
    message.text = typeof args.text === "string" ? args.text : "";
    if (Array.isArray(args.blocks)) message.blocks = args.blocks;
    return ok(
      {
        channel: channel.id,
        ts: message.ts,
        text: message.text,
        message: messageBody(w, args, message.ts),
      },
      { kind: "message", channel: channel.id, ts: message.ts, ephemeral: false },
    );
  },

  "chat.delete": (w, args) => {
    const found = botMessage(w, args, "cant_delete_message");
    if (isResult(found)) return found;
    const { channel, message } = found;
    message.deleted = true;
    return ok({ channel: channel.id, ts: message.ts });
  },

  // A preview of links in a posted message (channel + ts) or in the composer (unfurl_id +
  // source); each URL's preview is checked as message blocks are.
  "chat.unfurl": (w, args) => {
    const byMessage = args.channel !== undefined || args.ts !== undefined;
    if (byMessage) {
      const channel = w.resolveChannel(args.channel);
      if (!channel) return fail("channel_not_found");
      if (!w.findMessage(channel.id, String(args.ts ?? ""))) return fail("cannot_unfurl_message");
    } else if (typeof args.unfurl_id !== "string" || typeof args.source !== "string") {
      return fail("invalid_arguments");
    }
    const unfurls = args.unfurls;
    if (typeof unfurls !== "object" || unfurls === null || Array.isArray(unfurls))
      return fail("invalid_unfurls");
    for (const preview of Object.values(unfurls as JsonObject)) {
      const blocks = (preview as JsonObject | null)?.blocks;
      if (blocks === undefined) continue;
      const problems = checkMessageBlocks(blocks);
      if (problems.length > 0) return invalid(formatProblems(problems));
    }
    return ok({});
  },

  "chat.getPermalink": (w, args) => {
    const channel = w.resolveChannel(args.channel);
    if (!channel) return fail("channel_not_found");
    const ts = String(args.message_ts ?? "");
    if (!w.findMessage(channel.id, ts)) return fail("message_not_found");
    return ok({
      channel: channel.id,
      permalink: `https://${w.teamDomain}.slack.com/archives/${channel.id}/p${ts.replace(".", "")}`,
    });
  },

  "views.open": (w, args, nowMs) => openView(w, args, nowMs, undefined),

  "views.push": (w, args, nowMs) => {
    const top = [...w.views.values()].reverse().find((v) => v.type === "modal" && !v.closed);
    if (!top) return fail("not_found");
    return openView(w, args, nowMs, top);
  },

  "views.update": (w, args) => {
    const stored = findView(w, args);
    if (!stored || stored.closed) return fail("not_found");
    const hash = str(args.hash);
    if (hash && hash !== stored.hash) return fail("hash_conflict");
    const view = parseView(args);
    if (isResult(view)) return view;
    if (view.type !== stored.type) {
      return invalid(
        [`[ERROR] must be ${stored.type} [json-pointer:/view/type]`],
        "invalid_arguments",
      );
    }
    stored.view = view;
    stored.hash = w.newHash();
    return ok(
      { view: w.viewPayload(stored) },
      { kind: "view", id: stored.id, type: stored.type, user: stored.user },
    );
  },

  "views.publish": (w, args) => {
    const user = str(args.user_id);
    if (!user || !w.users.has(user)) return fail("user_not_found");
    const view = parseView(args);
    if (isResult(view)) return view;
    if (view.type !== "home") {
      return invalid(["[ERROR] must be home [json-pointer:/view/type]"], "invalid_arguments");
    }
    const existingId = w.homeViews.get(user);
    const existing = existingId ? w.views.get(existingId) : undefined;
    const hash = str(args.hash);
    if (existing && hash && hash !== existing.hash) return fail("hash_conflict");
    const id = existing?.id ?? w.newViewId();
    const stored: StoredView = {
      id,
      type: "home",
      user,
      view,
      hash: w.newHash(),
      root_view_id: id,
      previous_view_id: null,
      external_id: typeof view.external_id === "string" ? view.external_id : "",
      closed: false,
    };
    w.views.set(id, stored);
    w.homeViews.set(user, id);
    return ok({ view: w.viewPayload(stored) }, { kind: "view", id, type: "home", user });
  },

  "conversations.open": (w, args) => {
    const users = String(args.users ?? "")
      .split(",")
      .filter(Boolean);
    const first = users[0];
    if (users.length !== 1 || !first || !w.users.has(first)) return fail("user_not_found");
    return ok({ channel: { id: w.imFor(first).id } });
  },

  // A thread: its first message, then the replies, oldest first (`limit` of them). The bot reads
  // only channels it is in, and a ts that starts no thread gives that one message, as on Slack.
  "conversations.replies": (w, args) => {
    const channel = w.resolveChannel(args.channel);
    if (!channel) return fail("channel_not_found");
    if (channel.type !== "im" && channel.botIsMember === false)
      return fail(channel.isPrivate ? "channel_not_found" : "not_in_channel");
    const ts = String(args.ts ?? "");
    const root = w.findMessage(channel.id, ts);
    if (!root || root.ephemeral) return fail("thread_not_found");
    const limit = Number(args.limit ?? 1000) || 1000;
    const thread = [root, ...w.threadReplies(channel.id, ts)];
    return ok({
      messages: thread.slice(0, limit).map((message) => ({
        type: "message",
        user: message.user,
        ...(message.bot_id ? { bot_id: message.bot_id } : {}),
        text: message.text,
        ts: message.ts,
        ...(message.thread_ts || thread.length > 1 ? { thread_ts: ts } : {}),
      })),
      has_more: thread.length > limit,
    });
  },

  "conversations.info": (w, args) => {
    const channel = w.resolveChannel(args.channel);
    if (!channel) return fail("channel_not_found");
    return ok({
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: channel.type === "channel",
        is_im: channel.type === "im",
        is_private: channel.isPrivate === true,
        is_member: channel.botIsMember !== false,
        ...(channel.user ? { user: channel.user } : {}),
        ...(channel.creator ? { creator: channel.creator } : {}),
      },
    });
  },

  "users.info": (w, args) => {
    const user = typeof args.user === "string" ? w.users.get(args.user) : undefined;
    if (!user) return fail("user_not_found");
    return ok({
      user: {
        id: user.id,
        team_id: w.teamId,
        name: user.name,
        real_name: user.name,
        is_bot: user.id === w.botUserId,
        is_admin: user.isAdmin === true,
        is_owner: false,
        tz: "Europe/London",
        profile: { display_name: user.name, real_name: user.name },
      },
    });
  },

  "team.info": (w) => ok({ team: { id: w.teamId, name: "Local Slack", domain: w.teamDomain } }),

  "bots.info": (w) =>
    ok({
      bot: { id: w.botId, name: w.botName, app_id: w.appId, user_id: w.botUserId, deleted: false },
    }),
};

/**
 * Runs one Web API method against the workspace. Methods the local Slack does not emulate
 * answer `ok:true` with nothing else, so a harmless call made by Bolt never breaks a run.
 */
export function callMethod(
  workspace: Workspace,
  method: string,
  args: JsonObject,
  nowMs: number,
): MethodResult {
  const handler = HANDLERS[method];
  return handler ? handler(workspace, args, nowMs) : ok();
}

/** True for the methods the local Slack implements beyond `ok:true`. */
export function isEmulated(method: string): boolean {
  return method in HANDLERS || APP_TOKEN_METHODS.has(method);
}
