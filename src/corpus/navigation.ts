/**
 * How pages find each other: a wiki link or Hugo `ref` names a page loosely (`Oncall-Rotation`,
 * `travel-policy.md`, `/guides/x`), and GitBook's `SUMMARY.md` lists pages in reading order.
 */
import path from "node:path";
import { DOCUMENT_FILE, withoutDocumentExtension } from "./file-types.js";

/** GitBook's (and mdBook's) navigation file, at the root of the book, wherever that is. */
export const SUMMARY_FILE = "SUMMARY.md";

/** True for a navigation file: `SUMMARY.md` in any folder. */
export function isSummaryFile(file: string): boolean {
  return file === SUMMARY_FILE || file.endsWith(`/${SUMMARY_FILE}`);
}

function key(value: string): string {
  return value.toLowerCase();
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Finds the handbook file a loose page name means: a path from the linking page's folder or from
 * the root, with or without its extension, a folder's index page, or — as Obsidian and Hugo
 * resolve names — any page with that file name.
 */
export function createPageResolver(
  files: readonly string[],
): (target: string, from: string) => string | undefined {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const file of files) {
    const bare = withoutDocumentExtension(file);
    for (const name of [file, bare]) if (!byPath.has(key(name))) byPath.set(key(name), file);
    const index = /^(.*)\/(?:index|_index|readme)$/i.exec(bare)?.[1];
    if (index && !byPath.has(key(index))) byPath.set(key(index), file);
    const base = bare.split("/").pop() ?? bare;
    if (!byName.has(key(base))) byName.set(key(base), file);
  }
  return (target, from) => {
    const clean = safeDecode(target.replace(/[#?].*$/, "").trim()).replace(/\/+$/, "");
    if (!clean) return undefined;
    const candidates = clean.startsWith("/")
      ? [path.posix.normalize(clean.slice(1))]
      : [path.posix.join(path.posix.dirname(from), clean), path.posix.normalize(clean)];
    for (const candidate of candidates) {
      const found = byPath.get(key(candidate));
      if (found) return found;
    }
    const base = withoutDocumentExtension(clean.split("/").pop() ?? clean);
    return byName.get(key(base));
  };
}

/**
 * Finds the handbook file a markdown link's destination means, strictly: a path from the linking
 * page's folder (or from the root, with a leading `/`), with or without its extension, as a
 * folder's index page, as Middleman publishes it (`page.html`), or a page's own site path
 * (`slug`). No match by file name alone: `[diagram](img/flow.png)` must never become a link to
 * a page that happens to be called `flow.md`.
 */
export function createLinkResolver(
  files: readonly string[],
  sitePaths: ReadonlyMap<string, string> = new Map(),
): (target: string, from: string) => string | undefined {
  const byPath = new Map<string, string>();
  const add = (name: string, file: string) => {
    if (!byPath.has(key(name))) byPath.set(key(name), file);
  };
  for (const file of files) {
    const bare = withoutDocumentExtension(file);
    add(file, file);
    add(bare, file);
    const index = /^(?:(.*)\/)?(?:index|_index|readme)$/i.exec(bare);
    if (index) add(index[1] ?? "", file);
  }
  for (const [sitePath, file] of sitePaths) add(sitePath.replace(/^\/+|\/+$/g, ""), file);
  return (target, from) => {
    const clean = safeDecode(target.replace(/[#?].*$/, "").trim()).replace(/\/+$/, "");
    if (!clean) return undefined;
    const joined = clean.startsWith("/")
      ? path.posix.normalize(clean.slice(1))
      : path.posix.join(path.posix.dirname(from), clean);
    if (joined.startsWith("../")) return undefined;
    const candidate = joined === "." ? "" : joined;
    return byPath.get(key(candidate)) ?? byPath.get(key(candidate.replace(/\.html?$/i, "")));
  };
}

/**
 * Page → position in the SUMMARY.md files' lists of links (each relative to its own folder), for
 * pages without an `order` of their own.
 */
export async function readSummaryOrder(
  root: string,
  files: readonly string[],
  read: (absolutePath: string) => Promise<Uint8Array>,
): Promise<Map<string, number>> {
  const order = new Map<string, number>();
  const known = new Set(files);
  for (const summary of files.filter(isSummaryFile)) {
    let text: string;
    try {
      text = new TextDecoder().decode(await read(path.join(root, summary)));
    } catch {
      continue; // an unreadable SUMMARY.md leaves its pages in title order
    }
    const folder = path.posix.dirname(summary);
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?\s*\)/g)) {
      const link = safeDecode((match[1] ?? "").replace(/[#?].*$/, ""));
      const target = path.posix.normalize(path.posix.join(folder, link));
      if (DOCUMENT_FILE.test(target) && known.has(target) && !order.has(target)) {
        order.set(target, order.size);
      }
    }
  }
  return order;
}
