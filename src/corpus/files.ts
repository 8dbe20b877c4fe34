/**
 * Finding and reading a content root's files, and putting parsed documents in reading order:
 * the loader's parts that need no markdown parser, so the knowledge store can load a handbook
 * from the parse cache without loading the parser (a third of a start) on its own thread.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MAX_FILE_BYTES } from "../config.js";
import { DOCUMENT_FILE as MARKDOWN_FILE } from "./file-types.js";
import { runToEnd } from "./steps.js";
import type { Document, KnowledgeBase, LoadWarning, ParsedDocument, Section } from "./types.js";

export { runToEnd } from "./steps.js";
export { UNORDERED } from "./types.js";

export interface ParsedKnowledgeBase {
  root: string;
  /** Every markdown file found, relative to the root, sorted. */
  files: string[];
  /** Documents that loaded, in file order. */
  documents: ParsedDocument[];
  warnings: LoadWarning[];
}

/** Codepoint order, so the result does not depend on the machine's locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `target` (a real path) is `root` (a real path) or inside it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

async function findMarkdownFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  const realRoot = await realpath(root);
  const walk = async (directory: string): Promise<void> => {
    const real = await realpath(directory);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    const entries = await readdir(directory, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // A link out of the content folder is never followed: it is listed, so that reading it
        // reports it (loadDocumentFile), but a linked directory is not walked.
        const real = await realpath(full).catch(() => undefined);
        if (real !== undefined && !isInside(realRoot, real)) {
          files.push(path.relative(root, full).split(path.sep).join("/"));
          continue;
        }
        const target = await stat(full).catch(() => undefined);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? MARKDOWN_FILE.test(entry.name); // dangling: report it
      }
      if (isDirectory && !MARKDOWN_FILE.test(entry.name)) await walk(full);
      else if (MARKDOWN_FILE.test(entry.name) && (isFile || isDirectory)) {
        files.push(path.relative(root, full).split(path.sep).join("/"));
      }
    }
  };
  await walk(root);
  return files.sort(compareStrings);
}

async function assertDirectory(root: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(root);
  } catch {
    throw new Error(`Content directory not found: ${root}`);
  }
  if (!info.isDirectory()) throw new Error(`Content path is not a directory: ${root}`);
}

/**
 * Every `.md`/`.mdx` file under `root` (an absolute path), relative to it with forward slashes,
 * in codepoint order; dot-directories and node_modules are skipped. Throws when `root` is
 * missing or not a directory.
 */
export async function listDocumentFiles(root: string): Promise<string[]> {
  await assertDirectory(root);
  return findMarkdownFiles(root);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "cannot read file: permission denied";
  if (code === "EISDIR") return "cannot read file: it is a directory";
  if (code === "ENOENT") return "cannot read file: it no longer exists (or is a broken link)";
  return `cannot read file: ${(error as Error).message ?? String(error)}`;
}

/** Names of files that hold secrets, never loaded even through a link with a markdown name. */
const SECRET_FILE = /^\.env|\.(?:pem|key|p12|pfx)$|^id_(?:rsa|ed25519|ecdsa)/i;

/**
 * Why a listed path must not be read, or undefined when it may: every path is resolved with
 * `realpath` and must stay under the real content root, and lead to a markdown file that is not
 * hidden (a link `notes.md -> .env` inside the root is refused too).
 */
async function refuseOutside(
  root: string,
  file: string,
  knownRealRoot?: Promise<string>,
): Promise<string | undefined> {
  const [realRoot, real] = await Promise.all([
    knownRealRoot ?? realpath(root),
    realpath(path.join(root, file)).catch(() => undefined),
  ]);
  if (real === undefined) return undefined; // missing or dangling: reading reports it
  if (!isInside(realRoot, real)) {
    return "skipped: it is a link to a place outside the content folder";
  }
  const segments = path.relative(realRoot, real).split(path.sep);
  const name = segments[segments.length - 1] ?? "";
  if (segments.some((segment) => segment.startsWith(".")) || SECRET_FILE.test(name)) {
    return "skipped: it leads to a hidden or secret file";
  }
  if (real !== path.join(realRoot, file) && !MARKDOWN_FILE.test(name)) {
    return "skipped: it is a link to a file that is not markdown";
  }
  return undefined;
}

export type DocumentFileOutcome = { document: ParsedDocument } | { warning: LoadWarning };

