import type { Document, Section } from "../../src/corpus/types.js";

/** Hand-built sections for search tests: one paragraph block per body string. */
export interface SectionSpec {
  doc: string;
  title?: string;
  heading?: string;
  breadcrumb?: string[];
  body: string | string[];
  questions?: string[];
  aliases?: string[];
}

export function buildSections(specs: readonly SectionSpec[]): Section[] {
  const documents = new Map<string, Document>();
  return specs.map((spec, order) => {
    let document = documents.get(spec.doc);
    if (document === undefined) {
      document = {
        path: spec.doc,
        title: spec.title ?? spec.doc.replace(/\.md$/, ""),
        tags: [],
        order: documents.size,
        sources: [],
        aliases: spec.aliases ?? [],
      };
      documents.set(spec.doc, document);
    }
    const heading = spec.heading ?? document.title;
    const paragraphs = Array.isArray(spec.body) ? spec.body : [spec.body];
    const slug = heading.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    return {
      id: spec.heading === undefined ? spec.doc : `${spec.doc}#${slug}`,
      document,
      heading,
      breadcrumb: spec.breadcrumb ?? (spec.heading === undefined ? [] : [spec.heading]),
      depth: spec.heading === undefined ? 0 : 2,
      order,
      line: 1,
      blocks: paragraphs.map((text) => ({ text, mrkdwn: text })),
      text: paragraphs.join("\n\n"),
      questions: spec.questions ?? [],
    };
  });
}

/** One-line sections on another page, so that a word on one page is rare, as in a real handbook. */
export function otherPages(...headings: string[]): SectionSpec[] {
  return headings.map((heading) => ({
    doc: "other.md",
    title: "Other",
    heading,
    body: `${heading}: ask the people team.`,
  }));
}
