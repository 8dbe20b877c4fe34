/**
 * Child process of `npm run bench`, run compiled (`node dist/cli/bench-ready.js DIR CACHE_DIR`)
 * as `npm start` runs the bot: loads DIR the way the bot does (worker threads behind the parse
 * cache in CACHE_DIR), builds the index, answers one question, and prints one JSON line of
 * timings counted from process start (performance.now() counts from there).
 */
import { createIndexCache } from "../knowledge/index-cache.js";
import { createParseCache } from "../knowledge/parse-cache.js";
import { createCachedParser, createParsePool } from "../knowledge/parse-pool.js";
import { createKnowledgeStore } from "../knowledge/store.js";
import { createLogger } from "../logger.js";

const [contentDir = "content", cacheDir = "node_modules/.cache/handbook-bot-bench"] =
  process.argv.slice(2);
const QUESTION = "how do I request time off";

const bootMs = performance.now();
const reloads: Record<string, unknown>[] = [];
// The store's own log lines, kept: the start's reload line has its phases.
const logger = createLogger({
  level: "info",
  destination: { write: (line: string) => void reloads.push(JSON.parse(line)) },
});
const parser = createCachedParser(createParsePool(), createParseCache({ directory: cacheDir }));
const store = createKnowledgeStore({
  root: contentDir,
  logger,
  watch: false,
  parser,
  indexCache: createIndexCache({ directory: cacheDir }),
});
await store.start();
const readyMs = performance.now();
store.current().index.search(QUESTION);
const firstAnswerMs = performance.now();
const loaded = reloads.find((line) => line.event === "reload") ?? {};
process.stdout.write(
  `${JSON.stringify({
    bootMs,
    scanMs: loaded.scanMs,
    indexMs: loaded.indexMs,
    readyMs,
    firstAnswerMs,
    sections: store.current().base.sections.length,
    files: parser.stats.hits + parser.stats.parsed,
    ...parser.stats,
    rssMb: process.memoryUsage().rss / (1024 * 1024),
  })}\n`,
);
await store.close();
