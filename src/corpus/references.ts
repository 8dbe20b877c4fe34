/**
 * References between pages: wiki links (`[[Page|label]]`), markdown links to other pages
 * (`[label](../x.md#part)`) and Hugo `ref`s (`{{< ref "x.md" >}}`, which read as the page's title).
 *
 * What they resolve to depends on the whole handbook (which pages exist, their titles) and on
 * DOCS_BASE_URL, while a file's parse must not: the bot parses files in worker threads and
 * caches each file's parse by its bytes alone, so a parse that depended on other files would be
 * served stale when they change. So parsing leaves a marker where each reference goes and lists
 * the references (`ParsedDocument.pageReferences`); `resolvePageReferences` fills the markers in
 * on the main thread, once every file is parsed, for the command-line loader and the bot alike.
 * It touches only documents that have references, and copies them: cached parses stay as parsed.
 *
 * Markers are characters from Unicode's private use area, which markdown parsing and mrkdwn
 * escaping leave alone; the parser removes them from the source first, so a page cannot forge one.
 */
import { withoutDocumentExtension } from "./file-types.js";
import {
  LINK_OPEN,
  LINK_PATTERN,
  MARKER_CHARACTERS,
  TITLE_OPEN,
  TITLE_PATTERN,
} from "./markers.js";
import { escapeProse, mrkdwnLink } from "./mrkdwn.js";
import { createLinkResolver, createPageResolver } from "./navigation.js";
import { documentUrl, withAnchor } from "./site-url.js";
import { runToEnd } from "./steps.js";
import {
  type ContentBlock,
  type Document,
  type DocumentLink,
  type PageReference,
  type ParsedDocument,
  type Section,
  UNORDERED,
} from "./types.js";

export type { PageReference } from "./types.js";

