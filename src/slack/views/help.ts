import { DEFAULT_SLASH_COMMAND } from "../../config.js";
import { header, mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { escapeText } from "./escape.js";
import type { SlackMessage } from "./types.js";

export interface HelpOptions {
  /** The slash command as installed (default `/dm`). */
  command?: string | undefined;
  /** Example questions; defaults suit the Delivery Manager handbook. Escaped before use. */
  examples?: readonly string[];
}

const DEFAULT_EXAMPLES = [
  "What does a delivery manager do?",
  "How does a delivery manager remove blockers?",
  "What is velocity?",
  "Delivery manager vs scrum master",
];

/**
 * The slash command as people type it, escaped for mrkdwn: the installed name when known, so
 * every hint names the command that works in this workspace.
 */
export function commandName(options: { command?: string | undefined } = {}): string {
  return escapeText(options.command?.trim() || DEFAULT_SLASH_COMMAND);
}

/** How to ask: the command, a mention, a DM, the Home tab; with a few example questions. */
export function renderHelp(options: HelpOptions = {}): SlackMessage {
  const command = commandName(options);
  const examples = (options.examples?.length ? options.examples : DEFAULT_EXAMPLES)
    .slice(0, 4)
    .map((q) => `• \`${command} ${escapeText(q.replace(/`/g, "'"))}\``);
  return {
    text: `Ask me about the handbook: ${command} <question>, mention me in a channel, or send me a DM.`.replace(
      /<question>/,
      "&lt;question&gt;",
    ),
    blocks: [
      header("How to ask the handbook"),
      mrkdwnSection(
        [
          "I answer questions from the team handbook, quoting the section I found and linking to it.",
          "",
          `• \`${command} <question>\` — ask privately; only you see the answer, with a button to share it.`.replace(
            "<question>",
            "&lt;question&gt;",
          ),
          `• \`${command} topics\` — everything the handbook covers.`,
          `• \`${command} help\` — this message.`,
          `• \`${command} settings auto\` (or \`mention\`) in a channel — answer questions there without a mention, or only when mentioned; for workspace admins and the channel's creator.`,
          `• \`${command} owner <page>\` — who owns a page here; admins set it with \`${command} owner set <page> <member ID>\`, and where unowned questions go with \`${command} settings escalation\`.`.replace(
            /<(page|member ID)>/g,
            "&lt;$1&gt;",
          ),
          "• Mention me in a channel with your question — I answer in a thread, and follow-up questions in that thread without a new mention.",
          "• Send me a direct message — just type the question.",
          "• Open my *Home* tab — search and browse the table of contents.",
          "• On any message, *More actions* (⋮) › *Ask the handbook* — look that message up, privately; *Add to handbook* — save an answer as a draft page for an editor to review.",
        ].join("\n"),
      ),
      mrkdwnSection(`*Try:*\n${examples.join("\n")}`),
      mrkdwnContext(
        "When the handbook has no good answer I say so and suggest the closest topics instead of guessing.",
      ),
    ],
  };
}

/**
 * What "thanks!" or "ok got it" gets: a short line that says how to go on, not a search for
 * the word "thanks" and an apology that the handbook does not cover it.
 */
export function renderAcknowledgement(
  options: { command?: string | undefined } = {},
): SlackMessage {
  const command = commandName(options);
  const text = `:+1: Ask me another question any time, or try \`${command} topics\` to see what the handbook covers.`;
  return { text, blocks: [mrkdwnSection(text)] };
}
