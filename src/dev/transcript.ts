/**
 * What a person would see in Slack after the bot's calls, as terminal text: used by the
 * playground. Messages and views go through the same text renderer as `npm run ask`.
 */

import {
  renderMessageAsText,
  renderViewAsText,
  type TextButton,
  type TextInput,
} from "../slack/views/text.js";
import type { HomeView, ModalView, SlackMessage } from "../slack/views/types.js";
import type { JsonObject, RecordedCall } from "./local-slack/index.js";
import type { Workspace } from "./local-slack/workspace.js";

/** One thing shown to the user: where it appeared, what it says, and what can be pressed. */
export interface Shown {
  call: RecordedCall;
  /** "handbook · only visible to you", "handbook in #general (thread)", "Home tab"… */
  heading: string;
  body: string;
  buttons: TextButton[];
  inputs: TextInput[];
}

/** Calls that are plumbing, not something a person sees. */
const UNSEEN = new Set([
  "auth.test",
  "apps.connections.open",
  "api.test",
  // Reads that come before what the bot shows: the question of a thread, a message's link.
  "conversations.replies",
  "chat.getPermalink",
]);

function asMessage(args: JsonObject): SlackMessage {
  return {
    text: typeof args.text === "string" ? args.text : "",
    blocks: Array.isArray(args.blocks) ? (args.blocks as SlackMessage["blocks"]) : [],
  };
}

function channelLabel(workspace: Workspace, channelId: unknown): string {
  const channel = typeof channelId === "string" ? workspace.channels.get(channelId) : undefined;
  if (!channel) return String(channelId);
  return channel.type === "im" ? "your DM" : `#${channel.name}`;
}

/**
 * The call as the user would see it, or undefined for calls nobody sees. A call Slack refused
 * is shown as the refusal, so a developer notices at once.
 */
export function describeShown(call: RecordedCall, workspace: Workspace): Shown | undefined {
  if (UNSEEN.has(call.method)) return undefined;
  const bot = workspace.botName;
  const empty = { buttons: [] as TextButton[], inputs: [] as TextInput[] };
  if (call.response.ok === false) {
    const messages = (call.response.response_metadata as JsonObject | undefined)?.messages;
    const detail = Array.isArray(messages) && messages.length > 0 ? `\n${messages.join("\n")}` : "";
    return {
      call,
      heading: `Slack refused ${call.method} (HTTP ${call.status})`,
      body: `${String(call.response.error)}${detail}`,
      ...empty,
    };
  }
  const { args } = call;
  switch (call.method) {
    case "response_url":
    case "ack_response": {
      if (args.delete_original === true) {
        return { call, heading: `${bot} removed its earlier reply`, body: "", ...empty };
      }
      const where =
        args.response_type === "in_channel"
          ? `in ${channelLabel(workspace, call.origin?.channel)}`
          : "· only visible to you";
      const replaced = args.replace_original === true ? " (replacing its earlier reply)" : "";
      const rendered = renderMessageAsText(asMessage(args));
      return {
        call,
        heading: `${bot} ${where}${replaced}`,
        body: rendered.text,
        buttons: rendered.buttons,
        inputs: rendered.inputs,
      };
    }
    case "chat.postMessage":
    case "chat.postEphemeral":
    case "chat.update": {
      const where = channelLabel(workspace, call.response.channel ?? args.channel);
      const thread = typeof args.thread_ts === "string" ? " (in the thread)" : "";
      const kind =
        call.method === "chat.postEphemeral"
          ? " · only visible to you"
          : call.method === "chat.update"
            ? " (edited)"
            : "";
      const rendered = renderMessageAsText(asMessage(args));
      return {
        call,
        heading: `${bot} in ${where}${thread}${kind}`,
        body: rendered.text,
        buttons: rendered.buttons,
        inputs: rendered.inputs,
      };
    }
    case "chat.unfurl": {
      // Each link's preview, under the message that had the link.
      const unfurls = (args.unfurls ?? {}) as Record<string, JsonObject>;
      const previews = Object.entries(unfurls).map(([url, preview]) => {
        const rendered = renderMessageAsText(asMessage(preview));
        return `${url}\n${rendered.text}`;
      });
      return {
        call,
        heading: `${bot} · link preview in ${channelLabel(workspace, args.channel)}`,
        body: previews.join("\n\n"),
        ...empty,
      };
    }
    case "chat.delete":
      return {
        call,
        heading: `${bot} deleted a message in ${channelLabel(workspace, args.channel)}`,
        body: "",
        ...empty,
      };
    case "views.open":
    case "views.push":
    case "views.update":
    case "views.publish": {
      const view = args.view as ModalView | HomeView;
      const rendered = renderViewAsText(view);
      const heading =
        view.type === "home"
          ? `${bot} · Home tab`
          : call.method === "views.update"
            ? `${bot} · modal (updated)`
            : `${bot} · modal`;
      return {
        call,
        heading,
        body: rendered.text,
        buttons: rendered.buttons,
        inputs: rendered.inputs,
      };
    }
    default:
      return { call, heading: `${bot} called ${call.method}`, body: "", ...empty };
  }
}

/** A shown item as lines for the terminal: the heading, then the body indented. */
export function formatShown(shown: Shown): string {
  const body = shown.body
    .split("\n")
    .map((line) => (line.length > 0 ? `  ${line}` : ""))
    .join("\n");
  return body.trim().length > 0 ? `▸ ${shown.heading}\n${body}\n` : `▸ ${shown.heading}\n`;
}
