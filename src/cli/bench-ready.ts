/**
 * Child process of `npm run bench`: loads a content directory, builds the index and prints
 * `{"readyMs": …}`, the time since this process started (performance.now() counts from there).
 */
import { loadKnowledgeBase } from "../corpus/load.js";
import { createSearchIndex } from "../search/index.js";

const contentDir = process.argv[2] ?? "content";
const base = await loadKnowledgeBase(contentDir);
const index = createSearchIndex(base.sections);
process.stdout.write(`${JSON.stringify({ readyMs: performance.now(), sections: index.size })}\n`);
