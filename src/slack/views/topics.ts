import type { KnowledgeBase } from "../../corpus/types.js";
import { header, mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { escapeText } from "./escape.js";
import { SlackLimits, splitMrkdwn } from "./limits.js";
import type { KnownBlock, SlackMessage } from "./types.js";

export function renderTopics(base: KnowledgeBase): SlackMessage {
  const blocks: KnownBlock[] = [header("What the handbook covers")];
  const lines = base.documents.map((doc) => {
    const count = base.sections.filter((s) => s.document.path === doc.path).length;
    return `• *${escapeText(doc.title)}* (${count} sections)`;
  });
  for (const chunk of splitMrkdwn(lines.join("\n"), SlackLimits.sectionText).slice(0, 40)) {
    blocks.push(mrkdwnSection(chunk));
  }
  blocks.push(mrkdwnContext("Open my Home tab to browse every section."));
  return { text: "What the handbook covers", blocks };
}
