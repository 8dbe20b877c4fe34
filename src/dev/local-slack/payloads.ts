/**
 * The payloads Slack sends an app, built the way Slack builds them (field names, string types,
 * `authorizations`, `container`…), so the bot under test sees what production sees.
 */
import type { JsonObject, SlackChannel } from "./types.js";
import type { StoredView, Workspace } from "./workspace.js";

/** The (deprecated but still sent) verification token Slack includes in every payload. */
export const VERIFICATION_TOKEN = "local-verification-token";

export interface SlashCommandInput {
  command: string;
  text: string;
  user: string;
  channel: string;
  responseUrl: string;
  triggerId: string;
}

/** A slash command as Slack sends it: every value a string (form fields over HTTP). */
export function buildSlashCommand(w: Workspace, input: SlashCommandInput): Record<string, string> {
  const channel = w.channel(input.channel);
  return {
    token: VERIFICATION_TOKEN,
    team_id: w.teamId,
    team_domain: w.teamDomain,
    channel_id: channel.id,
    channel_name: channel.type === "im" ? "directmessage" : channel.name,
    user_id: input.user,
    user_name: w.user(input.user).name,
    command: input.command,
    text: input.text,
    api_app_id: w.appId,
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** The `event_callback` wrapper of an Events API event. */
export function buildEventCallback(
  w: Workspace,
  event: JsonObject,
  eventId: string,
  eventTimeSec: number,
  teamId: string = w.teamId,
): JsonObject {
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: w.appId,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: eventTimeSec,
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: w.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-local-${eventId}`,
  };
}

export interface UserMessageInput {
  text: string;
  user: string;
  channel: string;
  ts: string;
  thread_ts?: string;
}

/** The fields a user's message and an app_mention share, with the rich_text block Slack adds. */
function userMessageFields(w: Workspace, input: UserMessageInput, channelId: string): JsonObject {
  return {
    user: input.user,
    text: input.text,
    ts: input.ts,
    ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    team: w.teamId,
    blocks: richTextBlocks(input.text),
    channel: channelId,
    event_ts: input.ts,
  };
}

/** A user's message event (`message.im`, `message.channels`). */
export function buildMessageEvent(w: Workspace, input: UserMessageInput): JsonObject {
  const channel = w.channel(input.channel);
  return {
    type: "message",
    ...userMessageFields(w, input, channel.id),
    channel_type: channelType(channel),
  };
}

/** The `channel_type` of a message event: `im`, `group` for a private channel, else `channel`. */
export function channelType(channel: SlackChannel): "im" | "group" | "channel" {
  if (channel.type === "im") return "im";
  return channel.isPrivate ? "group" : "channel";
}

export function buildAppMention(w: Workspace, input: UserMessageInput): JsonObject {
  // Slack offers to add a bot that is mentioned where it is not; the mention implies it was.
  const channel = w.channel(input.channel, true);
  return { type: "app_mention", ...userMessageFields(w, input, channel.id) };
}

function richTextBlocks(text: string): JsonObject[] {
  return [
    {
      type: "rich_text",
      block_id: "local",
      elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
    },
  ];
}

/** Where a button press happened: a message (possibly ephemeral) or a view. */
export type ActionSource =
  | {
      kind: "message";
      channel: string;
      ts: string;
      ephemeral: boolean;
      /** The message as Slack includes it (omitted for ephemeral messages, as Slack does). */
      message?: JsonObject;
    }
  | { kind: "view"; view: StoredView; stateValues: JsonObject };

export interface BlockActionInput {
  user: string;
  source: ActionSource;
  action: JsonObject;
  triggerId: string;
  responseUrl?: string;
}

/** A `block_actions` interaction payload. */
export function buildBlockActions(w: Workspace, input: BlockActionInput): JsonObject {
  const user = w.user(input.user);
  const base: JsonObject = {
    type: "block_actions",
    user: { id: user.id, username: user.name, name: user.name, team_id: w.teamId },
    api_app_id: w.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    team: { id: w.teamId, domain: w.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    actions: [input.action],
  };
  const { source } = input;
  if (source.kind === "view") {
    const view = w.viewPayload(source.view, source.stateValues);
    return {
      ...base,
      container: { type: "view", view_id: source.view.id },
      view,
      state: { values: source.stateValues },
    };
  }
  const channel = w.channel(source.channel);
  return {
    ...base,
    container: {
      type: "message",
      message_ts: source.ts,
      channel_id: channel.id,
      is_ephemeral: source.ephemeral,
    },
    channel: { id: channel.id, name: channel.type === "im" ? "directmessage" : channel.name },
    ...(source.message && !source.ephemeral ? { message: source.message } : {}),
    state: { values: {} },
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
  };
}

/** A `view_submission` payload for a modal. */
export function buildViewSubmission(
  w: Workspace,
  input: { user: string; view: StoredView; stateValues: JsonObject; triggerId: string },
): JsonObject {
  const user = w.user(input.user);
  return {
    type: "view_submission",
    team: { id: w.teamId, domain: w.teamDomain },
    user: { id: user.id, username: user.name, name: user.name, team_id: w.teamId },
    api_app_id: w.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: w.viewPayload(input.view, input.stateValues),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A `message_action` payload: a message shortcut used on a stored message. */
export function buildMessageShortcut(
  w: Workspace,
  input: {
    callbackId: string;
    user: string;
    channel: string;
    message: JsonObject;
    triggerId: string;
    responseUrl: string;
  },
): JsonObject {
  const user = w.user(input.user);
  const channel = w.channel(input.channel);
  return {
    type: "message_action",
    token: VERIFICATION_TOKEN,
    action_ts: (Date.now() / 1000).toFixed(6),
    team: { id: w.teamId, domain: w.teamDomain },
    user: { id: user.id, username: user.name, name: user.name, team_id: w.teamId },
    channel: { id: channel.id, name: channel.type === "im" ? "directmessage" : channel.name },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: input.triggerId,
    response_url: input.responseUrl,
    message_ts: input.message.ts,
    message: input.message,
  };
}
