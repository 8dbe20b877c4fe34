/**
 * The parse cache: each file's parse outcome (its document and sections, or why it cannot be
 * loaded) on disk, keyed by the hash of the parser version, the file's path and its bytes.
 * An unchanged file is never parsed again, across reloads and restarts; parsing is most of
 * start-up time on a large handbook, reading a cached entry a small fraction of it.
 *
 * Safe when several processes share the folder: an entry is written to a temporary file and
 * renamed into place (readers see the whole old entry or the whole new one), and an entry that
 * cannot be read or does not have the expected shape is a miss, parsed again and rewritten.
 * Entries nothing uses any more (files changed or deleted, an older parser) are pruned: at
 * most once a day, `prune` removes entries the current load did not use that have not been
 * written for two weeks (an entry another process still uses costs it one parse, never a wrong
 * answer). Deleting the folder at any time is safe too.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, rename, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DocumentFileOutcome } from "../corpus/files.js";
import type { ParsedDocument } from "../corpus/parse.js";
import type { Document, LoadWarning, Section } from "../corpus/types.js";

/** Bumped when the entry layout below changes. */
const ENTRY_FORMAT = 1;

/**
 * The parser's identity: a hash of the corpus code (the parser and everything it calls, as
 * this build has it), the secret scrubber, and the exact versions of every dependency. Any
 * change to them gives new keys, so a cache never serves what an older parser made.
 */
export function parserVersion(): string {
  const hash = createHash("sha256");
  hash.update(`format ${ENTRY_FORMAT}\n`);
  const corpus = new URL("../corpus/", import.meta.url);
  const code = readdirSync(corpus)
    .filter((name) => /\.(?:ts|js)$/.test(name) && !name.endsWith(".d.ts"))
    .sort()
    .map((name) => new URL(name, corpus));
  for (const [name, url] of [
    ...code.map((url) => [url.pathname, url] as const),
    ["secrets", findSibling(new URL("../secrets", import.meta.url))] as const,
  ]) {
    hash.update(`${path.basename(name)}\n`);
    hash.update(readFileSync(url));
  }
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  hash.update(JSON.stringify((manifest as { dependencies?: unknown }).dependencies ?? {}));
  return hash.digest("hex").slice(0, 16);
}

/** `base.js` next to compiled code, `base.ts` next to the sources. */
function findSibling(base: URL): URL {
  const compiled = new URL(`${base.href}.js`);
  return existsSync(compiled) ? compiled : new URL(`${base.href}.ts`);
}

/** A section as stored: its document is kept once per entry, not once per section. */
type StoredSection = Omit<Section, "document">;

interface Entry {
  format: number;
  key: string;
  outcome:
    | { warning: LoadWarning }
    | { document: Omit<ParsedDocument, "sections"> & { sections: StoredSection[] } };
}

export interface ParseCache {
  /** The folder the entries live in. */
  readonly directory: string;
  /**
   * The key of a file's parse: parser version, path and bytes. Nothing else goes in: a parse
   * depends on its file alone (links to other pages are filled in afterwards: references.ts).
   */
  keyOf(file: string, bytes: Uint8Array): string;
  /** The cached outcome, or undefined on a miss (absent, unreadable or corrupt entry). */
  get(key: string): Promise<DocumentFileOutcome | undefined>;
  /** Stores an outcome; never rejects (a cache that cannot be written only costs time). */
  set(key: string, outcome: DocumentFileOutcome): Promise<void>;
  /** Removes entries no longer used (see PruneOptions); never rejects. */
  prune(options: PruneOptions): Promise<PruneResult>;
}

export interface PruneOptions {
  /** Keys in use (the current load's): never removed. */
  keep: ReadonlySet<string>;
  /** An unused entry goes once it was written longer ago than this (default 14 days). */
  maxAgeMs?: number;
  /** Runs at most once per this long per folder (default a day); 0 runs every time. */
  intervalMs?: number;
  now?: () => number;
}

export type PruneResult =
  | { skipped: true }
  | { skipped: false; removed: number; kept: number; failed: number };

/** Only these names are ever removed: entries (`<key>.json`) and writers' temporary files. */
const SHARD = /^[0-9a-f]{2}$/;
const ENTRY_FILE = /^([0-9a-f]{64})\.json$/;
const TEMPORARY_FILE = /^[0-9a-f]{64}\.json\.\d+\.[0-9a-f]{12}\.tmp$/;
/** A temporary file older than this was left by a writer that died. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The folder's last prune, by its modification time. */
const PRUNED_MARKER = ".pruned";

