import type { KnowledgeBase } from "../corpus/types.js";
import type { SearchIndex } from "../search/types.js";
import type { Knowledge, KnowledgeSource } from "./types.js";

/** A KnowledgeSource that never changes: one knowledge base and its index, loaded once. */
export function createStaticKnowledge(
  base: KnowledgeBase,
  index: SearchIndex,
  loadedAt: number = Date.now(),
): KnowledgeSource {
  const knowledge: Knowledge = { base, index, loadedAt };
  return { current: () => knowledge };
}
