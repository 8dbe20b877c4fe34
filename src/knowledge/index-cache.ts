/**
 * The index cache: the costly part of a built search index (`IndexSnapshot`: the postings and
 * the abbreviations learned from the text) on disk, next to the parse cache, so a start on a
 * handbook already indexed reads its index instead of building it. At a few thousand sections
 * building took as long as reading every file from the parse cache.
 *
 * A snapshot is keyed by a fingerprint of everything the build reads from the sections, in
 * order, and of the search code and its dependencies' versions: any change to either is another
 * key, so a snapshot is only ever used for the exact input it was built from. Writes are atomic
 * (a temporary file renamed into place), an unreadable or malformed snapshot is a miss, and only
 * the few most recently used snapshots are kept.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Section } from "../corpus/types.js";
import {
  decodeIndexSnapshot,
  encodeIndexSnapshotSteps,
  type IndexSnapshot,
} from "../search/index.js";
import { runStepsInSlices } from "../search/steps.js";

/** Bumped when the fingerprint below changes what it covers. */
const FINGERPRINT_FORMAT = 1;

/** A snapshot's file name: its key and this extension. */
const SNAPSHOT_FILE = /^[0-9a-f]{64}\.index$/;
/** A temporary file a crashed writer left behind is removed after this long. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * The search code's identity: a hash of every file of `src/search` as this build has it
 * (compiled or sources) and of the exact versions of every dependency.
 */
export function searchCodeVersion(): string {
  const hash = createHash("sha256");
  const root = new URL("../search/", import.meta.url);
  const walk = (directory: URL, prefix: string) => {
    const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      if (entry.isDirectory())
        walk(new URL(`${entry.name}/`, directory), `${prefix}${entry.name}/`);
      else if (/\.(?:ts|js|json)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        hash.update(`${prefix}${entry.name}\n`);
        hash.update(readFileSync(new URL(entry.name, directory)));
      }
    }
  };
  walk(root, "");
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  hash.update(JSON.stringify((manifest as { dependencies?: unknown }).dependencies ?? {}));
  return hash.digest("hex").slice(0, 16);
}

export interface IndexCache {
  readonly directory: string;
  /** The key of an index over `sections`, as the build reads them (in reading order). */
  keyOf(sections: readonly Section[]): string;
  /** The snapshot stored under `key`, or undefined (absent, unreadable, malformed). */
  get(key: string): Promise<IndexSnapshot | undefined>;
  /** Stores a snapshot and drops the oldest beyond `keep`; never rejects. */
  set(key: string, snapshot: IndexSnapshot): Promise<void>;
}

export interface IndexCacheOptions {
  /** The cache folder (CACHE_DIR); snapshots go in its `index/` folder. */
  directory: string;
  /** The search code's identity (`searchCodeVersion()` unless given; tests pass their own). */
  version?: string;
  /** Snapshots kept, the most recently used first (default 3). */
  keep?: number;
  /** Told once when the folder cannot be written. */
  onWriteError?: (error: unknown) => void;
}

/** Whether a section's text is its blocks' text joined with blank lines, as parse.ts makes it. */
function isJoinedBlocks(section: Section): boolean {
  const { text, blocks } = section;
  let at = 0;
  for (const [position, block] of blocks.entries()) {
    if (position > 0) {
      if (!text.startsWith("\n\n", at)) return false;
      at += 2;
    }
    if (!text.startsWith(block.text, at)) return false;
    at += block.text.length;
  }
  return blocks.length > 0 && at === text.length;
}

/** Separates strings in the fingerprint; it cannot occur in them after parsing. */
const SEPARATOR = "\u0000";

export function createIndexCache(options: IndexCacheOptions): IndexCache {
  const directory = path.join(path.resolve(options.directory), "index");
  const version = options.version ?? searchCodeVersion();
  const keep = Math.max(1, options.keep ?? 3);
  let warned = false;
  const snapshotPath = (key: string) => path.join(directory, `${key}.index`);
  const isKey = (key: string) => /^[0-9a-f]{64}$/.test(key);

  /** Removes all but the `keep` most recently used snapshots, and stale temporary files. */
  async function prune(): Promise<void> {
    const names = await readdir(directory).catch(() => [] as string[]);
    const now = Date.now();
    const snapshots: { name: string; used: number }[] = [];
    for (const name of names) {
      const info = await stat(path.join(directory, name)).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      if (SNAPSHOT_FILE.test(name)) snapshots.push({ name, used: info.mtimeMs });
      else if (name.endsWith(".tmp") && now - info.mtimeMs > STALE_TEMPORARY_MS) {
        await rm(path.join(directory, name), { force: true });
      }
    }
    snapshots.sort((a, b) => b.used - a.used);
    for (const { name } of snapshots.slice(keep)) {
      await rm(path.join(directory, name), { force: true });
    }
  }

  return {
    directory,
    keyOf(sections) {
      const hash = createHash("sha256");
      hash.update(`format ${FINGERPRINT_FORMAT}\n${version}\n${sections.length}\n`);
      // Every field the build reads (postings.ts fieldTexts, index.ts), in reading order.
      const ordered = [...sections].sort((a, b) => a.order - b.order);
      for (const section of ordered) {
        const { document } = section;
        const parts = [
          String(section.order),
          document.path,
          document.title,
          String(document.aliases.length),
          ...document.aliases,
          section.heading,
          String(section.depth),
          String(section.breadcrumb.length),
          ...section.breadcrumb,
          String(section.questions.length),
          ...section.questions,
          section.text,
          String(section.blocks.length),
          // The blocks are pieces of the text (types.ts): their lengths say which, and their
          // text is hashed again only when they are not.
          ...(isJoinedBlocks(section)
            ? section.blocks.map((block) => String(block.text.length))
            : section.blocks.map((block) => block.text)),
        ];
        hash.update(`${parts.join(SEPARATOR)}\u0001`);
      }
      return hash.digest("hex");
    },
    async get(key) {
      if (!isKey(key)) return undefined;
      const file = snapshotPath(key);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch {
        return undefined;
      }
      const snapshot = decodeIndexSnapshot(bytes);
      // Used now: pruning keeps the most recently used.
      if (snapshot !== undefined) {
        const now = new Date();
        await utimes(file, now, now).catch(() => undefined);
      }
      return snapshot;
    },
    async set(key, snapshot) {
      if (!isKey(key)) return;
      const target = snapshotPath(key);
      const temporary = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await mkdir(directory, { recursive: true });
        // Encoded in slices: the bot is answering by now.
        await writeFile(temporary, await runStepsInSlices(encodeIndexSnapshotSteps(snapshot)));
        await rename(temporary, target);
        await prune();
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