export interface ParseCacheOptions {
  directory: string;
  /** The parser's identity (`parserVersion()` unless given; tests pass their own). */
  version?: string;
  /** Told once when the folder cannot be written. */
  onWriteError?: (error: unknown) => void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Whether a parsed entry has the shape `set` writes; anything else is a miss. */
function revive(value: unknown, key: string): DocumentFileOutcome | undefined {
  if (!isObject(value) || value.format !== ENTRY_FORMAT || value.key !== key) return undefined;
  const outcome = value.outcome;
  if (!isObject(outcome)) return undefined;
  if (isObject(outcome.warning)) {
    const { file, reason } = outcome.warning;
    if (typeof file !== "string" || typeof reason !== "string") return undefined;
    return { warning: outcome.warning as unknown as LoadWarning };
  }
  const stored = outcome.document;
  if (!isObject(stored) || !isObject(stored.document) || !Array.isArray(stored.sections)) {
    return undefined;
  }
  const document = stored.document as unknown as Document;
  if (typeof document.path !== "string" || typeof document.title !== "string") return undefined;
  const sections: Section[] = [];
  for (const section of stored.sections as unknown[]) {
    if (!isObject(section) || typeof section.id !== "string" || typeof section.text !== "string") {
      return undefined;
    }
    sections.push({ ...(section as unknown as StoredSection), document });
  }
  const parsed = { ...(stored as unknown as ParsedDocument), document, sections };
  return { document: parsed };
}

function store(key: string, outcome: DocumentFileOutcome): Entry {
  if ("warning" in outcome) return { format: ENTRY_FORMAT, key, outcome };
  const { sections, ...rest } = outcome.document;
  const stored = sections.map(({ document: _document, ...section }) => section);
  return { format: ENTRY_FORMAT, key, outcome: { document: { ...rest, sections: stored } } };
}

export function createParseCache(options: ParseCacheOptions): ParseCache {
  const directory = path.resolve(options.directory);
  const version = options.version ?? parserVersion();
  let warned = false;
  const entryPath = (key: string) => path.join(directory, key.slice(0, 2), `${key}.json`);

  return {
    directory,
    keyOf(file, bytes) {
      return createHash("sha256").update(`${version}\0${file}\0`).update(bytes).digest("hex");
    },
    async get(key) {
      let text: string;
      try {
        text = await readFile(entryPath(key), "utf8");
      } catch {
        return undefined;
      }
      try {
        return revive(JSON.parse(text), key);
      } catch {
        return undefined;
      }
    },
    async prune(prune) {
      const now = prune.now ?? Date.now;
      const maxAgeMs = prune.maxAgeMs ?? 14 * DAY_MS;
      const intervalMs = prune.intervalMs ?? DAY_MS;
      const marker = path.join(directory, PRUNED_MARKER);
      const last = await lstat(marker).catch(() => undefined);
      if (last !== undefined && now() - last.mtimeMs < intervalMs) return { skipped: true };
      // Claimed first: a second process starting now skips instead of walking the folder too.
      try {
        await mkdir(directory, { recursive: true });
        await writeFile(marker, "");
        const at = new Date(now());
        await utimes(marker, at, at);
      } catch {
        return { skipped: true };
      }
      let removed = 0;
      let kept = 0;
      let failed = 0;
      const shards = await readdir(directory, { withFileTypes: true }).catch(() => []);
      for (const shard of shards) {
        // Never follows a link, never touches a name it did not write.
        if (!shard.isDirectory() || !SHARD.test(shard.name)) continue;
        const folder = path.join(directory, shard.name);
        const names = await readdir(folder, { withFileTypes: true }).catch(() => []);
        for (const entry of names) {
          if (!entry.isFile()) continue;
          const key = ENTRY_FILE.exec(entry.name)?.[1];
          const temporary = key === undefined && TEMPORARY_FILE.test(entry.name);
          if ((key === undefined && !temporary) || (key !== undefined && prune.keep.has(key))) {
            if (key !== undefined) kept++;
            continue;
          }
          const file = path.join(folder, entry.name);
          const info = await lstat(file).catch(() => undefined);
          if (info === undefined) continue;
          const age = now() - info.mtimeMs;
          if (age <= (temporary ? STALE_TEMPORARY_MS : maxAgeMs)) {
            if (key !== undefined) kept++;
            continue;
          }
          try {
            await rm(file);
            removed++;
          } catch {
            failed++;
          }
        }
      }
      return { skipped: false, removed, kept, failed };
    },
    async set(key, outcome) {
      const target = entryPath(key);
      // Unique per process and call: two writers never share a temporary file.
      const temporary = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(temporary, JSON.stringify(store(key, outcome)));
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        if (!warned) {
          warned = true;
          options.onWriteError?.(error);
        }
      }
    },
  };
}
