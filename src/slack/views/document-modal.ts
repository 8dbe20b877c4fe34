import type { KnowledgeBase } from "../../corpus/types.js";
import { ActionId, indexedActionId } from "./actions.js";
import { actions, button, mrkdwnContext, mrkdwnSection, oneLine } from "./blocks.js";
import { escapeText } from "./escape.js";
import { commandName } from "./help.js";
import { SlackLimits, truncate } from "./limits.js";
import { countLabel, groupSectionsByDocument, sectionLabel } from "./toc.js";
import type { ActionsBlock, KnownBlock, ModalView } from "./types.js";

/** Title, count, and one block kept back for the "more than fits" note. */
const RESERVED_BLOCKS = 3;

/**
 * Every section of one document as buttons (25 per actions block), opened from Home's
 * "All n sections…". The buttons carry {@link ActionId.homeOpenSection}, so the same listener
 * opens the section (with `views.push`, since this is already a modal).
 */
export function renderDocumentModal(
  base: KnowledgeBase,
  documentPath: string,
  options: { command?: string | undefined } = {},
): ModalView {
  const entry = groupSectionsByDocument(base).find((e) => e.document.path === documentPath);
  const view = (title: string, blocks: KnownBlock[]): ModalView => ({
    type: "modal",
    callback_id: "document_sections",
    title: {
      type: "plain_text",
      text: truncate(oneLine(title), SlackLimits.modalTitle) || "Sections",
    },
    close: { type: "plain_text", text: "Close" },
    blocks,
  });
  if (!entry) {
    return view("Sections", [
      mrkdwnSection(
        "This document is no longer in the handbook. It may have been renamed or removed.",
      ),
    ]);
  }

  const { document, sections } = entry;
  const buttons = sections
    .filter((s) => s.id.length <= SlackLimits.buttonValue)
    .map((s, i) =>
      button({
        label: s.breadcrumb.length > 0 ? s.breadcrumb.join(" › ") : sectionLabel(s),
        actionId: indexedActionId(ActionId.homeOpenSection, i),
        value: s.id,
      }),
    );
  const rows: ActionsBlock[] = actions(buttons, "document_sections");
  const room = SlackLimits.viewBlocks - RESERVED_BLOCKS;
  const shownRows = rows.slice(0, room);
  const shown = shownRows.reduce((n, r) => n + r.elements.length, 0);

  const blocks: KnownBlock[] = [
    mrkdwnSection(`*${escapeText(oneLine(document.title))}*`),
    mrkdwnContext(countLabel(sections.length, "section")),
    ...shownRows,
  ];
  if (shown < sections.length) {
    blocks.push(
      mrkdwnContext(
        `${countLabel(sections.length - shown, "more section")} not listed here: ask about them with \`${commandName(options)}\`.`,
      ),
    );
  }
  return view(document.title, blocks);
}
