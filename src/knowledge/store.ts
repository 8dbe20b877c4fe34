/**
 * The live knowledge base: loads the content directory, watches it, and swaps in a freshly
 * built knowledge base and index after every change, without a restart.
 *
 * Guarantees:
 * - `current()` always returns a complete `Knowledge`: each reload builds its base and index off
 *   to the side and replaces one reference at the end, so a query running during a reload sees
 *   either the old knowledge or the new one, never a mix.
 * - Reloads run one at a time; requests arriving during a reload are coalesced into a single
 *   follow-up reload, which sees every change made before it started.
 * - A file that stops parsing keeps serving its last good version, so an edit with a typo in
 *   the frontmatter never makes an answerable question unanswerable. A deleted file is removed.
 * - Only files whose stamp (inode, size, mtime, ctime) changed are read again; the rest reuse
 *   their parse from the previous reload. A file read again is parsed by the `parser` (a pool of
 *   worker threads behind the parse cache in production, so unchanged bytes are never parsed
 *   twice and parsing never runs on the event loop).
 * - The first index is built at once (nothing is served yet); every later one in slices that
 *   give the event loop back every few milliseconds, so questions and /healthz keep flowing.
 * - `close()` stops a reload in progress at its next step (parses are abandoned, the index
 *   build stops between slices), so a shutdown never waits for a reload.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import {
  type AssembleOptions,
  assembleKnowledgeBaseSteps,
  createNoContentError,
  type DocumentFileOutcome,
  type KnownAboutFile,
  listDocumentFiles,
  readDocumentFile,
} from "../corpus/files.js";
import { isSummaryFile, readSummaryOrder } from "../corpus/navigation.js";
import type { ParsedDocument } from "../corpus/parse.js";
import { linkDocumentsSteps } from "../corpus/references.js";
import type { KnowledgeBase, LoadWarning, Section } from "../corpus/types.js";
import { buildSearchIndex, type IndexSnapshot } from "../search/index.js";
import { runSteps, runStepsInSlices, type Steps } from "../search/steps.js";
import type { SearchIndex } from "../search/types.js";
import { createWordNetLexicon } from "../search/wordnet.js";
import type { IndexCache } from "./index-cache.js";
import { createInProcessParser, type DocumentParser } from "./parse-pool.js";
import type { Knowledge, KnowledgeSource } from "./types.js";
import { type ContentChange, type ContentWatcher, watchContent } from "./watch.js";

export type StoreLogger = Pick<Logger, "info" | "warn" | "error">;

export interface KnowledgeStoreOptions {
  /** The content directory (CONTENT_DIR). */
  root: string;
  logger: StoreLogger;
  /** Builds every index at once; by default the first is, and later ones in slices. */
  buildIndex?: (sections: readonly Section[]) => SearchIndex;
  /** Parses files read again (default: in this thread); closed by `close()`. */
  parser?: DocumentParser;
  /**
   * Where the first index is read from when the same sections were indexed before, and stored
   * once built (index-cache.ts). Later indexes, built in slices while questions come, are not.
   */
  indexCache?: IndexCache;
  /** Reads a file's bytes; injectable so tests can slow reads down or make them fail. */
  readFile?: (absolutePath: string) => Promise<Uint8Array>;
  /** Files larger than this are skipped with a warning (MAX_FILE_BYTES; default 2 MB). */
  maxFileBytes?: number;
  /** Quiet time after the last file change before reloading (default 250 ms). */
  debounceMs?: number;
  /**
   * DOCS_BASE_URL: links between pages in answers go to the pages' URLs, as a section's source
   * link does; without it they keep their words.
   */
  docsBaseUrl?: string;
  /** Keep pages marked `draft: true` in the index (SERVE_DRAFTS); by default they are left out. */
  serveDrafts?: boolean;
  /** Watch the directory for changes (default true); without it only `reload()` reloads. */
  watch?: boolean;
  now?: () => number;
}

/** A file that could not be loaded this time, and whether its last good version was kept. */
export interface FileFailure extends LoadWarning {
  kept: boolean;
}

export type ReloadResult =
  | {
      ok: true;
      reason: string;
      documents: number;
      sections: number;
      /** Files read again because they were new or had changed (the parse cache may have them). */
      parsed: number;
      ms: number;
      /** Of `ms`: finding, reading and parsing files, then building the index. */
      scanMs: number;
      indexMs: number;
      /** Files that failed to load, served from their last good version or skipped. */
      failures: FileFailure[];
    }
  | {
      ok: false;
      reason: string;
      ms: number;
      /** Why the whole load failed; the previous knowledge is still served. */
      error: string;
    };

