/**
 * The local Slack as a test drives it: how it is started (`LocalSlackOptions`), what a delivery
 * or an input may say, and the handle `startLocalSlack` (server.ts) returns.
 */
import type { Control } from "./controls.js";
import type { SignedHeadersOptions } from "./signing.js";
import type {
  CallQuery,
  Delivery,
  FailureSpec,
  JsonObject,
  RecordedAck,
  RecordedCall,
  Transport,
} from "./types.js";
import type { Workspace, WorkspaceOptions } from "./workspace.js";

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

export interface SlashCommandOptions extends DeliveryOptions {
  /** Send it as coming from another workspace (one installed through OAuth). */
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
  sendSlashCommand(input: SlashCommandInput, options?: SlashCommandOptions): Promise<Delivery>;
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
