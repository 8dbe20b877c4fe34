import { escapeText } from "./escape.js";
import { SlackLimits, truncate } from "./limits.js";
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
} from "./types.js";

/**
 * Small Block Kit builders that apply Slack's limits at the point of construction, so no view
 * can produce an over-long text or an empty section by accident.
 */

/** A mrkdwn section; the text is truncated to 3000 and an empty text becomes a visible dash. */
export function mrkdwnSection(text: string, accessory?: SectionBlock["accessory"]): SectionBlock {
  const block: SectionBlock = {
    type: "section",
    text: { type: "mrkdwn", text: nonEmpty(truncate(text, SlackLimits.sectionText)) },
  };
  if (accessory) block.accessory = accessory;
  return block;
}

export function header(text: string): HeaderBlock {
  return {
    type: "header",
    text: { type: "plain_text", text: nonEmpty(truncate(oneLine(text), SlackLimits.headerText)) },
  };
}

/** A context block of mrkdwn elements (empty ones dropped, at most 10). */
export function mrkdwnContext(...texts: string[]): ContextBlock {
  const elements = texts
    .filter((t) => t.trim().length > 0)
    .slice(0, SlackLimits.contextElements)
    .map((t) => ({ type: "mrkdwn" as const, text: truncate(t, SlackLimits.contextText) }));
  return {
    type: "context",
    elements: elements.length > 0 ? elements : [{ type: "mrkdwn", text: "-" }],
  };
}

export function divider(): KnownBlock {
  return { type: "divider" };
}

export interface ButtonSpec {
  label: string;
  actionId: string;
  value: string;
  style?: "primary" | "danger";
  /** Hover text for screen readers; defaults to the label. */
  accessibilityLabel?: string;
}

export function button({ label, actionId, value, style, accessibilityLabel }: ButtonSpec): Button {
  const b: Button = {
    type: "button",
    action_id: actionId,
    text: {
      type: "plain_text",
      text: nonEmpty(truncate(oneLine(label), SlackLimits.buttonText)),
      emoji: true,
    },
    value,
  };
  if (style) b.style = style;
  if (accessibilityLabel) b.accessibility_label = truncate(accessibilityLabel, 75);
  return b;
}

/** Actions blocks holding `buttons`, 25 per block (Slack's limit). */
export function actions(buttons: Button[], blockIdPrefix?: string): ActionsBlock[] {
  const out: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += SlackLimits.actionsElements) {
    const block: ActionsBlock = {
      type: "actions",
      elements: buttons.slice(i, i + SlackLimits.actionsElements),
    };
    if (blockIdPrefix) block.block_id = `${blockIdPrefix}${i === 0 ? "" : `:${i}`}`;
    out.push(block);
  }
  return out;
}

/** One line of plain text within `max`, never blank (Slack rejects empty texts). */
export function plainLabel(text: string, max: number, fallback = "-"): string {
  const label = truncate(oneLine(text), max);
  return label.length > 0 ? label : fallback;
}

/** Long enough to recognise a question or heading, short enough not to drown the reply. */
const ECHO_MAX = 300;

/** User text (a question, a heading) echoed back in mrkdwn: one line, bounded, escaped. */
export function echoText(text: string): string {
  return escapeText(truncate(oneLine(text), ECHO_MAX));
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function nonEmpty(text: string): string {
  return text.trim().length > 0 ? text : "-";
}
