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
 */
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { compareDocuments, loadKnowledgeBase } from "../corpus/load.js";
import type { Document, KnowledgeBase, LoadWarning, Section } from "../corpus/types.js";
import { createSearchIndex } from "../search/index.js";
import type { SearchIndex } from "../search/types.js";
import type { Knowledge, KnowledgeSource } from "./types.js";
import { type ContentChange, type ContentWatcher, watchContent } from "./watch.js";

export type StoreLogger = Pick<Logger, "info" | "warn" | "error">;

export interface KnowledgeStoreOptions {
  /** The content directory (CONTENT_DIR). */
  root: string;
  logger: StoreLogger;
  load?: (root: string) => Promise<KnowledgeBase>;
  buildIndex?: (sections: readonly Section[]) => SearchIndex;
  /** Quiet time after the last file change before reloading (default 250 ms). */
  debounceMs?: number;
  /** Watch the directory for changes (default true); without it only `reload()` reloads. */
  watch?: boolean;
  now?: () => number;
}

/** A file the loader could not read this time, and whether its last good version was kept. */
export interface FileFailure extends LoadWarning {
  kept: boolean;
}

export type ReloadResult =
  | {
      ok: true;
      reason: string;
      documents: number;
      sections: number;
      ms: number;
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

/** One document and its sections as last parsed successfully. */
interface DocumentEntry {
  document: Document;
  sections: Section[];
}

export interface MergeResult {
  base: KnowledgeBase;
  failures: FileFailure[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function groupByDocument(base: KnowledgeBase): Map<string, DocumentEntry> {
  const entries = new Map<string, DocumentEntry>();
  for (const document of base.documents) entries.set(document.path, { document, sections: [] });
  for (const section of base.sections) entries.get(section.document.path)?.sections.push(section);
  return entries;
}

/**
 * A fresh load, with every file that failed to load (present in the warnings but not among
 * the documents) replaced by its last good version when there is one. Warnings about files
 * that did load are left alone. Pure: the inputs are not modified.
 */
export function mergeLastGood(
  loaded: KnowledgeBase,
  lastGood: ReadonlyMap<string, DocumentEntry>,
): MergeResult {
  const loadedPaths = new Set(loaded.documents.map((document) => document.path));
  const failures: FileFailure[] = [];
  const restored: DocumentEntry[] = [];
  const restoredPaths = new Set<string>();
  const warnings: LoadWarning[] = [];

  for (const warning of loaded.warnings) {
    if (loadedPaths.has(warning.file)) {
      warnings.push(warning);
      continue;
    }
    const previous = lastGood.get(warning.file);
    failures.push({ ...warning, kept: previous !== undefined });
    if (previous && !restoredPaths.has(warning.file)) {
      restored.push(previous);
      restoredPaths.add(warning.file);
      warnings.push({ ...warning, reason: `${warning.reason} (serving the last good version)` });
    } else {
      warnings.push(warning);
    }
  }
  if (restored.length === 0) return { base: loaded, failures };

  // Global reading order has to be recomputed around the restored documents, exactly as the
  // loader numbers it (documents by compareDocuments, then sections in document order, from 0).
  // Sections are copied, not renumbered in place: the previous knowledge may still be in use.
  const byPath = groupByDocument(loaded);
  for (const entry of restored) byPath.set(entry.document.path, entry);
  const entries = [...byPath.values()].sort((a, b) => compareDocuments(a.document, b.document));
  const sections: Section[] = [];
  for (const entry of entries) {
    const inDocument = [...entry.sections].sort((a, b) => a.order - b.order);
    for (const section of inDocument) {
      const order = sections.length;
      sections.push(section.order === order ? section : { ...section, order });
    }
  }
  return {
    base: {
      root: loaded.root,
      documents: entries.map((entry) => entry.document),
      sections,
      warnings,
    },
    failures,
  };
}

export function createKnowledgeStore(options: KnowledgeStoreOptions): KnowledgeStore {
  const root = resolve(options.root);
  const {
    logger,
    load = loadKnowledgeBase,
    buildIndex = createSearchIndex,
    debounceMs = 250,
    watch = true,
    now = Date.now,
  } = options;

  let knowledge: Knowledge | undefined;
  let lastGood: ReadonlyMap<string, DocumentEntry> = new Map();
  let running: Promise<ReloadResult> | undefined;
  let queued: { reasons: string[]; promise: Promise<ReloadResult> } | undefined;
  let watcher: ContentWatcher | undefined;
  let closed = false;

  async function runReload(reason: string): Promise<ReloadResult> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    let next: Knowledge;
    let failures: FileFailure[];
    try {
      const merged = mergeLastGood(await load(root), lastGood);
      failures = merged.failures;
      next = { base: merged.base, index: buildIndex(merged.base.sections), loadedAt: now() };
    } catch (error) {
      const ms = elapsed();
      logger.error(
        { event: "reload_failed", reason, error: describe(error), ms },
        "content reload failed; still serving the previous knowledge base",
      );
      return { ok: false, reason, ms, error: describe(error) };
    }
    // The swap: one assignment, after everything is built.
    knowledge = next;
    lastGood = groupByDocument(next.base);
    const ms = elapsed();
    for (const failure of failures) {
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
      { event: "reload", sections: sections.length, documents: documents.length, ms, reason },
      "content reloaded",
    );
    return {
      ok: true,
      reason,
      documents: documents.length,
      sections: sections.length,
      ms,
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
      const closing = watcher?.close();
      watcher = undefined;
      await closing;
      await queued?.promise;
      await running;
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
