import type { WebClient } from "@slack/web-api";
import type { ChannelMode } from "../../conversations/channel-modes.js";
import type { ListenerDeps } from "../../deps.js";
import { callSlack } from "../../send/slack-call.js";
import {
  renderChannelModeChanged,
  renderChannelSettings,
  renderSettingsNotAllowed,
  renderSettingsOnlyInChannels,
  renderSettingsUnsaved,
  renderSettingsUsage,
} from "../../views/channel-settings.js";
import type { SlackMessage } from "../../views/types.js";

/** `settings`, optionally followed by a mode: what `/dm settings …` asks for, else undefined. */
export function parseSettings(
  text: string | undefined,
): { mode?: ChannelMode | "invalid" } | undefined {
  const words = (text ?? "").trim().toLowerCase().split(/\s+/);
  if (words[0] !== "settings" && words[0] !== "setting") return undefined;
  const [, mode, ...rest] = words;
  if (mode === undefined) return {};
  if (rest.length > 0 || (mode !== "auto" && mode !== "mention")) return { mode: "invalid" };
  return { mode };
}

/**
 * Is `user` a workspace admin or owner? Asked of Slack each time (users.info), so a change of
 * role counts at once; a failed call counts as no.
 */
export async function isWorkspaceAdmin(
  deps: Pick<ListenerDeps, "logger">,
  client: WebClient,
  user: string,
): Promise<boolean> {
  const info = await callSlack(deps.logger, "users.info", () => client.users.info({ user }));
  return info.ok && (info.value.user?.is_admin === true || info.value.user?.is_owner === true);
}

/**
 * May `user` change how the bot answers in `channel`? Workspace admins and owners may, and so
 * may the channel's creator (conversations.info).
 */
async function mayChange(
  deps: ListenerDeps,
  client: WebClient,
  user: string,
  channel: string,
): Promise<boolean> {
  if (await isWorkspaceAdmin(deps, client, user)) return true;
  const conversation = await callSlack(deps.logger, "conversations.info", () =>
    client.conversations.info({ channel }),
  );
  return conversation.ok && conversation.value.channel?.creator === user;
}

/** The reply to `/dm settings [auto|mention]`, changing the channel's mode when allowed. */
export async function settingsReply(
  deps: ListenerDeps,
  client: WebClient,
  input: {
    team?: string;
    user: string;
    channel: string;
    command: string;
    mode?: ChannelMode | "invalid";
  },
): Promise<SlackMessage> {
  const { team, user, channel, command, mode } = input;
  if (!/^[CG]/.test(channel)) return renderSettingsOnlyInChannels(command);
  if (mode === "invalid") return renderSettingsUsage(command);
  const allowed = await mayChange(deps, client, user, channel);
  if (mode === undefined) {
    return renderChannelSettings({
      channel,
      mode: await deps.settings.channelMode(team, channel),
      command,
      canChange: allowed,
    });
  }
  if (!allowed) {
    deps.logger.info(
      { event: "channel_mode_refused", channel, user },
      "not allowed to change a channel's mode",
    );
    return renderSettingsNotAllowed();
  }
  if (!(await deps.settings.setChannelMode(team, channel, mode, user)))
    return renderSettingsUnsaved();
  deps.logger.info({ event: "channel_mode", channel, mode, user }, "channel mode changed");
  return renderChannelModeChanged(channel, mode);
}
