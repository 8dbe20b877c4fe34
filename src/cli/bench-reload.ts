/**
 * Child process of `npm run bench`, run compiled (`node dist/cli/bench-reload.js DIR CACHE_DIR
 * FILE [ROUNDS]`): starts the knowledge store on DIR as the bot does, then ROUNDS times edits
 * FILE (one paragraph added) and reloads, while `perf_hooks.monitorEventLoopDelay` records how
 * long the event loop was held. Prints one JSON line: the median reload time, the longest stall
 * over all rounds, and the process's RSS.
 */
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createIndexCache } from "../knowledge/index-cache.js";
import { createParseCache } from "../knowledge/parse-cache.js";
import { createCachedParser, createParsePool } from "../knowledge/parse-pool.js";
import { createKnowledgeStore } from "../knowledge/store.js";
import { percentile } from "./bench-run.js";

const [contentDir = "content", cacheDir = "", file = "", roundsArg = "3"] = process.argv.slice(2);
const quiet = () => {};
const parser = createCachedParser(createParsePool(), createParseCache({ directory: cacheDir }));
const store = createKnowledgeStore({
  root: contentDir,
  logger: { info: quiet, warn: quiet, error: quiet },
  watch: false,
  parser,
  indexCache: createIndexCache({ directory: cacheDir }),
});
await store.start();

/**
 * The same monitor with the same questions and no reload, for as long as one reload took: what
 * the machine alone costs (a busy host deschedules the process for tens of milliseconds).
 */
async function idleStallMs(durationMs: number): Promise<number> {
  const asking = setInterval(() => store.current().index.search("how do I request time off"), 20);
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  delay.disable();
  clearInterval(asking);
  return delay.max / 1e6;
}

const reloadMs: number[] = [];
let maxStallMs = 0;
let parsed = 0;
for (let round = 0; round < Number(roundsArg); round++) {
  await appendFile(
    join(contentDir, file),
    `\n\nA paragraph added by the reload bench, round ${round}.\n`,
  );
  // Questions keep coming during the reload, as they would in Slack.
  const asking = setInterval(() => store.current().index.search("how do I request time off"), 20);
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const started = performance.now();
  const result = await store.reload("bench");
  reloadMs.push(performance.now() - started);
  delay.disable();
  clearInterval(asking);
  if (!result.ok) throw new Error(`reload failed: ${result.error}`);
  parsed += result.parsed;
  // The histogram counts delays past the resolution; the stall is the longest of them.
  maxStallMs = Math.max(maxStallMs, delay.max / 1e6);
}
reloadMs.sort((a, b) => a - b);
const baseline = await idleStallMs(percentile(reloadMs, 0.5));
process.stdout.write(
  `${JSON.stringify({
    sections: store.current().base.sections.length,
    reloadMs: percentile(reloadMs, 0.5),
    maxEventLoopStallMs: maxStallMs,
    idleMaxEventLoopStallMs: baseline,
    parsed,
    rssMb: process.memoryUsage().rss / (1024 * 1024),
  })}\n`,
);
await store.close();
