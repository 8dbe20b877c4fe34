/**
 * A parse worker thread (parse-pool.ts): bytes of one file in, its parse outcome out. Parsing
 * is the slowest part of loading a handbook and pure, so it runs here, off the event loop.
 */
import { parentPort } from "node:worker_threads";
import { type DocumentFileOutcome, parseDocumentBytes } from "../corpus/load.js";

export interface ParseTask {
  file: string;
  bytes: Uint8Array;
}

/** `{ready: true}` once the parser is loaded, then one outcome per task. */
export type ParseReply = { ready: true } | { outcome: DocumentFileOutcome };

parentPort?.on("message", (task: ParseTask) => {
  const outcome = parseDocumentBytes(task.file, task.bytes);
  try {
    parentPort?.postMessage({ outcome } satisfies ParseReply);
  } catch (error) {
    // Frontmatter holding something a message cannot carry: say so rather than go silent.
    const reason = `could not parse: ${error instanceof Error ? error.message : String(error)}`;
    parentPort?.postMessage({ outcome: { warning: { file: task.file, reason } } });
  }
});

// Loading the parser takes a while; a task's time limit starts once it is loaded.
parentPort?.postMessage({ ready: true } satisfies ParseReply);
