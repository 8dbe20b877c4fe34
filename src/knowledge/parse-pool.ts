/**
 * Parsers for the knowledge store: in this thread, or in a pool of worker threads (one per
 * core by default) so a cold start parses files in parallel and a reload parses off the event
 * loop; and a parse cache in front of either (parse-cache.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DocumentFileOutcome } from "../corpus/files.js";
import type { ParseCache, PruneOptions, PruneResult } from "./parse-cache.js";
import type { ParseReply, ParseTask } from "./parse-worker.js";

export interface DocumentParser {
  /**
   * One file's bytes → its outcome (a parse warning is an outcome). Rejects only when the parse
   * could not run: the parser was closed, its thread died, or it took longer than allowed.
   */
  parse(file: string, bytes: Uint8Array): Promise<DocumentFileOutcome>;
  /** Stops at once: parses in progress reject, threads end. */
  close(): Promise<void>;
}

/**
 * Parses on the calling thread (tests, and tools that load a handbook once). The parser is
 * loaded on the first parse: a start served from the parse cache never needs it here.
 */
export function createInProcessParser(): DocumentParser {
  let loader: Promise<typeof import("../corpus/load.js")> | undefined;
  return {
    async parse(file, bytes) {
      loader ??= import("../corpus/load.js");
      return (await loader).parseDocumentBytes(file, bytes);
    },
    close: async () => {},
  };
}

/** Why a parse did not run to its end. */
export class ParseInterrupted extends Error {
  override name = "ParseInterrupted";
}

export interface ParsePoolOptions {
  /** Worker threads at most (default: the cores available). */
  size?: number;
  /** A file whose parse takes longer is skipped and its thread replaced (default 60 s). */
  timeoutMs?: number;
  /**
   * An idle thread ends after this long (default 1 s); the next parse starts a new one. A
   * thread that has parsed a handbook holds 50–100 MB until it ends, and edits come seconds
   * or minutes apart, so holding it longer costs more memory than a restart (a few hundred
   * milliseconds, off the event loop) costs time.
   */
  idleMs?: number;
}

/**
 * Niceness of a parse thread. On Linux a thread's priority is its own (setpriority on the
 * calling thread), so parse threads yield the CPU to the event loop: on a small machine a
 * thread starting up or parsing next to a reload's index build otherwise takes the core the
 * answers need (stalls past 50 ms on 2 cores). Elsewhere it would lower the whole process, so
 * it is left alone.
 */
const PARSE_NICENESS = 10;

/**
 * The worker script: the compiled one next to this file, or, when running from the TypeScript
 * sources (tests, `tsx`), the source with tsx's loader, so both paths run the same worker code.
 * The thread lowers its priority before it loads the parser.
 */
