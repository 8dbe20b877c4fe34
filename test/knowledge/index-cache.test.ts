import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/corpus/load.js";
import type { Section } from "../../src/corpus/types.js";
import {
  createIndexCache,
  type IndexCache,
  searchCodeVersion,
} from "../../src/knowledge/index-cache.js";
import { createKnowledgeStore } from "../../src/knowledge/store.js";
import { buildSearchIndex, type IndexSnapshot } from "../../src/search/index.js";
import { runSteps } from "../../src/search/steps.js";
import { DEFAULT_TUNING } from "../../src/search/tuning.js";
import { captureLogger, copyFixture, RELOAD_FIXTURE } from "./helpers.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "index-cache-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const QUESTIONS = ["how do I run a standup", "onboarding tools", "stand-ups", "tols", "laptop"];

/** A fresh build's snapshot of `sections`. */
function snapshotOf(sections: readonly Section[]): IndexSnapshot {
  let snapshot: IndexSnapshot | undefined;
  runSteps(buildSearchIndex(sections, { onSnapshot: (built) => (snapshot = built) }));
  if (snapshot === undefined) throw new Error("no snapshot");
  return snapshot;
}

describe("createIndexCache", () => {
  it("is not used by an index built with other BM25F parameters: it is built anew", async () => {
    const { sections } = await loadKnowledgeBase(RELOAD_FIXTURE);
    const snapshot = snapshotOf(sections);
    const tuning = { ...DEFAULT_TUNING, bm25f: { ...DEFAULT_TUNING.bm25f, k1: 0.5 } };
    let rebuilt = false;
    const given = runSteps(
      buildSearchIndex(sections, { snapshot, tuning, onSnapshot: () => (rebuilt = true) }),
    );
    expect(rebuilt).toBe(true);
    const fresh = runSteps(buildSearchIndex(sections, { tuning }));
    const shipped = runSteps(buildSearchIndex(sections));
    const question = QUESTIONS[0] ?? "";
    expect(given.search(question)).toEqual(fresh.search(question));
    expect(given.search(question).results[0]?.score).not.toBe(
      shipped.search(question).results[0]?.score,
    );
  });

  it("stores a snapshot that answers every question exactly as a fresh build does", async () => {
    const { sections } = await loadKnowledgeBase(RELOAD_FIXTURE);
    const cache = createIndexCache({ directory: await cacheDir(), version: "v1" });
    const key = cache.keyOf(sections);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, snapshotOf(sections));
    const snapshot = await cache.get(key);
    expect(snapshot).toBeDefined();
    let rebuilt = false;
    const fromSnapshot = runSteps(
      buildSearchIndex(sections, {
        ...(snapshot && { snapshot }),
        onSnapshot: () => (rebuilt = true),
      }),
    );
    expect(rebuilt).toBe(false);
    const fresh = runSteps(buildSearchIndex(sections));
    for (const question of QUESTIONS) {
      expect(fromSnapshot.search(question), question).toEqual(fresh.search(question));
    }
  });

  it("keys every field the build reads, the order, and the search code's version", async () => {
    const { sections } = await loadKnowledgeBase(RELOAD_FIXTURE);
    const cache = createIndexCache({ directory: await cacheDir(), version: "v1" });
    const key = cache.keyOf(sections);
    expect(cache.keyOf(sections.map((section) => ({ ...section })))).toBe(key);
    const [first, second, ...rest] = sections as [Section, Section, ...Section[]];
    const changed = (edit: Partial<Section>) =>
      cache.keyOf([{ ...first, ...edit }, second, ...rest]);
    const block = first.blocks[0] ?? { text: "", mrkdwn: "" };
    const variants = [
      changed({ heading: `${first.heading}!` }),
      changed({ breadcrumb: [...first.breadcrumb, "More"] }),
      changed({ questions: [...first.questions, "why?"] }),
      changed({ depth: first.depth + 1 }),
      changed({ blocks: [{ ...block, text: `${block.text} more` }, ...first.blocks.slice(1)] }),
      changed({ text: `${first.text.slice(0, -1)}?` }),
      changed({ document: { ...first.document, title: `${first.document.title} 2` } }),
      changed({ document: { ...first.document, aliases: ["Other name"] } }),
      changed({ document: { ...first.document, path: `moved/${first.document.path}` } }),
      cache.keyOf([{ ...first, order: second.order }, { ...second, order: first.order }, ...rest]),
      createIndexCache({ directory: cache.directory, version: "v2" }).keyOf(sections),
    ];
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
  });

  it("treats a damaged or foreign file as a miss", async () => {
    const { sections } = await loadKnowledgeBase(RELOAD_FIXTURE);
    const directory = await cacheDir();
    const cache = createIndexCache({ directory, version: "v1" });
    const key = cache.keyOf(sections);
    await cache.set(key, snapshotOf(sections));
    await writeFile(join(cache.directory, `${key}.index`), "HBIX garbage");
    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.get("../../etc/passwd")).toBeUndefined();
  });

  it("keeps only the most recently used snapshots", async () => {
    const { sections } = await loadKnowledgeBase(RELOAD_FIXTURE);
    const cache = createIndexCache({ directory: await cacheDir(), version: "v1", keep: 2 });
    const snapshot = snapshotOf(sections);
    const keys = ["a", "b", "c"].map((letter) => letter.repeat(64));
    for (const key of keys) {
      await cache.set(key, snapshot);
      // Modification times a little apart, whatever the file system's resolution.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await readdir(cache.directory)).sort()).toEqual([
      `${"b".repeat(64)}.index`,
      `${"c".repeat(64)}.index`,
    ]);
  });

  it("never rejects when its folder cannot be written, and says so once", async () => {
    const blocked = join(await cacheDir(), "a-file");
    await writeFile(blocked, "");
    const errors: unknown[] = [];
    const cache = createIndexCache({
      directory: blocked,
      version: "v1",
      onWriteError: (error) => errors.push(error),
    });
    const { sections } = await loadKnowledgeBase(RELOAD_FIXTURE);
    await cache.set("a".repeat(64), snapshotOf(sections));
    await cache.set("b".repeat(64), snapshotOf(sections));
    expect(errors).toHaveLength(1);
  });
});