/**
 * What a caller reading many files already knows, so each file costs fewer system calls: the
 * root's real path (`realpath(root)`, the same for every file) and the file's size from a
 * `stat` just made. The size read is checked again after reading, as always.
 */
export interface KnownAboutFile {
  realRoot?: Promise<string>;
  size?: number;
}

function tooLarge(bytes: number, maxFileBytes: number): string {
  return `skipped: ${bytes} bytes, more than MAX_FILE_BYTES (${maxFileBytes})`;
}

/**
 * Reads one file under `root` (`file` relative, forward slashes), refusing what lies outside
 * it and what is larger than `maxFileBytes`. Never throws: a refused, too large or unreadable
 * file comes back as a warning.
 */
export async function readDocumentFile(
  root: string,
  file: string,
  read: (absolutePath: string) => Promise<Uint8Array> = (file) => readFile(file),
  maxFileBytes: number = DEFAULT_MAX_FILE_BYTES,
  known: KnownAboutFile = {},
): Promise<{ bytes: Uint8Array } | { warning: LoadWarning }> {
  const refused = await refuseOutside(root, file, known.realRoot);
  if (refused !== undefined) return { warning: { file, reason: refused } };
  // Parse time grows with size, so a file too large is refused before it is even read.
  const size = known.size ?? (await stat(path.join(root, file)).catch(() => undefined))?.size;
  if (size !== undefined && size > maxFileBytes) {
    return { warning: { file, reason: tooLarge(size, maxFileBytes) } };
  }
  let bytes: Uint8Array;
  try {
    bytes = await read(path.join(root, file));
  } catch (error) {
    return { warning: { file, reason: describeError(error) } };
  }
  // It may have grown between the stat and the read.
  if (bytes.byteLength > maxFileBytes) {
    return { warning: { file, reason: tooLarge(bytes.byteLength, maxFileBytes) } };
  }
  return { bytes };
}

/** Reading order: `order`, then title, then path. */
export function compareDocuments(a: Document, b: Document): number {
  return (
    a.order - b.order ||
    compareStrings(a.title.toLowerCase(), b.title.toLowerCase()) ||
    compareStrings(a.path, b.path)
  );
}

/** How parsed documents become a knowledge base. */
export interface AssembleOptions {
  /** Keep pages marked `draft: true` (SERVE_DRAFTS); by default they are left out. */
  serveDrafts?: boolean;
}

/** Puts parsed documents in reading order and numbers their sections globally. */
export function assembleKnowledgeBase(
  parsed: ParsedKnowledgeBase,
  options: AssembleOptions = {},
): KnowledgeBase {
  return runToEnd(assembleKnowledgeBaseSteps(parsed, options));
}

/** Documents handled between two yields of `assembleKnowledgeBaseSteps` (256 made steps of up to 15 ms at ×10 under the CPU profiler). */
const DOCUMENTS_PER_STEP = 64;

/**
 * `assembleKnowledgeBase` as a generator that yields every few dozen documents, so a reload
 * of tens of thousands of sections can give the event loop back (src/search/steps.ts).
 */
export function* assembleKnowledgeBaseSteps(
  parsed: ParsedKnowledgeBase,
  options: AssembleOptions = {},
): Generator<void, KnowledgeBase, void> {
  // A draft is nobody's reviewed answer yet: it is searched only when asked for (SERVE_DRAFTS).
  const served = options.serveDrafts
    ? parsed.documents
    : parsed.documents.filter((entry) => entry.document.draft === undefined);
  const ordered = [...served].sort((a, b) => compareDocuments(a.document, b.document));
  // Sorting thousands of pages is a step of its own.
  yield;
  const sections: Section[] = [];
  for (const [position, { sections: documentSections }] of ordered.entries()) {
    if (position % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    for (const section of documentSections) sections.push({ ...section, order: sections.length });
  }
  return {
    root: parsed.root,
    documents: ordered.map((entry) => entry.document),
    sections,
    warnings: parsed.warnings,
  };
}

/** Why a content root gave no sections: no markdown files, or the first few files' reasons. */
export function createNoContentError(
  parsed: Pick<ParsedKnowledgeBase, "root" | "files" | "warnings">,
): Error {
  const { root, files, warnings } = parsed;
  const detail =
    files.length === 0
      ? "no .md or .mdx files found"
      : `${files.length} file(s) found, none loaded: ${warnings
          .slice(0, 5)
          .map((warning) => `${warning.file} (${warning.reason})`)
          .join("; ")}`;
  return new Error(`No content loaded from ${root}: ${detail}`);
}
