import Fuse from "fuse.js";
import type { Section } from "../corpus/types.js";
import type { SearchResult } from "./types.js";

/**
 * fuse.js as most bots use it: default options over whole sections. Kept only as a yardstick:
 * `npm run eval` prints its scores next to the index's (it ranks fewer answers first and never
 * abstains). Lives here because src/search is the only importer of fuse.js.
 */
export interface BaselineSearch {
  search(query: string, limit: number): SearchResult[];
}

export function createDefaultFuseBaseline(sections: readonly Section[]): BaselineSearch {
  const records = sections.map((section) => ({
    section,
    title: section.document.title,
    breadcrumb: section.breadcrumb.join(" › "),
    text: section.text,
  }));
  const fuse = new Fuse(records, { keys: ["title", "breadcrumb", "text"], includeScore: true });
  return {
    search(query, limit) {
      return fuse.search(query, { limit }).map((hit) => ({
        section: hit.item.section,
        // Fuse scores 0 for a perfect match; flip so higher is better, as SearchResult says.
        score: 1 - (hit.score ?? 1),
        matchedTerms: [],
      }));
    },
  };
}