export interface KnowledgeStore extends KnowledgeSource {
  /** Reloads now (or right after the reload in progress); never rejects. */
  reload(reason?: string): Promise<ReloadResult>;
  /** Initial load, then watching. Rejects if the initial load fails. */
  start(): Promise<void>;
  /** Stops watching and waits for any reload in progress. */
  close(): Promise<void>;
}

/** What one file looked like when it was last read, and what reading it gave. */
interface CachedFile {
  stamp: string;
  outcome: DocumentFileOutcome;
}

/** How long after start the first index's snapshot is written (see buildIndex). */
const SNAPSHOT_DELAY_MS = 5_000;

/** Files stat'ed and read at once; each also costs a stat, so fewer than the loader's. */
const READ_CONCURRENCY = 16;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A stamp that changes whenever the file's content may have (ctime moves on every write and
 * rename), and the size it had.
 */
async function fileStamp(
  absolutePath: string,
): Promise<{ stamp: string; size: number } | undefined> {
  try {
    const info = await stat(absolutePath);
    return { stamp: `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`, size: info.size };
  } catch {
    return undefined;
  }
}

export interface AssembledKnowledge {
  base: KnowledgeBase;
  failures: FileFailure[];
  /** The documents that went into `base`, by path: the next reload's last good versions. */
  good: Map<string, ParsedDocument>;
}

/** What the whole handbook gives its pages once they are parsed (`linkDocuments`). */
export interface HandbookLinks {
  /** GitBook SUMMARY.md order, for pages without an `order`. */
  summaryOrder?: ReadonlyMap<string, number>;
  docsBaseUrl?: string;
}

/**
 * A knowledge base from this scan's per-file outcomes, with every file that failed replaced by
 * its last good version when there is one. Ordering and numbering are the loader's own
 * (`assembleKnowledgeBase`), so a partial reload numbers sections exactly as a fresh load would,
 * and references between pages are filled in as the loader does (`linkDocuments`), against
 * this scan's pages: the per-file parses (cached, and kept as last good versions) never are.
 */
export function assembleWithLastGood(
  root: string,
  files: readonly string[],
  outcomes: readonly DocumentFileOutcome[],
  lastGood: ReadonlyMap<string, ParsedDocument>,
  options: HandbookLinks & AssembleOptions = {},
): AssembledKnowledge {
  return runSteps(assembleWithLastGoodSteps(root, files, outcomes, lastGood, options));
}

/** `assembleWithLastGood` in steps (src/search/steps.ts), for reloads. */
function* assembleWithLastGoodSteps(
  root: string,
  files: readonly string[],
  outcomes: readonly DocumentFileOutcome[],
  lastGood: ReadonlyMap<string, ParsedDocument>,
  options: HandbookLinks & AssembleOptions,
): Steps<AssembledKnowledge> {
  const documents: ParsedDocument[] = [];
  const warnings: LoadWarning[] = [];
  const failures: FileFailure[] = [];
  const good = new Map<string, ParsedDocument>();
  for (const outcome of outcomes) {
    if ("document" in outcome) {
      documents.push(outcome.document);
      good.set(outcome.document.document.path, outcome.document);
      continue;
    }
    const { warning } = outcome;
    const previous = lastGood.get(warning.file);
    failures.push({ ...warning, kept: previous !== undefined });
    if (previous) {
      documents.push(previous);
      good.set(warning.file, previous);
      warnings.push({ ...warning, reason: `${warning.reason} (serving the last good version)` });
    } else {
      warnings.push(warning);
    }
  }
  yield;
  const linked = yield* linkDocumentsSteps(files, documents, options);
  const base = yield* assembleKnowledgeBaseSteps(
    { root, files: [...files], documents: linked, warnings },
    options,
  );
  if (base.sections.length === 0) throw createNoContentError({ root, files: [...files], warnings });
  return { base, failures, good };
}

