/**
 * A local Slack on loopback: the Web API, response URLs and Socket Mode over real sockets, plus
 * signed HTTP delivery to an app's Request URL. The real Bolt, Web API and Socket Mode clients
 * talk to it exactly as they talk to Slack; everything they send is recorded for assertions.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";
import { type WebSocket, WebSocketServer } from "ws";
import { checkMessageBlocks, formatProblems } from "./block-kit.js";
import { actionPayload, type Control, listControls, menuOptions } from "./controls.js";
import {
  type ActionSource,
  buildAppMention,
  buildBlockActions,
  buildEventCallback,
  buildMessageEvent,
  buildMessageShortcut,
  buildSlashCommand,
  buildViewSubmission,
  channelType,
} from "./payloads.js";
import { type SignedHeadersOptions, signedHeaders } from "./signing.js";
import type {
  CallQuery,
  Delivery,
  DeliveryType,
  FailureSpec,
  InteractionOrigin,
  JsonObject,
  RecordedAck,
  RecordedCall,
  Surface,
  Transport,
} from "./types.js";
import { authenticate, callMethod, type MethodResult } from "./web-api.js";
import { type StoredView, Workspace, type WorkspaceOptions } from "./workspace.js";

export interface LocalSlackOptions extends WorkspaceOptions {
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  /** Loopback only by default; the port is ephemeral unless given. */
  host?: string;
  port?: number;
  /** The bot's Request URL for HTTP mode (`http://127.0.0.1:<port>/slack/events`). */
  requestUrl?: string;
  /** How long to wait for an ack before giving up (Slack: 3 s). */
  ackTimeoutMs?: number;
  /** The user who types, when a send does not name one. */
  defaultUser?: string;
  /** The slash command the app declares (its manifest's), sent when a send names none; `/dm`. */
  slashCommand?: string;
  /** The channel for commands and mentions, when a send does not name one. */
  defaultChannel?: string;
  /**
   * Deliver the bot's own posts back to it as `message` events, as Slack does when the app
   * subscribes to `message.im` / `message.channels`; a bot that answers itself would then loop.
   */
  echoBotMessages?: boolean;
  /** OAuth credentials `oauth.v2.access` accepts. */
  clientId?: string;
  clientSecret?: string;
  /**
   * Socket Mode: spread envelopes over every open connection in turn, as Slack does when an app
   * holds several (up to 10); by default the newest connection gets them all.
   */
  spreadEnvelopes?: boolean;
  /**
   * Token rotation: installs get a refresh token and a token that expires in `expiresInSec`;
   * `oauth.v2.access` with `grant_type=refresh_token` issues the next pair.
   */
  tokenRotation?: { expiresInSec: number; refreshedExpiresInSec?: number };
}

/** Options of one delivery: how Slack would (mis)deliver it. */
export interface DeliveryOptions extends SignedHeadersOptions {
  /** Force a transport; by default Socket Mode when a bot is connected, else HTTP. */
  transport?: Transport;
  timeoutMs?: number;
}

export interface EventOptions extends DeliveryOptions {
  /** Reuse an `event_id`: a redelivery of an earlier event. */
  eventId?: string;
  /** Deliver it as coming from another workspace (one installed through OAuth). */
  teamId?: string;
}

export interface SlashCommandInput {
  text: string;
  command?: string;
  user?: string;
  channel?: string;
}

export interface MessageInput {
  text: string;
  user?: string;
  /** For a DM, defaults to the user's DM with the app; for a mention, to the default channel. */
  channel?: string;
  thread_ts?: string;
}

/** Which control to use: its action id, its position among the controls, or a predicate. */
export type ControlSelector = string | number | ((control: Control) => boolean);

