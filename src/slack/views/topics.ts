import type { KnowledgeBase } from "../../corpus/types.js";
import { ActionId, indexedActionId } from "./actions.js";
import { header, mrkdwnContext, mrkdwnSection, oneLine, plainLabel } from "./blocks.js";
import { escapeText } from "./escape.js";
import { commandName } from "./help.js";
import { SlackLimits, splitMrkdwn, truncate } from "./limits.js";
import { countLabel, groupSectionsByDocument, sectionLabel, type TocEntry } from "./toc.js";
import type { KnownBlock, PlainTextOption, SlackMessage, StaticSelect } from "./types.js";

/** Up to this many documents, each gets its own block with every heading and a section picker. */
const DETAILED_MAX_DOCUMENTS = 20;
/** A summary longer than this many blocks (≈ 3000 chars each) is a wall; Home lists the rest. */
const SUMMARY_MAX_BLOCKS = 12;
/** Headings shown per document in the summary of a big knowledge base. */
const SUMMARY_HEADINGS = 3;

/**
 * What the knowledge base covers, as one message (≤ 50 blocks). A small knowledge base lists
 * every document with its headings and a picker to open any section; a big one is summarised
 * (documents, section counts, first headings) and points to the Home tab for the rest.
 */
export function renderTopics(
  base: KnowledgeBase,
  options: { command?: string | undefined } = {},
): SlackMessage {
  const entries = groupSectionsByDocument(base);
  const sectionCount = entries.reduce((n, e) => n + e.sections.length, 0);
  const summary = `${countLabel(entries.length, "document")}, ${countLabel(sectionCount, "section")}`;
  const blocks: KnownBlock[] = [
    header("What the handbook covers"),
    mrkdwnContext(
      `${summary}. Ask with \`${commandName(options)} <question>\`, or open my *Home* tab to read any section.`.replace(
        "<question>",
        "&lt;question&gt;",
      ),
    ),
  ];

  if (entries.length === 0) {
    blocks.push(mrkdwnSection("The knowledge base is empty."));
  } else if (entries.length <= DETAILED_MAX_DOCUMENTS) {
    entries.forEach((entry, i) => {
      blocks.push(detailedEntry(entry, i));
    });
  } else {
    const room = Math.min(SUMMARY_MAX_BLOCKS, SlackLimits.messageBlocks - blocks.length);
    blocks.push(...summaryBlocks(entries, room));
  }

  const titles = entries.map((e) => e.document.title).join(", ");
  return {
    text: escapeText(truncate(`The handbook covers ${summary}: ${titles}`, 500)),
    blocks,
  };
}

function detailedEntry({ document, sections }: TocEntry, index: number): KnownBlock {
  // The text before the first heading (depth 0) and the shallowest headings share the top level.
  const minDepth = Math.min(...sections.map((s) => (s.depth === 0 ? 6 : s.depth)));
  const lines = sections.map(
    (s) => `${s.depth > minDepth ? "    ◦" : "•"} ${escapeText(oneLine(sectionLabel(s)))}`,
  );
  const title = `*${escapeText(oneLine(document.title))}*`;
  const body = fitLines(lines, SlackLimits.sectionText - title.length - 1);
  const options: PlainTextOption[] = sections
    .filter((s) => s.id.length <= SlackLimits.optionValue)
    .slice(0, SlackLimits.selectOptions)
    .map((s) => ({
      text: {
        type: "plain_text",
        text: plainLabel(s.breadcrumb.join(" › ") || sectionLabel(s), SlackLimits.optionText),
      },
      value: s.id,
    }));
  const picker: StaticSelect | undefined =
    options.length > 0
      ? {
          type: "static_select",
          action_id: indexedActionId(ActionId.topicsOpenSection, index),
          placeholder: { type: "plain_text", text: "Open a section…" },
          options,
        }
      : undefined;
  return mrkdwnSection(`${title}\n${body}`, picker);
}

/** As many whole lines as fit in `max` characters, then "…and n more". */
function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const more = `…and ${lines.length - i} more`;
    const rest = lines.length - i - 1;
    const need = length + line.length + 1 + (rest > 0 ? more.length + 1 : 0);
    if (need > max) {
      kept.push(more);
      return kept.join("\n");
    }
    kept.push(truncate(line, max));
    length += line.length + 1;
  }
  return kept.join("\n");
}

function summaryBlocks(entries: readonly TocEntry[], room: number): KnownBlock[] {
  const lines = entries.map(({ document, sections }) => {
    const headings = sections
      .filter((s) => s.depth > 0)
      .slice(0, SUMMARY_HEADINGS)
      .map((s) => escapeText(oneLine(s.heading)));
    const more = sections.length > SUMMARY_HEADINGS ? ", …" : "";
    return truncate(
      `• *${escapeText(oneLine(document.title))}* (${countLabel(sections.length, "section")})${headings.length ? `: ${headings.join(", ")}${more}` : ""}`,
      500,
    );
  });
  const chunks = splitMrkdwn(lines.join("\n"), SlackLimits.sectionText);
  // One block is kept back for the "and more" note.
  const shown = chunks.slice(0, Math.max(0, room - 1));
  const blocks: KnownBlock[] = shown.map((c) => mrkdwnSection(c));
  const listed = shown.reduce((n, c) => n + c.split("\n").length, 0);
  if (listed < entries.length) {
    blocks.push(
      mrkdwnContext(
        `…and ${countLabel(entries.length - listed, "more document")}. Open my *Home* tab to browse them all.`,
      ),
    );
  }
  return blocks;
}
