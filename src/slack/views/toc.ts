import type { Document, KnowledgeBase, Section } from "../../corpus/types.js";

/** A document and its sections in reading order: the unit every table of contents lists. */
export interface TocEntry {
  document: Document;
  sections: Section[];
}

/** Documents in the knowledge base's order, each with its sections; empty documents left out. */
export function groupSectionsByDocument(base: KnowledgeBase): TocEntry[] {
  const byPath = new Map<string, Section[]>();
  for (const section of base.sections) {
    const list = byPath.get(section.document.path);
    if (list) list.push(section);
    else byPath.set(section.document.path, [section]);
  }
  const entries: TocEntry[] = [];
  const seen = new Set<string>();
  const push = (document: Document) => {
    if (seen.has(document.path)) return;
    seen.add(document.path);
    const sections = byPath.get(document.path);
    if (sections && sections.length > 0) {
      entries.push({ document, sections: [...sections].sort((a, b) => a.order - b.order) });
    }
  };
  for (const document of base.documents) push(document);
  // Sections whose document is missing from `documents` still deserve a place in the contents.
  for (const sections of byPath.values()) if (sections[0]) push(sections[0].document);
  return entries;
}

/** How a section is named in a list: its heading, or "Introduction" for text before the first heading. */
export function sectionLabel(section: Section): string {
  return section.depth === 0 ? "Introduction" : section.heading;
}

/** "3 sections" / "1 section". */
export function countLabel(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