export interface LocalSlack {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `http://127.0.0.1:<port>/api/`: give it to the Web API client as `slackApiUrl`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly workspace: Workspace;
  readonly defaultUser: string;
  readonly defaultChannel: string;
  /** The slash command the app declares: what `sendSlashCommand` sends by default. */
  readonly slashCommand: string;
  /** Every call since the last `reset()`, in arrival order. */
  readonly calls: readonly RecordedCall[];
  /** Every ack since the last `reset()`. */
  readonly acks: readonly RecordedAck[];
  /** `socket` when a bot is connected over Socket Mode, `http` when a Request URL is set. */
  readonly transport: Transport | undefined;
  /** Number of open Socket Mode connections. */
  readonly socketCount: number;
  setRequestUrl(url: string | undefined): void;
  /** Resolves once a bot has connected over Socket Mode (and been sent `hello`). */
  waitForSocket(timeoutMs?: number): Promise<void>;
  /** Resolves once every Socket Mode connection has closed (a bot that stopped). */
  waitForSocketsClosed(timeoutMs?: number): Promise<void>;
  /** HTTP mode with a Request URL, or wait for a Socket Mode connection. */
  connectBot(options?: { requestUrl?: string; timeoutMs?: number }): Promise<void>;
  /** Make the next call(s) to `method` (or `response_url`) fail. */
  failNext(method: string, failure?: FailureSpec): void;
  sendSlashCommand(input: SlashCommandInput, options?: DeliveryOptions): Promise<Delivery>;
  /** Any Events API event; `event_ts`/`team` are filled in when missing. */
  sendEvent(event: JsonObject, options?: EventOptions): Promise<Delivery>;
  /** A user's direct message to the app (`message` event, `channel_type: im`). */
  sendDirectMessage(input: MessageInput, options?: EventOptions): Promise<Delivery>;
  /** A message in a channel that mentions the app (`app_mention`); prefixes `<@bot>` if absent. */
  sendMention(input: MessageInput, options?: EventOptions): Promise<Delivery>;
  /** A user posts a message with these links; Slack sends `link_shared` for them. */
  sendLinkShared(
    input: { urls: string[]; channel?: string; user?: string },
    options?: EventOptions,
  ): Promise<Delivery>;
  /**
   * A person's message in a channel, at the top or in a thread (`message.channels`, or
   * `message.groups` for a private channel). Slack sends these only for channels the app is in:
   * resolves with undefined, delivering nothing, where the bot is not a member.
   */
  sendChannelMessage(input: MessageInput, options?: EventOptions): Promise<Delivery | undefined>;
  /**
   * A message shortcut (`message_action`) used on a stored message: `callbackId` is the
   * manifest's. Its response URL posts to the user in that channel.
   */
  useMessageShortcut(
    input: { callbackId: string; channel: string; ts: string; user?: string },
    options?: DeliveryOptions,
  ): Promise<Delivery>;
  /** The user opens the app's Home tab (`app_home_opened`). */
  openHome(input?: { user?: string }, options?: EventOptions): Promise<Delivery>;
  /** Any interaction payload, sent as is (`type` decides its shape). */
  sendInteraction(payload: JsonObject, options?: DeliveryOptions): Promise<Delivery>;
  /** The controls (buttons, inputs, selects) of the message or view a call produced. */
  controls(call: RecordedCall): Control[];
  /** Press a button (or pick a select's first option) on what a call showed. */
  clickButton(
    call: RecordedCall,
    selector: ControlSelector,
    options?: DeliveryOptions & { user?: string },
  ): Promise<Delivery>;
  /**
   * Choose the option whose value is `value` in a select or overflow menu: `block_actions` with
   * that `selected_option`, as Slack sends when a person picks it.
   */
  selectOption(
    call: RecordedCall,
    selector: ControlSelector,
    value: string,
    options?: DeliveryOptions & { user?: string },
  ): Promise<Delivery>;
  /**
   * Type into a text input of a view or message. Sends `block_actions` when the input dispatches
   * (Enter in a `dispatch_action` input); otherwise only keeps the value for `submitView`.
   */
  enterText(
    call: RecordedCall,
    selector: ControlSelector,
    text: string,
    options?: DeliveryOptions & { user?: string },
  ): Promise<Delivery | undefined>;
  /** Submit the modal a call opened or updated (`view_submission`). */
  submitView(call: RecordedCall, options?: DeliveryOptions & { user?: string }): Promise<Delivery>;
  /** Calls recorded so far that match. */
  find(query: CallQuery): RecordedCall[];
  /** The first recorded call that matches, waiting for it if needed. */
  waitFor(query: CallQuery, timeoutMs?: number): Promise<RecordedCall>;
  /** Called for every call as it is recorded (the playground prints them). */
  onCall(listener: (call: RecordedCall) => void): () => void;
  /** Forget calls, acks and pending failures (the workspace's messages and views stay). */
  reset(): void;
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * A person in workspace `teamId` approves the install: returns the one-time `code` Slack puts
   * on the redirect, which `oauth.v2.access` exchanges for that workspace's own bot token.
   */
  approveInstall(teamId: string): string;
  /** The bot token issued to a workspace through OAuth, if it is installed. */
  installedToken(teamId: string): string | undefined;
  /** Ask connected Socket Mode clients to reconnect, as Slack does when it recycles a server. */
  disconnectSockets(reason?: string): void;
  close(): Promise<void>;
}

/** Fields Slack decodes as JSON when they come form-encoded. */
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "view",
  "metadata",
  "unfurls",
  "user_auth_blocks",
  "channels",
  "users",
  "options",
]);

interface PendingAck {
  id: string;
  type: DeliveryType;
  sentAt: number;
  resolve(ack: RecordedAck): void;
  reject(error: Error): void;
}

interface Waiter {
  matches(call: RecordedCall): boolean;
  resolve(call: RecordedCall): void;
  reject(error: Error): void;
}