export function createKnowledgeStore(options: KnowledgeStoreOptions): KnowledgeStore {
  const root = path.resolve(options.root);
  // One WordNet lexicon for every reload: its files are opened and its words cached once (it
  // reads nothing until a question needs it).
  const lexicon = createWordNetLexicon();
  const {
    logger,
    parser = createInProcessParser(),
    readFile: readBytes = (file: string) => readFile(file),
    maxFileBytes,
    docsBaseUrl,
    debounceMs = 250,
    watch = true,
    now = Date.now,
    serveDrafts = false,
  } = options;

  let knowledge: Knowledge | undefined;
  /** Per file: what it looked like when last read, and the outcome; only for the last swap. */
  let cache: ReadonlyMap<string, CachedFile> = new Map();
  let lastGood: ReadonlyMap<string, ParsedDocument> = new Map();
  let running: Promise<ReloadResult> | undefined;
  let queued: { reasons: string[]; promise: Promise<ReloadResult> } | undefined;
  let watcher: ContentWatcher | undefined;
  let closed = false;
  const stopping = new AbortController();

  /** The first knowledge at once (nothing is served yet); later ones in slices. */
  function run<T>(steps: Steps<T>): Promise<T> {
    if (knowledge === undefined) return Promise.resolve(runSteps(steps));
    return runStepsInSlices(steps, { signal: stopping.signal });
  }

  /** A snapshot being written: `close()` waits for it. */
  let writingSnapshot: Promise<void> | undefined;
  /** The first index's snapshot, waiting for a quiet moment to be written. */
  let pendingSnapshot: { write(): void; cancel(): void } | undefined;

  async function buildIndex(sections: readonly Section[]): Promise<SearchIndex> {
    if (options.buildIndex) return options.buildIndex(sections);
    const { indexCache } = options;
    if (knowledge !== undefined || indexCache === undefined) {
      return run(buildSearchIndex(sections, { lexicon }));
    }
    const key = indexCache.keyOf(sections);
    const snapshot = await indexCache.get(key);
    let built: IndexSnapshot | undefined;
    const index = await run(
      buildSearchIndex(sections, {
        lexicon,
        ...(snapshot !== undefined && { snapshot }),
        onSnapshot: (pieces) => {
          built = pieces;
        },
      }),
    );
    if (built !== undefined) {
      const pieces = built;
      // Written a while after start, when questions are few: encoding and writing tens of MB
      // holds the event loop for tens of milliseconds in all. Dropped if a reload comes first
      // (the content changed: the next start indexes it anew); written at once by close().
      const timer = setTimeout(() => pendingSnapshot?.write(), SNAPSHOT_DELAY_MS);
      timer.unref();
      pendingSnapshot = {
        write() {
          pendingSnapshot = undefined;
          clearTimeout(timer);
          writingSnapshot = indexCache.set(key, pieces);
        },
        cancel() {
          pendingSnapshot = undefined;
          clearTimeout(timer);
        },
      };
    }
    return index;
  }

  /** A file read and parsed; a parse that could not run is this file's warning this time. */
  async function loadFile(file: string, known: KnownAboutFile): Promise<DocumentFileOutcome> {
    const read = await readDocumentFile(root, file, readBytes, maxFileBytes, known);
    if ("warning" in read) return read;
    try {
      return await parser.parse(file, read.bytes);
    } catch (error) {
      stopping.signal.throwIfAborted();
      return { warning: { file, reason: describe(error) } };
    }
  }

  /**
   * Every markdown file's outcome, re-reading only files whose stamp changed since the last scan:
   * a whole-corpus parse takes seconds on a large handbook, which an edit should not wait for.
   * Discovery and per-file reading are the loader's own, so both find and report the same files.
   */
  async function scan() {
    const files = await listDocumentFiles(root);
    // GitBook's SUMMARY.md is the handbook's navigation, not a page: it gives pages their order.
    const pages = files.filter((file) => !isSummaryFile(file));
    // The same for every file; a failure is each file's own to report (readDocumentFile).
    const realRoot = realpath(root);
    realRoot.catch(() => undefined);
    const outcomes: DocumentFileOutcome[] = new Array(pages.length);
    const nextCache = new Map<string, CachedFile>();
    const reread = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < pages.length) {
        stopping.signal.throwIfAborted();
        const index = next++;
        const file = pages[index] ?? "";
        // Stat before reading: a write landing in between shows up as a new stamp next time.
        const stamped = await fileStamp(path.join(root, file));
        const stamp = stamped?.stamp;
        const cached = cache.get(file);
        let outcome: DocumentFileOutcome;
        if (stamp !== undefined && cached?.stamp === stamp) {
          outcome = cached.outcome;
        } else {
          outcome = await loadFile(file, {
            realRoot,
            ...(stamped !== undefined && { size: stamped.size }),
          });
          reread.add(file);
        }
        outcomes[index] = outcome;
        if (stamp !== undefined) nextCache.set(file, { stamp, outcome });
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, pages.length) }, worker));
    const summaryOrder = await readSummaryOrder(root, files, readBytes);
    return { files, outcomes, cache: nextCache, reread, summaryOrder };
  }

  async function runReload(reason: string): Promise<ReloadResult> {
    pendingSnapshot?.cancel();
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    let next: Knowledge;
    let scanned: Awaited<ReturnType<typeof scan>>;
    let assembled: AssembledKnowledge;
    let scanMs = 0;
    try {
      scanned = await scan();
      assembled = await run(
        assembleWithLastGoodSteps(root, scanned.files, scanned.outcomes, lastGood, {
          summaryOrder: scanned.summaryOrder,
          ...(docsBaseUrl !== undefined && { docsBaseUrl }),
          serveDrafts,
        }),
      );
      scanMs = elapsed();
      next = {
        base: assembled.base,
        index: await buildIndex(assembled.base.sections),
        loadedAt: now(),
      };
    } catch (error) {
      const ms = elapsed();
      if (stopping.signal.aborted) {
        logger.info({ event: "reload_stopped", reason, ms }, "content reload stopped: closing");
        return { ok: false, reason, ms, error: "stopped: the knowledge store is closing" };
      }
      logger.error(
        { event: "reload_failed", reason, error: describe(error), ms },
        "content reload failed; still serving the previous knowledge base",
      );
      return { ok: false, reason, ms, error: describe(error) };
    }
    // The swap: one assignment, after everything is built.
    knowledge = next;
    cache = scanned.cache;
    lastGood = assembled.good;
    const ms = elapsed();
    const indexMs = Math.round((ms - scanMs) * 10) / 10;
    const { failures } = assembled;
    // A file that is still broken and untouched was reported when it was read: say it once.
    for (const failure of failures.filter((item) => scanned.reread.has(item.file))) {
      logger.warn(
        {
          event: "reload_file_failed",
          file: failure.file,
          line: failure.line,
          reason: failure.reason,
          kept: failure.kept,
        },
        failure.kept
          ? `${failure.file} failed to load; serving its last good version`
          : `${failure.file} failed to load and has no earlier version; skipped`,
      );
    }
    const { documents, sections } = next.base;
    logger.info(
      {
        event: "reload",
        sections: sections.length,
        documents: documents.length,
        parsed: scanned.reread.size,
        ms,
        scanMs,
        indexMs,
        reason,
      },
      "content reloaded",
    );
    return {
      ok: true,
      reason,
      documents: documents.length,
      sections: sections.length,
      parsed: scanned.reread.size,
      ms,
      scanMs,
      indexMs,
      failures,
    };
  }

  function startRun(reason: string): Promise<ReloadResult> {
    const run = runReload(reason).finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  }

  function reload(reason = "manual"): Promise<ReloadResult> {
    // A follow-up already waiting will see this request's changes too: join it.
    if (queued) {
      if (!queued.reasons.includes(reason)) queued.reasons.push(reason);
      return queued.promise;
    }
    if (!running) return startRun(reason);
    const followUp: { reasons: string[]; promise: Promise<ReloadResult> } = {
      reasons: [reason],
      promise: running.then(() => {
        queued = undefined;
        return startRun(followUp.reasons.join("; "));
      }),
    };
    queued = followUp;
    return followUp.promise;
  }

  function describeChanges(changes: readonly ContentChange[]): string {
    const unique = [...new Set(changes.map((change) => `${change.event} ${change.path}`))];
    const shown = unique.slice(0, 5).join(", ");
    return `watch: ${shown}${unique.length > 5 ? `, and ${unique.length - 5} more` : ""}`;
  }

  return {
    current() {
      if (!knowledge)
        throw new Error("The knowledge store has not loaded yet: await start() first.");
      return knowledge;
    },
    reload,
    async start() {
      if (knowledge) return;
      // Watch first, so an edit made while the initial load runs triggers a follow-up reload.
      if (watch && !closed) {
        watcher = await watchContent(root, {
          debounceMs,
          onChanges: (changes) => {
            if (!closed) void reload(describeChanges(changes));
          },
          onError: (error) =>
            logger.warn({ event: "watch_error", error: describe(error) }, "content watcher error"),
        });
      }
      const result = await reload("start");
      if (!result.ok && !knowledge) {
        await watcher?.close();
        watcher = undefined;
        throw new Error(`Could not load the knowledge base from ${root}: ${result.error}`);
      }
    },
    async close() {
      closed = true;
      // A reload in progress stops at its next step: a shutdown must not wait for it.
      stopping.abort(new Error("the knowledge store is closing"));
      const closing = watcher?.close();
      watcher = undefined;
      await Promise.all([closing, parser.close()]);
      await queued?.promise;
      await running;
      pendingSnapshot?.write();
      await writingSnapshot;
    },
  };
}

/** What `onSignalReload` needs from `process`: subscribing to and unsubscribing from a signal. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * `kill -HUP <pid>` reloads the content, the Unix convention for "re-read your files".
 * For `src/main.ts`: `const stop = onSignalReload(store, process)`. Returns the unsubscriber.
 */
export function onSignalReload(
  store: Pick<KnowledgeStore, "reload">,
  source: SignalSource,
  signal: NodeJS.Signals = "SIGHUP",
): () => void {
  const listener = () => {
    void store.reload(signal);
  };
  source.on(signal, listener);
  return () => {
    source.off(signal, listener);
  };
}
