import MiniSearch from "minisearch";
import type { Section } from "../corpus/types.js";
import { createDefaultFuseBaseline } from "../search/baselines.js";
import type { Ranker } from "./eval-scoring.js";

/**
 * Baselines computed in the same run over the same sections, so the bot's numbers always come
 * with what off-the-shelf search would have done. A baseline abstains only when it returns
 * nothing, and its displayed text uses no matched terms.
 */

export function createFuseDefaultRanker(sections: readonly Section[]): Ranker {
  const baseline = createDefaultFuseBaseline(sections);
  return {
    name: "fuse-default",
    rank(query, limit) {
      const results = baseline.search(query, limit);
      return { results, tier: results.length > 0 ? "answer" : "none" };
    },
  };
}

/** MiniSearch with BM25 defaults, fuzzy 0.2 and prefix search over title, breadcrumb and text. */
export function createMiniSearch(sections: readonly Section[]): MiniSearch {
  const mini = new MiniSearch({
    fields: ["title", "breadcrumb", "text"],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  mini.addAll(
    sections.map((section, id) => ({
      id,
      title: section.document.title,
      breadcrumb: section.breadcrumb.join(" › "),
      text: section.text,
    })),
  );
  return mini;
}

export function createMiniSearchRanker(sections: readonly Section[]): Ranker {
  const mini = createMiniSearch(sections);
  return {
    name: "minisearch",
    rank(query, limit) {
      const results = mini
        .search(query)
        .slice(0, limit)
        .flatMap((hit) => {
          const section = sections[hit.id as number];
          return section === undefined ? [] : [{ section, score: hit.score, matchedTerms: [] }];
        });
      return { results, tier: results.length > 0 ? "answer" : "none" };
    },
  };
}