/** A readable title from a file name: `travel-policy.md` → "Travel policy". */
export function titleFromPath(path: string): string {
  const clean = path.replace(/[#?].*$/, "").replace(/\/+$/, "") || path;
  const parts = clean.split("/");
  let name = withoutDocumentExtension(parts[parts.length - 1] ?? clean);
  if (/^(?:index|readme|_index)$/i.test(name) && parts.length > 1) {
    name = parts[parts.length - 2] ?? name;
  }
  const words =
    name
      .replace(/^\d+[-_.]\s*/, "")
      .replace(/[-_]+/g, " ")
      .trim() || name;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * `text` with its title markers read as their targets' file names: what a heading's anchor is
 * made from, so that section ids never depend on other pages.
 */
export function withFileNameTitles(text: string, references: readonly PageReference[]): string {
  if (!text.includes(TITLE_OPEN)) return text;
  return text.replace(TITLE_PATTERN, (_, index: string) => {
    const reference = references[Number(index)];
    return reference ? titleFromPath(reference.target) : "";
  });
}

/** What the handbook knows about its pages, for filling references in. */
export interface PageIndex {
  /** The page a reference means, or undefined when the handbook has none. */
  resolve(reference: PageReference, from: string): string | undefined;
  /** A page's title (its file name's words when it did not load). */
  titleOf(path: string): string;
  /** A page's URL (`documentUrl`), or undefined when it has none. */
  urlOf(path: string): string | undefined;
  /** False when there is no handbook to look in: nothing resolves, and nothing is "missing". */
  knowsPages: boolean;
}

/**
 * The pages of a handbook: every markdown file found (loaded or not) for resolving, the loaded
 * documents for titles and site paths, and DOCS_BASE_URL for URLs.
 */
export function createPageIndex(
  files: readonly string[],
  documents: readonly Pick<ParsedDocument, "document" | "pageReferences">[],
  docsBaseUrl?: string,
): PageIndex {
  return runToEnd(createPageIndexSteps(files, documents, docsBaseUrl));
}

/**
 * `createPageIndex` in steps: at ×10 of the 18F handbook (2,471 files) it took 10–14 ms in
 * one piece, the longest step of a reload (measured 2026-12-07).
 */
function* createPageIndexSteps(
  files: readonly string[],
  documents: readonly Pick<ParsedDocument, "document" | "pageReferences">[],
  docsBaseUrl?: string,
): Generator<void, PageIndex, void> {
  const byPath = new Map<string, Document>();
  const sitePaths = new Map<string, string>();
  for (const { document } of documents) {
    byPath.set(document.path, document);
    if (document.sitePath !== undefined) sitePaths.set(document.sitePath, document.path);
  }
  yield;
  const loose = createPageResolver(files);
  yield;
  const strict = createLinkResolver(files, sitePaths);
  yield;
  const titles = new Map<string, string>();
  for (const { document, pageReferences } of documents) {
    // A title that itself prints a reference reads it as a file name: titles never chain.
    titles.set(document.path, withFileNameTitles(document.title, pageReferences ?? []));
  }
  return {
    knowsPages: true,
    resolve(reference, from) {
      if (reference.kind === "link")
        return reference.target ? strict(reference.target, from) : from;
      return loose(reference.target, from);
    },
    titleOf: (path) => titles.get(path) ?? titleFromPath(path),
    urlOf(path) {
      return documentUrl(byPath.get(path) ?? { path }, docsBaseUrl);
    },
  };
}

/** No handbook: references read as their words and file names (a page parsed on its own). */
export const NO_PAGES: PageIndex = {
  knowsPages: false,
  resolve: () => undefined,
  titleOf: titleFromPath,
  urlOf: () => undefined,
};

/** A parsed document with its references filled in: itself when it has none. */
export function resolveDocumentReferences(
  parsed: ParsedDocument,
  pages: PageIndex,
): ParsedDocument {
  const references = parsed.pageReferences ?? [];
  if (references.length === 0) return parsed;
  const from = parsed.document.path;
  const resolved = references.map((reference) => pages.resolve(reference, from));
  const title = (index: number): string => {
    const reference = references[index];
    if (!reference) return "";
    const page = resolved[index];
    return page === undefined ? titleFromPath(reference.target) : pages.titleOf(page);
  };
  const fillText = (value: string): string =>
    value.includes(TITLE_OPEN)
      ? value.replace(TITLE_PATTERN, (_, index: string) => title(Number(index)))
      : value;
  const fillMrkdwn = (value: string): string => {
    let filled = value.includes(TITLE_OPEN)
      ? value.replace(TITLE_PATTERN, (_, index: string) => escapeProse(title(Number(index))))
      : value;
    // Innermost first, so a marker in a label (never written, but possible) cannot nest links.
    while (filled.includes(LINK_OPEN)) {
      const next = filled.replace(LINK_PATTERN, (_, index: string, label: string) => {
        const reference = references[Number(index)];
        const page = resolved[Number(index)];
        const url = page === undefined ? undefined : pages.urlOf(page);
        if (!reference || url === undefined || !label.trim()) return label;
        return mrkdwnLink(withAnchor(url, reference.anchor), label);
      });
      if (next === filled) break;
      filled = next;
    }
    return filled.replace(MARKER_CHARACTERS, "");
  };
  const fillBlock = (block: ContentBlock): ContentBlock => ({
    text: fillText(block.text),
    mrkdwn: fillMrkdwn(block.mrkdwn),
  });

  const document: Document = { ...parsed.document, title: fillText(parsed.document.title) };
  const sections = parsed.sections.map((section): Section => {
    const blocks = section.blocks.map(fillBlock);
    return {
      ...section,
      document,
      heading: fillText(section.heading),
      breadcrumb: section.breadcrumb.map(fillText),
      blocks,
      text: blocks.map((block) => block.text).join("\n\n"),
    };
  });
  const missingPages: DocumentLink[] = [];
  if (pages.knowsPages) {
    const seen = new Set<string>();
    references.forEach((reference, index) => {
      if (reference.kind !== "wiki" || resolved[index] !== undefined) return;
      const key = `${reference.target}\0${reference.line}`;
      if (seen.has(key)) return;
      seen.add(key);
      missingPages.push({ url: reference.target, line: reference.line ?? 1 });
    });
  }
  return {
    ...parsed,
    document,
    sections,
    emptyHeadings: parsed.emptyHeadings.map((empty) => ({
      ...empty,
      heading: fillText(empty.heading),
    })),
    missingPages,
    pageReferences: [],
  };
}

/**
 * Every document with its references filled in against the handbook: `files` is every markdown
 * file found, `documents` those that loaded. Documents without references are returned as they
 * are; the others are copies.
 */
export function resolvePageReferences(
  files: readonly string[],
  documents: readonly ParsedDocument[],
  docsBaseUrl?: string,
): ParsedDocument[] {
  return runToEnd(resolvePageReferencesSteps(files, documents, docsBaseUrl));
}

/**
 * Documents resolved between two yields: at 20,000 sections the whole pass takes ~100 ms, and 128
 * documents made steps of 8–11 ms (measured 2026-12-07).
 */
const DOCUMENTS_PER_STEP = 32;

/** `resolvePageReferences` in slices that yield, for a reload that must not stall answers. */
export function* resolvePageReferencesSteps(
  files: readonly string[],
  documents: readonly ParsedDocument[],
  docsBaseUrl?: string,
): Generator<void, ParsedDocument[], void> {
  if (!documents.some((parsed) => (parsed.pageReferences ?? []).length > 0)) return [...documents];
  const pages = yield* createPageIndexSteps(files, documents, docsBaseUrl);
  yield;
  const resolved: ParsedDocument[] = [];
  for (const [position, parsed] of documents.entries()) {
    if (position % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    resolved.push(resolveDocumentReferences(parsed, pages));
  }
  return resolved;
}

/**
 * What only the whole handbook can give its parsed documents, done once every file is parsed:
 * references between pages filled in and GitBook's SUMMARY.md order for pages without an
 * `order`. Documents it changes are copies, so parses that are cached (the bot's parse cache,
 * its last good versions) stay independent of other pages and can be linked again after the
 * next change.
 */
export function linkDocuments(
  files: readonly string[],
  documents: readonly ParsedDocument[],
  options: { summaryOrder?: ReadonlyMap<string, number>; docsBaseUrl?: string } = {},
): ParsedDocument[] {
  return runToEnd(linkDocumentsSteps(files, documents, options));
}

/** `linkDocuments` in slices that yield (the knowledge store's reloads). */
export function* linkDocumentsSteps(
  files: readonly string[],
  documents: readonly ParsedDocument[],
  options: { summaryOrder?: ReadonlyMap<string, number>; docsBaseUrl?: string } = {},
): Generator<void, ParsedDocument[], void> {
  const resolved = yield* resolvePageReferencesSteps(files, documents, options.docsBaseUrl);
  const { summaryOrder } = options;
  if (!summaryOrder || summaryOrder.size === 0) return resolved;
  return resolved.map((parsed) => {
    const position = summaryOrder.get(parsed.document.path);
    if (position === undefined || parsed.document.order !== UNORDERED) return parsed;
    const document = { ...parsed.document, order: position };
    return { ...parsed, document, sections: parsed.sections.map((s) => ({ ...s, document })) };
  });
}