/** Resolves when something calls the waiter it adds to `waiters`; rejects after `timeoutMs`. */
function waitFor(waiters: Set<() => void>, timeoutMs: number, timeoutMessage: string) {
  return new Promise<void>((resolve, reject) => {
    const notify = () => {
      clearTimeout(timer);
      waiters.delete(notify);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(notify);
      reject(new Error(timeoutMessage));
    }, timeoutMs);
    waiters.add(notify);
  });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeFormFields(params: URLSearchParams): JsonObject {
  const args: JsonObject = {};
  for (const [key, value] of params) {
    if (JSON_FIELDS.has(key) && /^\s*[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Slack answers such a field with a parse error; keeping the raw string lets the checks refuse it.
      }
    }
    args[key] = value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: JsonObject,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function matchesQuery(query: CallQuery, call: RecordedCall): boolean {
  if (typeof query === "function") return query(call);
  for (const [key, expected] of Object.entries(query)) {
    if (key === "method") {
      const methods = Array.isArray(expected) ? expected : [expected];
      if (!methods.includes(call.method)) return false;
      continue;
    }
    const actual = call.args[key];
    if (typeof expected === "function") {
      if (!(expected as (value: unknown) => boolean)(actual)) return false;
    } else if (!isDeepStrictEqual(actual, expected)) {
      return false;
    }
  }
  return true;
}

function describeCall(call: RecordedCall): string {
  const text = typeof call.args.text === "string" ? ` "${call.args.text.slice(0, 60)}"` : "";
  const error = call.response.ok === false ? ` → ${String(call.response.error)}` : "";
  return `#${call.seq} ${call.method}${text}${error}`;
}

/** Slack takes a payload in the ack of a slash command, a view submission or an options request. */
function acceptsResponsePayload(type: DeliveryType, payload: JsonObject): boolean {
  if (type === "slash_commands") return true;
  if (type === "events_api") return false;
  return payload.type === "view_submission" || payload.type === "block_suggestion";
}

function pickControl(controls: Control[], selector: ControlSelector): Control | undefined {
  if (typeof selector === "number") return controls[selector];
  if (typeof selector === "string") return controls.find((c) => c.actionId === selector);
  return controls.find(selector);
}

function blocksOfCall(call: RecordedCall): unknown {
  if (isObject(call.args.view)) return call.args.view.blocks;
  return call.args.blocks;
}

/** The state Slack keeps for a view's inputs: every input, with its typed or initial value. */
function initialState(blocks: unknown): JsonObject {
  const values: JsonObject = {};
  for (const control of listControls(blocks)) {
    if (!control.inInputBlock) continue;
    const entry: JsonObject = { type: control.element.type };
    if (control.kind === "text_input") entry.value = control.value ?? null;
    if (control.kind === "select") entry.selected_option = control.element.initial_option ?? null;
    values[control.blockId] = {
      ...(values[control.blockId] as JsonObject | undefined),
      [control.actionId]: entry,
    };
  }
  return values;
}

/** Starts the local Slack on loopback; close it with `close()`. */
export async function startLocalSlack(options: LocalSlackOptions = {}): Promise<LocalSlack> {
  const botToken = options.botToken ?? "xoxb-local-bot-token";
  const appToken = options.appToken ?? "xapp-local-app-token";
  const signingSecret = options.signingSecret ?? "local-signing-secret";
  const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
  const slashCommand = options.slashCommand ?? "/dm";
  const clientId = options.clientId ?? "local-client-id";
  const clientSecret = options.clientSecret ?? "local-client-secret";
  /** OAuth: one-time codes → the workspace approving, and each installed workspace's token. */
  const oauthCodes = new Map<string, string>();
  const installedTokens = new Map<string, string>();
  /** Every bot token issued through OAuth (earlier ones stay valid, as on Slack), and refresh tokens. */
  const issuedTokens = new Map<string, string>();
  const refreshTokens = new Map<string, string>();
  let nextSocket = 0;
  const workspace = new Workspace(options);
  const defaultUser = options.defaultUser ?? [...workspace.users.keys()][0] ?? "U0DEV";
  const defaultChannel = options.defaultChannel ?? [...workspace.channels.keys()][0] ?? "C0GENERAL";
  workspace.user(defaultUser);
  workspace.channel(defaultChannel);

  const calls: RecordedCall[] = [];
  const acks: RecordedAck[] = [];
  const failures = new Map<string, FailureSpec[]>();
  const waiters = new Set<Waiter>();
  const listeners = new Set<(call: RecordedCall) => void>();
  const pendingAcks = new Map<string, PendingAck>();
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const socketWaiters = new Set<() => void>();
  const socketsClosedWaiters = new Set<() => void>();
  const viewStates = new Map<string, JsonObject>();
  let requestUrl = options.requestUrl;
  let seq = 0;
  let closed = false;
  // Known once the server listens, before anything can be delivered.
  let port = 0;
  let baseUrl = "";

  function record(call: Omit<RecordedCall, "seq" | "time" | "at">): RecordedCall {
    seq += 1;
    const recorded: RecordedCall = { seq, time: Date.now(), at: performance.now(), ...call };
    calls.push(recorded);
    for (const waiter of [...waiters]) {
      if (waiter.matches(recorded)) {
        waiters.delete(waiter);
        waiter.resolve(recorded);
      }
    }
    for (const listener of listeners) listener(recorded);
    return recorded;
  }

  function takeFailure(method: string): FailureSpec | undefined {
    const queue = failures.get(method);
    const failure = queue?.[0];
    if (!queue || !failure) return undefined;
    const remaining = (failure.times ?? 1) - 1;
    if (remaining > 0) queue[0] = { ...failure, times: remaining };
    else queue.shift();
    return failure;
  }

  /** Answers an injected failure; returns the recorded status and body. */
  function answerFailure(
    res: ServerResponse,
    failure: FailureSpec,
  ): { status: number; body: JsonObject } {
    if (failure.retryAfter !== undefined || failure.error === "ratelimited") {
      const body = { ok: false, error: failure.error ?? "ratelimited" };
      sendJson(res, 429, body, { "retry-after": String(failure.retryAfter ?? 1) });
      return { status: 429, body };
    }
    if (failure.status !== undefined && failure.status !== 200) {
      const text = failure.error ?? "Internal Server Error";
      res.writeHead(failure.status, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
      return { status: failure.status, body: { ok: false, error: text } };
    }
    const body = { ok: false, error: failure.error ?? "internal_error" };
    sendJson(res, 200, body);
    return { status: 200, body };
  }

  // ---- Web API -------------------------------------------------------------------------------

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL) {
    const raw = await readBody(req);
    const contentType = (req.headers["content-type"] ?? "").toLowerCase();
    let args: JsonObject;
    let bodyToken: string | undefined;
    if (contentType.startsWith("application/json")) {
      try {
        const parsed: unknown = raw.length > 0 ? JSON.parse(raw) : {};
        args = isObject(parsed) ? parsed : {};
      } catch {
        const body = { ok: false, error: "invalid_json" };
        sendJson(res, 200, body);
        record({ method, args: { raw }, status: 200, response: body });
        return;
      }
    } else {
      const params = new URLSearchParams(url.search);
      for (const [key, value] of new URLSearchParams(raw)) params.append(key, value);
      args = decodeFormFields(params);
      // Slack reads a token from the form, never from a JSON body (JSON needs the header).
      bodyToken = typeof args.token === "string" ? args.token : undefined;
    }
    const header = req.headers.authorization;
    const headerToken = header?.startsWith("Bearer ")
      ? header.slice("Bearer ".length).trim()
      : undefined;
    const token = headerToken || bodyToken;
    delete args.token;

    const failure = takeFailure(method);
    if (failure) {
      const { status, body } = answerFailure(res, failure);
      record({ method, args, ...(token ? { token } : {}), status, response: body });
      return;
    }
    const installedTeam = token === undefined ? undefined : teamOfInstalledToken(token);
    const authFailure =
      method === "oauth.v2.access" || installedTeam !== undefined
        ? undefined
        : authenticate(method, token, { botToken, appToken });
    let result: MethodResult;
    if (authFailure) {
      result = authFailure;
    } else if (method === "oauth.v2.access") {
      result = exchangeOAuthCode(args, req.headers.authorization);
    } else if (installedTeam !== undefined && method === "auth.test") {
      const own = callMethod(workspace, method, args, Date.now());
      result = { ...own, body: { ...own.body, team_id: installedTeam } };
    } else if (method === "apps.connections.open") {
      const ticket = randomUUID();
      tickets.add(ticket);
      const host = req.headers.host ?? `127.0.0.1:${port}`;
      result = {
        status: 200,
        body: { ok: true, url: `ws://${host}/socket?ticket=${ticket}&app_id=${workspace.appId}` },
      };
    } else {
      result = callMethod(workspace, method, args, Date.now());
    }
    sendJson(res, result.status, result.body);
    const call = record({
      method,
      args,
      ...(token ? { token } : {}),
      status: result.status,
      response: result.body,
      ...(result.surface ? { surface: result.surface } : {}),
    });
    if (options.echoBotMessages && call.method === "chat.postMessage" && result.body.ok === true) {
      echoBotMessage(result.body);
    }
  }

  function teamOfInstalledToken(token: string): string | undefined {
    return issuedTokens.get(token);
  }

  /** `oauth.v2.access`: client credentials (form fields or Basic auth) and a one-time code. */
  function exchangeOAuthCode(args: JsonObject, authorization: string | undefined): MethodResult {
    let id = typeof args.client_id === "string" ? args.client_id : undefined;
    let secret = typeof args.client_secret === "string" ? args.client_secret : undefined;
    if (authorization?.startsWith("Basic ")) {
      const [user, pass] = Buffer.from(authorization.slice(6), "base64").toString().split(":");
      id = user;
      secret = pass;
    }
    const fail = (error: string) => ({ status: 200, body: { ok: false, error } });
    if (id !== clientId) return fail("invalid_client_id");
    if (secret !== clientSecret) return fail("bad_client_secret");
    let team: string | undefined;
    if (args.grant_type === "refresh_token") {
      const refresh = typeof args.refresh_token === "string" ? args.refresh_token : "";
      team = refreshTokens.get(refresh);
      if (team === undefined) return fail("invalid_refresh_token");
      refreshTokens.delete(refresh);
    } else {
      const code = typeof args.code === "string" ? args.code : "";
      team = oauthCodes.get(code);
      if (team === undefined) return fail("invalid_code");
      oauthCodes.delete(code);
    }
    const token = `xoxb-${team}-${randomUUID()}`;
    installedTokens.set(team, token);
    issuedTokens.set(token, team);
    const rotation = options.tokenRotation;
    const rotating: JsonObject = {};
    if (rotation !== undefined) {
      const refresh = `xoxe-1-${randomUUID()}`;
      refreshTokens.set(refresh, team);
      rotating.refresh_token = refresh;
      rotating.expires_in =
        args.grant_type === "refresh_token"
          ? (rotation.refreshedExpiresInSec ?? rotation.expiresInSec)
          : rotation.expiresInSec;
    }
    if (args.grant_type === "refresh_token")
      return {
        status: 200,
        body: { ok: true, access_token: token, token_type: "bot", ...rotating, team: { id: team } },
      };
    return {
      status: 200,
      body: {
        ok: true,
        access_token: token,
        token_type: "bot",
        scope: "commands,app_mentions:read,im:history,chat:write",
        bot_user_id: workspace.botUserId,
        app_id: workspace.appId,
        team: { id: team, name: `Workspace ${team}` },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: defaultUser },
        ...rotating,
      },
    };
  }

  function echoBotMessage(body: JsonObject): void {
    const channel =
      typeof body.channel === "string" ? workspace.channels.get(body.channel) : undefined;
    if (channel === undefined || !isObject(body.message)) return;
    // A bot token's post arrives as a plain message with `bot_id`, without the legacy subtype.
    const { subtype: _legacy, ...message } = body.message;
    const event = {
      ...message,
      channel: channel.id,
      channel_type: channelType(channel),
      event_ts: body.ts,
    };
    sendEvent(event).catch(() => {
      // The bot may be gone by the time its own message comes back; nothing to assert then.
    });
  }

  // ---- Response URLs ---------------------------------------------------------------------------

  /** Shows a message from a response URL or an ack, as Slack would: ephemeral, in channel, or in place. */
  function showResponse(
    message: JsonObject,
    target: { user: string; channel: string; original?: { channel: string; ts: string } },
  ): Surface | undefined {
    const original = target.original
      ? workspace.findMessage(target.original.channel, target.original.ts)
      : undefined;
    if (message.delete_original === true) {
      if (original) original.deleted = true;
      return undefined;
    }
    const text = typeof message.text === "string" ? message.text : "";
    const blocks = Array.isArray(message.blocks) ? message.blocks : undefined;
    if (message.replace_original === true && original) {
      original.text = text;
      if (blocks) original.blocks = blocks;
      else delete original.blocks;
      return {
        kind: "message",
        channel: original.channel,
        ts: original.ts,
        ephemeral: original.ephemeral,
        ...(original.ephemeral ? { user: target.user } : {}),
      };
    }
    const ephemeral = message.response_type !== "in_channel";
    const ts = workspace.newTs();
    workspace.storeMessage({
      channel: target.channel,
      ts,
      user: workspace.botUserId,
      bot_id: workspace.botId,
      text,
      ...(blocks ? { blocks } : {}),
      ephemeral,
      ...(ephemeral ? { visibleTo: target.user } : {}),
    });
    return {
      kind: "message",
      channel: target.channel,
      ts,
      ephemeral,
      ...(ephemeral ? { user: target.user } : {}),
    };
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string) {
    const raw = await readBody(req);
    let args: JsonObject = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) args = parsed;
    } catch {
      args = decodeFormFields(new URLSearchParams(raw));
    }
    const target = workspace.responseUrls.get(id);
    const origin: InteractionOrigin | undefined = target
      ? {
          user: target.user,
          channel: target.channel,
          responseUrlId: id,
          deliveryId: target.deliveryId,
        }
      : undefined;
    const answer = (status: number, body: JsonObject, surface?: Surface) => {
      sendJson(res, status, body);
      record({
        method: "response_url",
        args,
        status,
        response: body,
        ...(origin ? { origin } : {}),
        ...(surface ? { surface } : {}),
      });
    };
    const failure = takeFailure("response_url");
    if (failure) {
      const { status, body } = answerFailure(res, failure);
      record({
        method: "response_url",
        args,
        status,
        response: body,
        ...(origin ? { origin } : {}),
      });
      return;
    }
    if (!target) return answer(404, { ok: false, error: "expired_url" });
    if (target.uses >= 5 || Date.now() - target.createdAt > 30 * 60_000) {
      return answer(404, { ok: false, error: "used_url" });
    }
    if (args.delete_original !== true) {
      const hasText = typeof args.text === "string" && args.text.length > 0;
      const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
      if (!hasText && !hasBlocks) return answer(400, { ok: false, error: "no_text" });
      if (args.blocks !== undefined) {
        const problems = checkMessageBlocks(args.blocks);
        if (problems.length > 0) {
          return answer(400, {
            ok: false,
            error: "invalid_blocks",
            response_metadata: { messages: formatProblems(problems) },
          });
        }
      }
    }
    target.uses += 1;
    const surface = showResponse(args, target);
    // For a slash command, a later replace_original/delete_original acts on the first response.
    if (!target.original && surface?.kind === "message") {
      target.original = { channel: surface.channel, ts: surface.ts };
    }
    answer(200, { ok: true }, surface);
  }

  // ---- HTTP server ---------------------------------------------------------------------------

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    const route = url.pathname;
    let handled: Promise<void> | undefined;
    if (route.startsWith("/api/") && (req.method === "POST" || req.method === "GET")) {
      handled = handleApi(req, res, decodeURIComponent(route.slice("/api/".length)), url);
    } else if (route.startsWith("/response/") && req.method === "POST") {
      handled = handleResponseUrl(req, res, decodeURIComponent(route.slice("/response/".length)));
    } else if (route === "/" || route === "/health") {
      sendJson(res, 200, { ok: true, service: "local-slack" });
    } else {
      sendJson(res, 404, { ok: false, error: "not_found" });
    }
    handled?.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: String(error) });
    });
  });
  server.keepAliveTimeout = 5_000;

  // ---- Socket Mode ---------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://local");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/socket" || !tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on("message", (data, isBinary) => {
        if (!isBinary) onSocketMessage(data.toString());
      });
      ws.on("close", () => {
        const index = sockets.indexOf(ws);
        if (index >= 0) sockets.splice(index, 1);
        if (sockets.length === 0) {
          for (const notify of [...socketsClosedWaiters]) notify();
        }
      });
      ws.on("error", () => {
        // A client that drops mid-frame is a closed client; `close` follows.
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: sockets.length,
          debug_info: {
            host: "local-slack",
            build_number: 1,
            approximate_connection_time: 18060,
          },
          connection_info: { app_id: workspace.appId },
        }),
      );
      for (const notify of [...socketWaiters]) notify();
    });
  });

  function onSocketMessage(text: string): void {
    const ackedAt = performance.now();
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.envelope_id !== "string") return;
    const pending = pendingAcks.get(message.envelope_id);
    if (!pending) return;
    pendingAcks.delete(pending.id);
    const payload = isObject(message.payload) ? message.payload : {};
    pending.resolve({
      deliveryId: pending.id,
      type: pending.type,
      transport: "socket",
      status: 200,
      payload,
      sentAt: pending.sentAt,
      ackedAt,
      ms: ackedAt - pending.sentAt,
    });
  }

  function openSocket(): WebSocket | undefined {
    if (options.spreadEnvelopes) {
      const open = sockets.filter((ws) => ws.readyState === ws.OPEN);
      if (open.length > 0) {
        nextSocket = (nextSocket + 1) % open.length;
        return open[nextSocket];
      }
    }
    for (let i = sockets.length - 1; i >= 0; i -= 1) {
      const ws = sockets[i];
      if (ws && ws.readyState === ws.OPEN) return ws;
    }
    return undefined;
  }

  // ---- Delivery ------------------------------------------------------------------------------

  function currentTransport(): Transport | undefined {
    if (sockets.some((ws) => ws.readyState === ws.OPEN)) return "socket";
    return requestUrl ? "http" : undefined;
  }

  function deliverOverSocket(
    id: string,
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
  ): Promise<RecordedAck> {
    const ws = openSocket();
    if (!ws) return Promise.reject(new Error("local Slack: no bot is connected over Socket Mode"));
    const timeoutMs = options.timeoutMs ?? ackTimeoutMs;
    return new Promise<RecordedAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        pendingAcks.delete(id);
        reject(new Error(`local Slack: no ack within ${timeoutMs} ms for ${type} envelope ${id}`));
      }, timeoutMs);
      const envelope: JsonObject = {
        envelope_id: id,
        payload,
        type,
        accepts_response_payload: acceptsResponsePayload(type, payload),
      };
      if (type === "events_api") {
        envelope.retry_attempt = options.retryNum ?? 0;
        envelope.retry_reason = options.retryReason ?? (options.retryNum ? "timeout" : "");
      }
      const text = JSON.stringify(envelope);
      pendingAcks.set(id, {
        id,
        type,
        sentAt: performance.now(),
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      ws.send(text);
    });
  }

  async function deliverOverHttp(
    id: string,
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
  ): Promise<RecordedAck> {
    if (!requestUrl) throw new Error("local Slack: no Request URL set for HTTP delivery");
    let body: string;
    let contentType: string;
    if (type === "events_api") {
      body = JSON.stringify(payload);
      contentType = "application/json";
    } else if (type === "slash_commands") {
      body = new URLSearchParams(payload as Record<string, string>).toString();
      contentType = "application/x-www-form-urlencoded";
    } else {
      body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      contentType = "application/x-www-form-urlencoded";
    }
    const headers = signedHeaders(signingSecret, body, contentType, options);
    const timeoutMs = options.timeoutMs ?? ackTimeoutMs;
    const sentAt = performance.now();
    const response = await fetch(requestUrl, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ackedAt = performance.now();
    let parsed: JsonObject = {};
    if (text.length > 0) {
      try {
        const value: unknown = JSON.parse(text);
        parsed = isObject(value) ? value : { value };
      } catch {
        parsed = { text };
      }
    }
    return {
      deliveryId: id,
      type,
      transport: "http",
      status: response.status,
      payload: parsed,
      sentAt,
      ackedAt,
      ms: ackedAt - sentAt,
    };
  }

  async function deliver(
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
    id: string = workspace.newEnvelopeId(),
  ): Promise<RecordedAck> {
    if (closed) throw new Error("local Slack: closed");
    const transport = options.transport ?? currentTransport();
    if (!transport) {
      throw new Error(
        "local Slack: no bot to deliver to (no Socket Mode connection, no Request URL)",
      );
    }
    const ack =
      transport === "socket"
        ? await deliverOverSocket(id, type, payload, options)
        : await deliverOverHttp(id, type, payload, options);
    acks.push(ack);
    return ack;
  }

  function hasMessage(body: JsonObject): boolean {
    return (
      (typeof body.text === "string" && body.text.length > 0) ||
      (Array.isArray(body.blocks) && body.blocks.length > 0)
    );
  }

  async function sendSlashCommand(
    input: SlashCommandInput,
    options: DeliveryOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? defaultChannel;
    const id = workspace.newEnvelopeId();
    const target = workspace.newResponseUrl({ user, channel, deliveryId: id });
    const responseUrl = `${baseUrl}/response/${target.id}`;
    const triggerId = workspace.newTrigger(user);
    const payload = buildSlashCommand(workspace, {
      command: input.command ?? slashCommand,
      text: input.text,
      user,
      channel,
      responseUrl,
      triggerId,
    });
    const ack = await deliver("slash_commands", payload, options, id);
    if (ack.status === 200 && hasMessage(ack.payload)) {
      // Slack shows a slash command's ack body to the user, like a response_url post.
      const surface = showResponse(ack.payload, target);
      record({
        method: "ack_response",
        args: ack.payload,
        status: 200,
        response: { ok: true },
        origin: { user, channel, responseUrlId: target.id, deliveryId: id },
        ...(surface ? { surface } : {}),
      });
    }
    return {
      id,
      type: "slash_commands",
      transport: ack.transport,
      payload,
      ack,
      responseUrl,
      triggerId,
    };
  }

  async function sendEvent(event: JsonObject, options: EventOptions = {}): Promise<Delivery> {
    const nowMs = Date.now();
    const filled: JsonObject = {
      ...event,
      event_ts: typeof event.event_ts === "string" ? event.event_ts : workspace.newTs(nowMs),
    };
    if (filled.type !== "app_home_opened" && filled.team === undefined)
      filled.team = workspace.teamId;
    const eventId = options.eventId ?? workspace.newEventId();
    if (options.teamId !== undefined && filled.type !== "app_home_opened")
      filled.team = options.teamId;
    const payload = buildEventCallback(
      workspace,
      filled,
      eventId,
      Math.floor(nowMs / 1000),
      options.teamId,
    );
    const id = workspace.newEnvelopeId();
    const ack = await deliver("events_api", payload, options, id);
    return { id, type: "events_api", transport: ack.transport, payload, ack, eventId };
  }

  function storeUserMessage(
    channel: string,
    user: string,
    text: string,
    thread_ts?: string,
  ): string {
    const ts = workspace.newTs();
    workspace.storeMessage({
      channel,
      ts,
      user,
      text,
      ephemeral: false,
      ...(thread_ts ? { thread_ts } : {}),
    });
    return ts;
  }

  async function sendDirectMessage(
    input: MessageInput,
    options: EventOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? workspace.imFor(user).id;
    const ts = storeUserMessage(channel, user, input.text, input.thread_ts);
    const event = buildMessageEvent(workspace, {
      text: input.text,
      user,
      channel,
      ts,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    });
    return sendEvent(event, options);
  }

  async function sendMention(input: MessageInput, options: EventOptions = {}): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? defaultChannel;
    const mention = `<@${workspace.botUserId}>`;
    const text = input.text.includes(mention) ? input.text : `${mention} ${input.text}`;
    const ts = storeUserMessage(channel, user, text, input.thread_ts);
    const event = buildAppMention(workspace, {
      text,
      user,
      channel,
      ts,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    });
    return sendEvent(event, options);
  }

  async function sendLinkShared(
    input: { urls: string[]; channel?: string; user?: string },
    options: EventOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? defaultChannel;
    const ts = storeUserMessage(channel, user, input.urls.map((url) => `<${url}>`).join(" "));
    return sendEvent(
      {
        type: "link_shared",
        channel,
        user,
        message_ts: ts,
        source: "conversations_history",
        unfurl_id: `C-${ts}`,
        is_bot_user_member: true,
        links: input.urls.map((url) => ({ url, domain: new URL(url).hostname })),
      },
      options,
    );
  }

  async function sendChannelMessage(
    input: MessageInput,
    options: EventOptions = {},
  ): Promise<Delivery | undefined> {
    const user = input.user ?? defaultUser;
    const channel = workspace.channel(input.channel ?? defaultChannel);
    const ts = storeUserMessage(channel.id, user, input.text, input.thread_ts);
    if (channel.type === "im" || channel.botIsMember === false) return undefined;
    const event = buildMessageEvent(workspace, {
      text: input.text,
      user,
      channel: channel.id,
      ts,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    });
    return sendEvent(event, options);
  }

  async function useMessageShortcut(
    input: { callbackId: string; channel: string; ts: string; user?: string },
    options: DeliveryOptions = {},
  ): Promise<Delivery> {
    const stored = workspace.findMessage(input.channel, input.ts);
    if (!stored) throw new Error(`local Slack: no message ${input.ts} in ${input.channel}`);
    const user = input.user ?? defaultUser;
    const id = workspace.newEnvelopeId();
    const target = workspace.newResponseUrl({ user, channel: input.channel, deliveryId: id });
    const payload = buildMessageShortcut(workspace, {
      callbackId: input.callbackId,
      user,
      channel: input.channel,
      message: {
        type: "message",
        user: stored.user,
        ts: stored.ts,
        text: stored.text,
        ...(stored.thread_ts ? { thread_ts: stored.thread_ts } : {}),
      },
      triggerId: workspace.newTrigger(user),
      responseUrl: `${baseUrl}/response/${target.id}`,
    });
    return sendInteraction(payload, options, id);
  }

  async function openHome(
    input: { user?: string } = {},
    options: EventOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const viewId = workspace.homeViews.get(user);
    const view = viewId ? workspace.views.get(viewId) : undefined;
    return sendEvent(
      {
        type: "app_home_opened",
        user,
        channel: workspace.imFor(user).id,
        tab: "home",
        ...(view ? { view: workspace.viewPayload(view, viewStates.get(view.id) ?? {}) } : {}),
      },
      options,
    );
  }

  async function sendInteraction(
    payload: JsonObject,
    options: DeliveryOptions = {},
    id = workspace.newEnvelopeId(),
  ): Promise<Delivery> {
    const ack = await deliver("interactive", payload, options, id);
    const responseUrl = typeof payload.response_url === "string" ? payload.response_url : undefined;
    const triggerId = typeof payload.trigger_id === "string" ? payload.trigger_id : undefined;
    if (payload.type === "view_submission" && isObject(payload.view)) {
      applyResponseAction(String(payload.view.id), ack.payload);
    }
    return {
      id,
      type: "interactive",
      transport: ack.transport,
      payload,
      ack,
      ...(responseUrl ? { responseUrl } : {}),
      ...(triggerId ? { triggerId } : {}),
    };
  }

  /** What Slack does with a view_submission's ack: close the modal unless told otherwise. */
  function applyResponseAction(viewId: string, ack: JsonObject): void {
    const view = workspace.views.get(viewId);
    if (!view) return;
    const action = ack.response_action;
    if (action === "errors" || action === "push") return;
    if (action === "update" && isObject(ack.view)) {
      view.view = ack.view;
      view.hash = workspace.newHash();
      return;
    }
    if (action === "clear") {
      for (const other of workspace.views.values()) {
        if (other.root_view_id === view.root_view_id) other.closed = true;
      }
      return;
    }
    view.closed = true;
  }

  function surfaceOf(call: RecordedCall): Surface {
    if (!call.surface) {
      throw new Error(
        `local Slack: call ${describeCall(call)} showed nothing the user can interact with`,
      );
    }
    return call.surface;
  }

  function storedView(surface: Surface & { kind: "view" }): StoredView {
    const view = workspace.views.get(surface.id);
    if (!view || view.closed) throw new Error(`local Slack: view ${surface.id} is not open`);
    return view;
  }

  function actionSource(surface: Surface, stateValues: JsonObject): ActionSource {
    if (surface.kind === "view") return { kind: "view", view: storedView(surface), stateValues };
    const stored = workspace.findMessage(surface.channel, surface.ts);
    const message: JsonObject | undefined = stored
      ? {
          type: "message",
          user: stored.user,
          ...(stored.bot_id ? { bot_id: stored.bot_id, app_id: workspace.appId } : {}),
          text: stored.text,
          ...(stored.blocks ? { blocks: stored.blocks } : {}),
          ts: stored.ts,
          ...(stored.thread_ts ? { thread_ts: stored.thread_ts } : {}),
          team: workspace.teamId,
        }
      : undefined;
    return {
      kind: "message",
      channel: surface.channel,
      ts: surface.ts,
      ephemeral: surface.ephemeral,
      ...(message ? { message } : {}),
    };
  }

  function viewState(surface: Surface & { kind: "view" }): JsonObject {
    let state = viewStates.get(surface.id);
    if (!state) {
      state = initialState(storedView(surface).view.blocks);
      viewStates.set(surface.id, state);
    }
    return state;
  }

  function findControl(call: RecordedCall, selector: ControlSelector): Control {
    const controls = listControls(blocksOfCall(call));
    const control = pickControl(controls, selector);
    if (!control) {
      const known = controls.map((c) => `${c.actionId} (${c.label})`).join(", ") || "none";
      throw new Error(
        `local Slack: no control ${String(selector)} in ${describeCall(call)}; controls: ${known}`,
      );
    }
    return control;
  }

  async function sendAction(
    call: RecordedCall,
    control: Control,
    typed: string | undefined,
    options: DeliveryOptions & { user?: string },
  ): Promise<Delivery> {
    const surface = surfaceOf(call);
    const user =
      options.user ?? (surface.kind === "view" ? surface.user : surface.user) ?? defaultUser;
    const stateValues = surface.kind === "view" ? viewState(surface) : {};
    const id = workspace.newEnvelopeId();
    const responseUrl =
      surface.kind === "message"
        ? `${baseUrl}/response/${
            workspace.newResponseUrl({
              user,
              channel: surface.channel,
              deliveryId: id,
              original: { channel: surface.channel, ts: surface.ts },
            }).id
          }`
        : undefined;
    const payload = buildBlockActions(workspace, {
      user,
      source: actionSource(surface, stateValues),
      action: actionPayload(control, Date.now(), typed),
      triggerId: workspace.newTrigger(user),
      ...(responseUrl ? { responseUrl } : {}),
    });
    return sendInteraction(payload, options, id);
  }

  server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;

  const slack: LocalSlack = {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    botToken,
    appToken,
    signingSecret,
    clientId,
    clientSecret,
    approveInstall(teamId) {
      const code = `code-${randomUUID()}`;
      oauthCodes.set(code, teamId);
      return code;
    },
    installedToken: (teamId) => installedTokens.get(teamId),
    workspace,
    defaultUser,
    defaultChannel,
    slashCommand,
    get calls() {
      return calls;
    },
    get acks() {
      return acks;
    },
    get transport() {
      return currentTransport();
    },
    get socketCount() {
      return sockets.filter((ws) => ws.readyState === ws.OPEN).length;
    },
    setRequestUrl(url) {
      requestUrl = url;
    },
    waitForSocket(timeoutMs = 5000) {
      if (openSocket()) return Promise.resolve();
      return waitFor(
        socketWaiters,
        timeoutMs,
        `local Slack: no Socket Mode connection within ${timeoutMs} ms`,
      );
    },
    waitForSocketsClosed(timeoutMs = 5000) {
      if (sockets.length === 0) return Promise.resolve();
      return waitFor(
        socketsClosedWaiters,
        timeoutMs,
        `local Slack: Socket Mode connections still open after ${timeoutMs} ms`,
      );
    },
    async connectBot(connect = {}) {
      if (connect.requestUrl) {
        requestUrl = connect.requestUrl;
        return;
      }
      await slack.waitForSocket(connect.timeoutMs);
    },
    failNext(method, failure = { error: "internal_error" }) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    sendSlashCommand,
    sendEvent,
    sendDirectMessage,
    sendMention,
    sendLinkShared,
    sendChannelMessage,
    useMessageShortcut,
    openHome,
    sendInteraction,
    controls(call) {
      return listControls(blocksOfCall(call));
    },
    clickButton(call, selector, clickOptions = {}) {
      const control = findControl(call, selector);
      if (control.kind === "text_input") {
        return Promise.reject(
          new Error(`local Slack: ${control.actionId} is a text input, not a button`),
        );
      }
      return sendAction(call, control, undefined, clickOptions);
    },
    selectOption(call, selector, value, selectOptions = {}) {
      const control = findControl(call, selector);
      if (control.kind !== "select") {
        return Promise.reject(new Error(`local Slack: ${control.actionId} is not a menu`));
      }
      const values = menuOptions(control.element).map((option) => option.value);
      if (!values.includes(value)) {
        return Promise.reject(
          new Error(
            `local Slack: ${control.actionId} has no option ${JSON.stringify(value)}; options: ${values.join(", ") || "none"}`,
          ),
        );
      }
      return sendAction(call, control, value, selectOptions);
    },
    async enterText(call, selector, text, enterOptions = {}) {
      const control = findControl(call, selector);
      if (control.kind !== "text_input") {
        throw new Error(`local Slack: ${control.actionId} is not a text input`);
      }
      const surface = surfaceOf(call);
      if (surface.kind === "view") {
        const state = viewState(surface);
        const block = (
          isObject(state[control.blockId]) ? state[control.blockId] : {}
        ) as JsonObject;
        block[control.actionId] = { type: control.element.type, value: text };
        state[control.blockId] = block;
      }
      if (!control.dispatches) return undefined;
      return sendAction(call, control, text, enterOptions);
    },
    async submitView(call, submitOptions = {}) {
      const surface = surfaceOf(call);
      if (surface.kind !== "view" || surface.type !== "modal") {
        throw new Error(`local Slack: ${describeCall(call)} did not open a modal`);
      }
      const view = storedView(surface);
      const user = submitOptions.user ?? surface.user;
      const payload = buildViewSubmission(workspace, {
        user,
        view,
        stateValues: viewState(surface),
        triggerId: workspace.newTrigger(user),
      });
      return sendInteraction(payload, submitOptions);
    },
    find(query) {
      return calls.filter((call) => matchesQuery(query, call));
    },
    waitFor(query, timeoutMs = 3000) {
      const existing = calls.find((call) => matchesQuery(query, call));
      if (existing) return Promise.resolve(existing);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter: Waiter = {
          matches: (call) => matchesQuery(query, call),
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.slice(-10).map(describeCall).join("; ") || "no calls";
          reject(
            new Error(`local Slack: no matching call within ${timeoutMs} ms (last calls: ${seen})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      calls.length = 0;
      acks.length = 0;
      failures.clear();
    },
    disconnectSockets(reason = "refresh_requested") {
      for (const ws of sockets) {
        ws.send(
          JSON.stringify({ type: "disconnect", reason, debug_info: { host: "local-slack" } }),
        );
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      const gone = new Error("local Slack: closed");
      for (const waiter of waiters) waiter.reject(gone);
      waiters.clear();
      for (const pending of pendingAcks.values()) pending.reject(gone);
      pendingAcks.clear();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return slack;
}
