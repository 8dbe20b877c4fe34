import { mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { escapeText } from "./escape.js";
import { ownerMention } from "./source.js";
import type { SlackMessage } from "./types.js";

/**
 * Replies to the admin commands of workspace-admin.ts: the escalation channel and document
 * owners of the asking workspace. Every id and title shown is escaped; a channel or user id is
 * shown as a mention only once it has been checked to be an id.
 */
function message(text: string, hint?: string): SlackMessage {
  return { text, blocks: [mrkdwnSection(text), ...(hint ? [mrkdwnContext(hint)] : [])] };
}

export function renderEscalationChannel(input: {
  own?: string;
  fallback?: string;
  command: string;
}): SlackMessage {
  const cmd = escapeText(input.command);
  const hint = `Workspace admins can change it with \`${cmd} settings escalation here\` in a channel, \`${cmd} settings escalation #channel\`, or \`${cmd} settings escalation off\`.`;
  if (input.own !== undefined)
    return message(
      `:rotating_light: "Ask an expert" goes to ${ownerMention(input.own)} when a document names no owner here.`,
      hint,
    );
  if (input.fallback !== undefined)
    return message(
      `:rotating_light: "Ask an expert" goes to ${ownerMention(input.fallback)} (the bot's default) when a document names no owner.`,
      hint,
    );
  return message(
    ':rotating_light: No escalation channel is set: "Ask an expert" works only for documents with an owner.',
    hint,
  );
}

export function renderEscalationChannelChanged(channel: string | undefined): SlackMessage {
  return message(
    channel === undefined
      ? ":white_check_mark: This workspace's escalation channel is cleared; the bot's default applies again."
      : `:white_check_mark: From now on, "Ask an expert" goes to ${ownerMention(channel)} when a document names no owner. Make sure the bot is a member of it.`,
  );
}

export function renderDocumentOwner(input: {
  title: string;
  path: string;
  owner?: string;
  command: string;
}): SlackMessage {
  const cmd = escapeText(input.command);
  const doc = `*${escapeText(input.title)}* (\`${escapeText(input.path)}\`)`;
  return message(
    input.owner === undefined
      ? `:bust_in_silhouette: ${doc} has no owner in this workspace.`
      : `:bust_in_silhouette: ${doc} is owned by ${ownerMention(input.owner)} in this workspace.`,
    `Workspace admins can change it with \`${cmd} owner set ${escapeText(input.path)} @person\` or \`${cmd} owner clear ${escapeText(input.path)}\`.`,
  );
}

export function renderDocumentOwnerChanged(input: {
  title: string;
  owner: string | undefined;
}): SlackMessage {
  const title = `*${escapeText(input.title)}*`;
  return message(
    input.owner === undefined
      ? `:white_check_mark: ${title} no longer has an owner set here; its frontmatter applies again.`
      : `:white_check_mark: ${ownerMention(input.owner)} now owns ${title} in this workspace: they get its "Ask an expert" questions and "not helpful" notices.`,
  );
}

export function renderNoSuchDocument(page: string, command: string): SlackMessage {
  return message(
    `:mag: No page matches "${escapeText(page)}".`,
    `Give its path as the handbook has it (\`rituals/retrospective.md\`, \`.md\` optional) or its exact title; \`${escapeText(command)} topics\` lists them.`,
  );
}

/** The admin commands' usage; `plainName` is a person or channel that arrived as a bare name. */
export function renderAdminUsage(command: string, plainName?: string): SlackMessage {
  const cmd = escapeText(command);
  const name =
    plainName === undefined
      ? ""
      : `\`${escapeText(plainName)}\` reached the bot as a name, not as a Slack id: pick the person or channel from Slack's suggestions as you type (the app must be installed from its current \`manifest.yml\`, which escapes \`${cmd}\`), or give the id. `;
  return message(
    `${name}Use \`${cmd} owner <page>\`, \`${cmd} owner set <page> @person\`, \`${cmd} owner clear <page>\`, \`${cmd} settings escalation\`, \`${cmd} settings escalation here\`, \`${cmd} settings escalation #channel\` or \`${cmd} settings escalation off\`.`,
    "Give a person by their member ID (their profile → ⋯ → Copy member ID), such as U012AB3CD, and a channel by its ID (channel details, at the bottom), such as C012AB3CD. An owner may be a channel too.",
  );
}

export function renderAdminOnly(): SlackMessage {
  return message(":lock: Only workspace admins and owners can change this.");
}
