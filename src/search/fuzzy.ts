import Fuse from "fuse.js";

/**
 * Typo tolerance over the vocabulary (the distinct words of the knowledge base, a few thousand),
 * never over section bodies: one short Bitap pattern per unknown query word, against words of
 * about the same length. Fuse finds candidates; an edit distance decides, so "weather" does not
 * become "whether" and the penalty a caller applies means the same for every word.
 */

export interface FuzzyCandidate {
  /** A vocabulary word as written in the knowledge base (folded). */
  word: string;
  /** Optimal-string-alignment distance to the queried word (a swap of neighbours is one edit). */
  distance: number;
}

export interface VocabularyMatcher {
  /** Closest vocabulary words, best first; empty when nothing is close enough. */
  closest(word: string, limit?: number): FuzzyCandidate[];
}

/** Edits allowed for a word of this length: none below 5 letters, where one edit is another word. */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}

/** Damerau-Levenshtein distance restricted to adjacent transpositions (OSA). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  // Bitap's score is about errors per pattern letter; two edits in a nine-letter word is 0.22.
  threshold: 0.34,
  shouldSort: true,
} as const;

export function createVocabularyMatcher(words: Iterable<string>): VocabularyMatcher {
  const byLength = new Map<number, string[]>();
  for (const word of new Set(words)) {
    if (word.length < 4 || /\p{N}/u.test(word)) continue;
    const bucket = byLength.get(word.length);
    if (bucket === undefined) byLength.set(word.length, [word]);
    else bucket.push(word);
  }
  const fuses = new Map<number, Fuse<string>>();
  for (const [length, bucket] of byLength) {
    bucket.sort();
    fuses.set(length, new Fuse(bucket, FUSE_OPTIONS));
  }

  return {
    closest(word, limit = 3) {
      const edits = allowedEdits(word.length);
      if (edits === 0) return [];
      const found: Array<FuzzyCandidate & { score: number }> = [];
      for (let length = word.length - edits; length <= word.length + edits; length++) {
        const fuse = fuses.get(length);
        if (fuse === undefined) continue;
        for (const hit of fuse.search(word)) {
          const distance = editDistance(word, hit.item);
          if (distance === 0 || distance > edits) continue;
          found.push({ word: hit.item, distance, score: hit.score ?? 1 });
        }
      }
      found.sort(
        (a, b) => a.distance - b.distance || a.score - b.score || (a.word < b.word ? -1 : 1),
      );
      return found.slice(0, limit).map(({ word: w, distance }) => ({ word: w, distance }));
    },
  };
}