describe("searchCodeVersion", () => {
  it("is the same for the same code and a short hex id", () => {
    expect(searchCodeVersion()).toBe(searchCodeVersion());
    expect(searchCodeVersion()).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("the knowledge store with an index cache", () => {
  /** The cache, counting what it served and stored. */
  function counting(cache: IndexCache) {
    const counts = { hits: 0, misses: 0, stored: 0 };
    const wrapped: IndexCache = {
      directory: cache.directory,
      keyOf: (sections) => cache.keyOf(sections),
      async get(key) {
        const snapshot = await cache.get(key);
        if (snapshot === undefined) counts.misses++;
        else counts.hits++;
        return snapshot;
      },
      async set(key, snapshot) {
        counts.stored++;
        await cache.set(key, snapshot);
      },
    };
    return { cache: wrapped, counts };
  }

  it("builds and stores the first index, reads it on the next start, and answers the same", async () => {
    const { root, cleanup } = await copyFixture();
    cleanups.push(cleanup);
    const directory = await cacheDir();
    const start = async () => {
      const { cache, counts } = counting(createIndexCache({ directory }));
      const store = createKnowledgeStore({
        root,
        logger: captureLogger().logger,
        watch: false,
        indexCache: cache,
      });
      await store.start();
      const answers = QUESTIONS.map((question) => store.current().index.search(question));
      return { store, counts, answers };
    };
    const first = await start();
    await first.store.close();
    expect(first.counts).toEqual({ hits: 0, misses: 1, stored: 1 });

    const second = await start();
    expect(second.counts).toEqual({ hits: 1, misses: 0, stored: 0 });
    expect(second.answers).toEqual(first.answers);

    // A reload builds in slices while questions come: no cache.
    await writeFile(join(root, "tools.md"), "# Tools\n\nA laptop and a new chat tool.\n");
    const reloaded = await second.store.reload("edit");
    expect(reloaded.ok).toBe(true);
    expect(second.counts).toEqual({ hits: 1, misses: 0, stored: 0 });
    expect(second.store.current().index.search("chat tool").results[0]?.section.document.path).toBe(
      "tools.md",
    );
    await second.store.close();
  });

  it("drops the first index's snapshot when a reload comes before it is written", async () => {
    const { root, cleanup } = await copyFixture();
    cleanups.push(cleanup);
    const { cache, counts } = counting(createIndexCache({ directory: await cacheDir() }));
    const store = createKnowledgeStore({
      root,
      logger: captureLogger().logger,
      watch: false,
      indexCache: cache,
    });
    await store.start();
    await writeFile(join(root, "tools.md"), "# Tools\n\nA laptop.\n");
    expect((await store.reload("edit")).ok).toBe(true);
    await store.close();
    // The content it was built from is gone: nothing was written.
    expect(counts).toEqual({ hits: 0, misses: 1, stored: 0 });
  });
});
