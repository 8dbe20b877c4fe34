import type { Section } from "../../corpus/types.js";
import { mrkdwnContext, mrkdwnSection, oneLine } from "./blocks.js";
import { escapeText } from "./escape.js";
import { SlackLimits, splitMrkdwn, truncate } from "./limits.js";
import { reviewDueNote, sectionUrl, slackLink, sourceLine, titleAndBreadcrumb } from "./source.js";
import type { KnownBlock, ModalView, ReplyContext } from "./types.js";

/** Title, source line, review-due note and the "continues elsewhere" note. */
const RESERVED_BLOCKS = 4;
export const SECTION_MODAL_CALLBACK_ID = "section";

/**
 * A whole section in a modal: the document title and breadcrumb, every block of the body
 * (split over section blocks of ≤ 3000 characters), and where it comes from. A section too
 * long for 100 blocks is cut with a note pointing to the source.
 */
export function renderSectionModal(section: Section, ctx: ReplyContext = {}): ModalView {
  const { document } = section;
  const body = section.blocks
    .map((b) => b.mrkdwn.trim())
    .filter((m) => m.length > 0)
    .join("\n\n");
  const chunks = body ? splitMrkdwn(body, SlackLimits.sectionText) : [];
  const room = SlackLimits.viewBlocks - RESERVED_BLOCKS;

  const blocks: KnownBlock[] = [mrkdwnSection(titleAndBreadcrumb(section))];
  if (chunks.length === 0) {
    blocks.push(
      mrkdwnSection(
        "_This heading has no text of its own; its subsections follow it in the document._",
      ),
    );
  }
  for (const chunk of chunks.slice(0, room)) blocks.push(mrkdwnSection(chunk));
  if (chunks.length > room) {
    const url = sectionUrl(section, ctx.docsBaseUrl);
    blocks.push(
      mrkdwnContext(
        `This section is too long to show in full here. Read the rest in ${
          url
            ? slackLink(url, document.title)
            : `\`${escapeText(document.path)}\` (line ${section.line})`
        }.`,
      ),
    );
  }
  blocks.push(mrkdwnContext(sourceLine(section, ctx.docsBaseUrl, ctx.now, ctx.ownerOf)));
  const reviewDue = reviewDueNote(section, ctx.now);
  if (reviewDue) blocks.push(mrkdwnContext(reviewDue));

  return {
    type: "modal",
    callback_id: SECTION_MODAL_CALLBACK_ID,
    // Slack rejects a modal whose private_metadata exceeds 3000 characters.
    private_metadata: section.id.length <= SlackLimits.privateMetadata ? section.id : "",
    title: {
      type: "plain_text",
      text: truncate(oneLine(document.title), SlackLimits.modalTitle) || "Handbook",
    },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}
