import type { Section } from "../../corpus/types.js";
import { mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { escapeText } from "./escape.js";
import { SlackLimits, splitMrkdwn, truncate } from "./limits.js";
import { breadcrumbText, sourceLine } from "./source.js";
import type { KnownBlock, ModalView, ReplyContext } from "./types.js";

export function renderSectionModal(section: Section, ctx: ReplyContext = {}): ModalView {
  const body = section.blocks.map((b) => b.mrkdwn).join("\n\n");
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      `*${escapeText(section.document.title)}*\n${escapeText(breadcrumbText(section))}`,
    ),
    ...splitMrkdwn(body, SlackLimits.sectionText)
      .slice(0, 90)
      .map((c) => mrkdwnSection(c)),
    mrkdwnContext(sourceLine(section, ctx.docsBaseUrl)),
  ];
  return {
    type: "modal",
    title: { type: "plain_text", text: truncate(section.document.title, SlackLimits.modalTitle) },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}
