import type { ChannelMode } from "../conversations/channel-modes.js";
import { mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { escapeText } from "./escape.js";
import type { SlackMessage } from "./types.js";

const DESCRIBE: Record<ChannelMode, string> = {
  mention: "answers only when mentioned",
  auto: "answers questions automatically, in a thread, when it is confident",
};

function message(text: string, hint?: string): SlackMessage {
  return { text, blocks: [mrkdwnSection(text), ...(hint ? [mrkdwnContext(hint)] : [])] };
}

/** `/dm settings` in a channel: the current mode, and how to change it. */
export function renderChannelSettings(input: {
  channel: string;
  mode: ChannelMode;
  command: string;
  canChange: boolean;
}): SlackMessage {
  const { channel, mode, command } = input;
  const cmd = escapeText(command);
  return message(
    `:gear: In <#${escapeText(channel)}> the handbook bot ${DESCRIBE[mode]}.`,
    input.canChange
      ? `Change it with \`${cmd} settings auto\` (answer questions automatically) or \`${cmd} settings mention\` (only when mentioned).`
      : "Workspace admins and the channel's creator can change this.",
  );
}

export function renderChannelModeChanged(channel: string, mode: ChannelMode): SlackMessage {
  return message(
    `:white_check_mark: From now on, in <#${escapeText(channel)}> the handbook bot ${DESCRIBE[mode]}.`,
  );
}

export function renderSettingsNotAllowed(): SlackMessage {
  return message(
    ":lock: Only workspace admins and the channel's creator can change how the bot answers here.",
  );
}

export function renderSettingsOnlyInChannels(command: string): SlackMessage {
  return message(
    `Use \`${escapeText(command)} settings\` in a channel, to set how the bot answers there.`,
  );
}

export function renderSettingsUsage(command: string): SlackMessage {
  const cmd = escapeText(command);
  return message(
    `Settings take \`${cmd} settings\`, \`${cmd} settings auto\` or \`${cmd} settings mention\`.`,
  );
}

export function renderSettingsUnsaved(): SlackMessage {
  return message(":warning: I could not save that setting. Please try again in a moment.");
}
