import type { KnowledgeBase } from "../corpus/types.js";
import type { SearchIndex } from "../search/types.js";

/** A knowledge base and the index built from it: always swapped together, never half-built. */
export interface Knowledge {
  base: KnowledgeBase;
  index: SearchIndex;
  /** When this knowledge was loaded (ms since epoch). */
  loadedAt: number;
}

/** Where listeners get the current knowledge; a reload swaps what `current()` returns. */
export interface KnowledgeSource {
  current(): Knowledge;
}
