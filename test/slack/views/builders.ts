import type { Document, KnowledgeBase, Section } from "../../../src/corpus/types.js";
import type { Tier } from "../../../src/search/decide.js";
import type { SearchResponse, SearchResult } from "../../../src/search/types.js";
import { decisionOf } from "../../helpers.js";

/** Small, explicit builders for hand-written view tests. */

export function makeDocument(overrides: Partial<Document> = {}): Document {
  return {
    path: "rituals/retrospectives.md",
    title: "Retrospectives",
    tags: [],
    order: 1,
    sources: [],
    aliases: [],
    ...overrides,
  };
}

export function makeSection(overrides: Partial<Section> = {}): Section {
  const document = overrides.document ?? makeDocument();
  const heading = overrides.heading ?? "Running the session";
  const blocks = overrides.blocks ?? [
    {
      text: "Open with a check-in, then gather what went well and what did not.",
      mrkdwn: "Open with a *check-in*, then gather what went well and what did not.",
    },
  ];
  return {
    id: `${document.path}#running-the-session`,
    document,
    heading,
    breadcrumb: ["Facilitation", heading],
    depth: 2,
    order: 1,
    line: 10,
    blocks,
    text: blocks.map((b) => b.text).join("\n\n"),
    questions: [],
    ...overrides,
  };
}

export function makeResult(section: Section, matchedTerms: string[] = []): SearchResult {
  return { section, score: 1, matchedTerms };
}

export function makeResponse(
  query: string,
  sections: Section[],
  confident: boolean | Tier,
): SearchResponse {
  const tier: Tier = confident === true ? "answer" : confident === false ? "none" : confident;
  return {
    query,
    decision: decisionOf(tier),
    results: sections.map((s) => makeResult(s)),
  };
}

/** A knowledge base of `documents` documents with `sectionsPerDocument` sections each. */
export function makeBase(documents: number, sectionsPerDocument: number): KnowledgeBase {
  const docs: Document[] = [];
  const sections: Section[] = [];
  for (let d = 0; d < documents; d++) {
    const document = makeDocument({ path: `docs/doc-${d}.md`, title: `Document ${d}`, order: d });
    docs.push(document);
    for (let s = 0; s < sectionsPerDocument; s++) {
      sections.push(
        makeSection({
          id: s === 0 ? document.path : `${document.path}#heading-${s}`,
          document,
          heading: s === 0 ? document.title : `Heading ${d}.${s}`,
          breadcrumb: s === 0 ? [] : [`Heading ${d}.${s}`],
          depth: s === 0 ? 0 : 2,
          order: d * 1000 + s,
        }),
      );
    }
  }
  return { root: "/kb", documents: docs, sections, warnings: [] };
}

/** True when `s` has no lone surrogate (a cut through an emoji leaves one). */
export function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
