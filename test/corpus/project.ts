import { UNORDERED } from "../../src/corpus/parse.js";
import type { KnowledgeBase } from "../../src/corpus/types.js";

/** The parts of a knowledge base that fixture `expected.json` files pin down. */
export function project(base: KnowledgeBase) {
  return {
    documents: base.documents.map((document) => ({
      ...document,
      // JSON has no room for "unordered"; null stands for it.
      order: document.order === UNORDERED ? null : document.order,
    })),
    sections: base.sections.map((section) => ({
      id: section.id,
      document: section.document.path,
      heading: section.heading,
      breadcrumb: section.breadcrumb,
      depth: section.depth,
      order: section.order,
      line: section.line,
      questions: section.questions,
      blocks: section.blocks,
    })),
    warnings: base.warnings,
  };
}