function startWorker(): Worker {
  const lower =
    process.platform === "linux"
      ? `try { process.getBuiltinModule("node:os").setPriority(${PARSE_NICENESS}); } catch {}`
      : "";
  const compiled = new URL("./parse-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(compiled))) {
    return new Worker(`${lower} import(${JSON.stringify(compiled.href)});`, { eval: true });
  }
  // Node 20 ignores `--import` in a worker's execArgv: register tsx from inside the thread.
  const source = new URL("./parse-worker.ts", import.meta.url).href;
  const loader = JSON.stringify(tsxApiUrl());
  return new Worker(
    `${lower} import(${loader}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    { eval: true },
  );
}

/** tsx's ESM API (a devDependency: only needed when running from the sources). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("tsx/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = manifest.exports["./esm/api"]?.import.default ?? "./dist/esm/api/index.mjs";
  return pathToFileURL(path.join(path.dirname(manifestPath), entry)).href;
}

interface Task extends ParseTask {
  resolve(outcome: DocumentFileOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export function createParsePool(options: ParsePoolOptions = {}): DocumentParser {
  const size = Math.max(1, options.size ?? availableParallelism());
  const timeoutMs = options.timeoutMs ?? 60_000;
  const idleMs = options.idleMs ?? 1_000;
  const queue: Task[] = [];
  const slots = new Set<Slot>();
  const idle: Slot[] = [];
  let closed = false;

  function retire(slot: Slot, error: Error): void {
    clearTimeout(slot.timer);
    slots.delete(slot);
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
    const { task } = slot;
    slot.task = undefined;
    task?.reject(error);
    void slot.worker.terminate();
    dispatch();
  }

  /** A new thread, given work once it has loaded the parser. */
  function spawn(): void {
    const slot: Slot = { worker: startWorker() };
    slot.worker.on("message", (reply: ParseReply) => {
      if ("ready" in reply) return rest(slot);
      const { task } = slot;
      clearTimeout(slot.timer);
      slot.task = undefined;
      task?.resolve(reply.outcome);
      rest(slot);
    });
    slot.worker.on("error", (error) =>
      retire(slot, new ParseInterrupted(`could not parse: ${error.message}`)),
    );
    slot.worker.on("exit", (code) => {
      if (slots.has(slot)) retire(slot, new ParseInterrupted(`the parser stopped (code ${code})`));
    });
    slots.add(slot);
  }

  /** An idle thread keeps no process alive and ends after `idleMs`. */
  function rest(slot: Slot): void {
    if (closed || !slots.has(slot)) return;
    slot.worker.unref();
    idle.push(slot);
    slot.timer = setTimeout(() => {
      if (slot.task === undefined) retire(slot, new ParseInterrupted("idle"));
    }, idleMs);
    slot.timer.unref();
    dispatch();
  }

  function run(slot: Slot, task: Task): void {
    clearTimeout(slot.timer);
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      retire(slot, new ParseInterrupted(`skipped: parsing took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    slot.worker.postMessage({ file: task.file, bytes: task.bytes } satisfies ParseTask);
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const slot = idle.pop();
      if (slot === undefined) {
        // Threads still loading will take queued work too: start only what the queue needs.
        const loading = [...slots].filter((each) => each.task === undefined).length - idle.length;
        if (slots.size < size && loading < queue.length) spawn();
        return;
      }
      const task = queue.shift();
      if (task !== undefined) run(slot, task);
    }
  }

  return {
    parse(file, bytes) {
      if (closed) return Promise.reject(new ParseInterrupted("the parser is closed"));
      return new Promise((resolve, reject) => {
        queue.push({ file, bytes, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopped = new ParseInterrupted("the parser is closed");
      for (const task of queue.splice(0)) task.reject(stopped);
      const workers = [...slots].map((slot) => slot.worker);
      for (const slot of [...slots]) retire(slot, stopped);
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** What a cached parser did: for logs and the bench. */
export interface ParseStats {
  /** Files served from the cache. */
  hits: number;
  /** Files parsed (cache misses), and their bytes. */
  parsed: number;
  parsedBytes: number;
}

/**
 * `parser` behind the parse cache: only files the cache has never seen are parsed. `prune()`
 * removes the cache's unused entries, keeping every entry this parser has used.
 */
export function createCachedParser(
  parser: DocumentParser,
  cache: ParseCache,
): DocumentParser & {
  readonly stats: ParseStats;
  prune(options?: Omit<PruneOptions, "keep">): Promise<PruneResult>;
} {
  const stats: ParseStats = { hits: 0, parsed: 0, parsedBytes: 0 };
  const used = new Set<string>();
  return {
    stats,
    prune: (options = {}) => cache.prune({ ...options, keep: used }),
    async parse(file, bytes) {
      const key = cache.keyOf(file, bytes);
      used.add(key);
      const cached = await cache.get(key);
      if (cached !== undefined) {
        stats.hits++;
        return cached;
      }
      // Rejects (closed, timed out) are not outcomes of the bytes: nothing is cached for them.
      const outcome = await parser.parse(file, bytes);
      stats.parsed++;
      stats.parsedBytes += bytes.byteLength;
      await cache.set(key, outcome);
      return outcome;
    },
    close: () => parser.close(),
  };
}
