/**
 * Reads a content root into a KnowledgeBase. The only file I/O of the corpus: everything else
 * is parseDocument over strings. A bad file never stops the rest from loading; it comes back as
 * a LoadWarning naming the file and the reason. Finding, reading and ordering files without
 * parsing them is files.ts, re-exported here.
 */
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MAX_FILE_BYTES } from "../config.js";
import { scrubSecrets } from "../secrets.js";
import {
  assembleKnowledgeBase,
  createNoContentError,
  type DocumentFileOutcome,
  listDocumentFiles,
  type ParsedKnowledgeBase,
  readDocumentFile,
} from "./files.js";
import { isSummaryFile, readSummaryOrder } from "./navigation.js";
import { DocumentParseError, type ParsedDocument, parseDocument } from "./parse.js";
import { linkDocuments } from "./references.js";
import type { KnowledgeBase, LoadWarning } from "./types.js";

export {
  type AssembleOptions,
  assembleKnowledgeBase,
  assembleKnowledgeBaseSteps,
  compareDocuments,
  createNoContentError,
  type DocumentFileOutcome,
  isInside,
  listDocumentFiles,
  type ParsedKnowledgeBase,
  readDocumentFile,
} from "./files.js";
export { linkDocuments } from "./references.js";

export interface LoadOptions {
  /** Reads a file's bytes; injectable so tests can simulate unreadable files. */
  readFile?: (absolutePath: string) => Promise<Uint8Array>;
  /** Files larger than this are skipped with a warning, unread (MAX_FILE_BYTES; default 2 MB). */
  maxFileBytes?: number;
  /** DOCS_BASE_URL: links between pages become links to the pages' URLs (references.ts). */
  docsBaseUrl?: string;
  /** Keep pages marked `draft: true` (SERVE_DRAFTS); by default they are left out. */
  serveDrafts?: boolean;
  /** Parses stored earlier (the parse cache, knowledge/parse-cache.ts): unchanged files are not parsed again. */
  cache?: OutcomeCache;
}

/** A store of parse outcomes by file and bytes (a parse depends on nothing else). */
export interface OutcomeCache {
  keyOf(file: string, bytes: Uint8Array): string;
  get(key: string): Promise<DocumentFileOutcome | undefined>;
  set(key: string, outcome: DocumentFileOutcome): Promise<void>;
}

/** Files read at once: enough to keep the disk busy without exhausting file handles. */
const READ_CONCURRENCY = 32;

/**
 * One file's bytes → its document, or a warning when they are not UTF-8, empty or unparsable.
 * Pure (no file system), so it runs as well in a worker thread. Never throws. The outcome
 * depends on the file alone: its references to other pages are left for `linkDocuments`.
 */
export function parseDocumentBytes(file: string, bytes: Uint8Array): DocumentFileOutcome {
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { warning: { file, reason: "not valid UTF-8 text (save the file as UTF-8)" } };
  }
  try {
    // Slack tokens in content are masked before parsing: no reply can ever quote one.
    const document = parseDocument(file, scrubSecrets(source), { deferReferences: true });
    if (document.sections.length === 0) {
      const reason = !source.trim()
        ? "empty file"
        : "no content after the frontmatter (nothing to answer from)";
      return { warning: { file, reason } };
    }
    return { document };
  } catch (error) {
    if (error instanceof DocumentParseError) {
      const warning: LoadWarning = { file, reason: error.reason };
      if (error.line !== undefined) warning.line = error.line;
      return { warning };
    }
    return { warning: { file, reason: `could not parse: ${(error as Error).message}` } };
  }
}

/**
 * Reads and parses one file under `root` (`file` relative, forward slashes). Never throws:
 * an unreadable, non-UTF-8, empty or unparsable file comes back as a warning.
 */
export async function loadDocumentFile(
  root: string,
  file: string,
  read: (absolutePath: string) => Promise<Uint8Array> = (file) => readFile(file),
  maxFileBytes: number = DEFAULT_MAX_FILE_BYTES,
): Promise<DocumentFileOutcome> {
  const outcome = await readDocumentFile(root, file, read, maxFileBytes);
  return "bytes" in outcome ? parseDocumentBytes(file, outcome.bytes) : outcome;
}

/** Finds and parses every markdown file under `root`, without building sections' order. */
export async function loadParsedDocuments(
  root: string,
  options: LoadOptions = {},
): Promise<ParsedKnowledgeBase> {
  const absoluteRoot = path.resolve(root);
  const read = options.readFile ?? ((file: string) => readFile(file));
  const files = await listDocumentFiles(absoluteRoot);
  const { maxFileBytes } = options;
  // GitBook's SUMMARY.md is the handbook's navigation, not a page: it gives pages their order.
  const pages = files.filter((file) => !isSummaryFile(file));
  const realRoot = realpath(absoluteRoot);
  realRoot.catch(() => undefined);
  /**
   * One file read and parsed, through the cache when there is one. A parse depends on the file
   * alone (references to other pages are filled in afterwards, by `linkDocuments`), so its key
   * is the file's path and bytes. The entry is written before anything can change the outcome.
   */
  const loadOne = async (file: string): Promise<DocumentFileOutcome> => {
    const bytes = await readDocumentFile(absoluteRoot, file, read, maxFileBytes, { realRoot });
    if ("warning" in bytes) return bytes;
    const { cache } = options;
    if (cache === undefined) return parseDocumentBytes(file, bytes.bytes);
    const key = cache.keyOf(file, bytes.bytes);
    const cached = await cache.get(key);
    if (cached !== undefined) return cached;
    const outcome = parseDocumentBytes(file, bytes.bytes);
    await cache.set(key, outcome);
    return outcome;
  };
  const outcomes: DocumentFileOutcome[] = new Array(pages.length);
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const index = next++;
      outcomes[index] = await loadOne(pages[index] ?? "");
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, pages.length) }, worker));

  const parsed: ParsedDocument[] = [];
  const warnings: LoadWarning[] = [];
  for (const outcome of outcomes) {
    if ("document" in outcome) parsed.push(outcome.document);
    else warnings.push(outcome.warning);
  }
  const summaryOrder = await readSummaryOrder(absoluteRoot, files, read);
  const documents = linkDocuments(files, parsed, {
    summaryOrder,
    ...(options.docsBaseUrl !== undefined && { docsBaseUrl: options.docsBaseUrl }),
  });
  return { root: absoluteRoot, files, documents, warnings };
}

/**
 * Loads every `.md`/`.mdx` file under `root` (skipping dot-directories and node_modules).
 * Throws when the root is missing or not a directory, or when not one section could be loaded.
 */
export async function loadKnowledgeBase(
  root: string,
  options: LoadOptions = {},
): Promise<KnowledgeBase> {
  const parsed = await loadParsedDocuments(root, options);
  const base = assembleKnowledgeBase(parsed, { serveDrafts: options.serveDrafts ?? false });
  if (base.sections.length === 0) throw createNoContentError(parsed);
  return base;
}
