import { EventEmitter } from "node:events";
import { writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledgeBase, parseDocumentBytes } from "../../src/corpus/load.js";
import { createParseCache } from "../../src/knowledge/parse-cache.js";
import {
  createCachedParser,
  createParsePool,
  type DocumentParser,
  ParseInterrupted,
} from "../../src/knowledge/parse-pool.js";
import {
  createKnowledgeStore,
  type KnowledgeStore,
  type KnowledgeStoreOptions,
  onSignalReload,
} from "../../src/knowledge/store.js";
import type { KnowledgeSource } from "../../src/knowledge/types.js";
import { createSearchIndex } from "../../src/search/index.js";
import { renderAnswer } from "../../src/slack/views/index.js";
import { captureLogger, copyFixture, EDGE_FIXTURE, waitFor } from "./helpers.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startStore(options: Partial<KnowledgeStoreOptions> = {}) {
  const { root, cleanup } = await copyFixture();
  cleanups.push(cleanup);
  const log = captureLogger();
  const store = createKnowledgeStore({ root, logger: log.logger, debounceMs: 100, ...options });
  cleanups.push(() => store.close());
  await store.start();
  return { root, store, log };
}

const sectionIds = (store: KnowledgeStore) =>
  store.current().base.sections.map((section) => section.id);
const documentPaths = (store: KnowledgeStore) =>
  store.current().base.documents.map((document) => document.path);

const NEW_DOC = `---
title: Risk register
order: 3
---

## Reviewing risks

Walk the risk register with the product owner every fortnight and retire risks that have passed.
`;

describe("createKnowledgeStore", () => {
  it("loads on start and logs the reload", async () => {
    const { store, log } = await startStore({ watch: false });
    expect(sectionIds(store)).toEqual([
      "onboarding.md",
      "onboarding.md#first-week",
      "onboarding.md#access-checklist",
      "rituals/standup.md#purpose",
      "rituals/standup.md#facilitation",
      "tools.md#ticket-tracker",
    ]);
    expect(store.current().index.size).toBe(6);
    expect(log.events("reload")).toEqual([
      expect.objectContaining({
        event: "reload",
        sections: 6,
        documents: 3,
        reason: "start",
        ms: expect.any(Number),
      }),
    ]);
  });

  it("fails to start, naming the root, when there is no content", async () => {
    const log = captureLogger();
    const store = createKnowledgeStore({ root: "/nonexistent/content", logger: log.logger });
    await expect(store.start()).rejects.toThrow("/nonexistent/content");
    expect(() => store.current()).toThrow(/start\(\)/);
    await store.close();
  });

  it("picks up an added file without a restart", async () => {
    const { root, store } = await startStore();
    await writeFile(join(root, "risks.md"), NEW_DOC);
    await waitFor(() => sectionIds(store).includes("risks.md#reviewing-risks"), "the new section");
    expect(store.current().index.search("risk register review").results[0]?.section.id).toBe(
      "risks.md#reviewing-risks",
    );
  });

  it("picks up an edit to an existing file", async () => {
    const { root, store, log } = await startStore();
    const file = join(root, "tools.md");
    const source = await readFile(file, "utf8");
    await writeFile(file, source.replace("## Ticket tracker", "## Kanban board"));
    await waitFor(() => sectionIds(store).includes("tools.md#kanban-board"), "the renamed heading");
    expect(sectionIds(store)).not.toContain("tools.md#ticket-tracker");
    expect(log.events("reload").at(-1)).toMatchObject({
      reason: "watch: change tools.md",
      sections: 6,
    });
  });

  it("drops a deleted file", async () => {
    const { root, store } = await startStore();
    await rm(join(root, "rituals", "standup.md"));
    await waitFor(() => !documentPaths(store).includes("rituals/standup.md"), "the deletion");
    expect(sectionIds(store)).toHaveLength(4);
  });

  it("follows a renamed file", async () => {
    const { root, store } = await startStore();
    await mkdir(join(root, "ceremonies"));
    await rename(join(root, "rituals", "standup.md"), join(root, "ceremonies", "standup.md"));
    await waitFor(
      () =>
        documentPaths(store).includes("ceremonies/standup.md") &&
        !documentPaths(store).includes("rituals/standup.md"),
      "the rename",
    );
    expect(sectionIds(store)).toContain("ceremonies/standup.md#facilitation");
    expect(sectionIds(store)).toHaveLength(6);
  });

  it("ignores dotfiles and non-markdown files", async () => {
    const { root, store, log } = await startStore();
    await writeFile(join(root, ".notes.md.swp"), "scratch");
    await writeFile(join(root, "diagram.png"), "not markdown");
    // Then a real change: if the two above had triggered anything, it would show up first.
    await writeFile(join(root, "risks.md"), NEW_DOC);
    await waitFor(() => sectionIds(store).includes("risks.md#reviewing-risks"), "the new section");
    expect(log.events("reload").map((line) => line.reason)).toEqual([
      "start",
      "watch: add risks.md",
    ]);
  });

  it("keeps the last good version of a file whose edit breaks it, and logs file and line", async () => {
    const { root, store, log } = await startStore();
    const file = join(root, "rituals", "standup.md");
    const before = store.current();
    const broken = (await readFile(file, "utf8"))
      .replace("## Facilitation", "## Running it")
      .replace("tags: [rituals, ceremonies]", "tags: [rituals, ceremonies");
    await writeFile(file, broken);
    const failure = await waitFor(() => log.events("reload_file_failed")[0], "the failure log");
    expect(failure).toMatchObject({
      level: "warn",
      file: "rituals/standup.md",
      line: expect.any(Number),
      kept: true,
      reason: expect.stringMatching(/YAML/i),
    });
    // The broken line is inside the frontmatter (lines 2–4).
    expect(failure.line).toBeGreaterThanOrEqual(2);
    expect(failure.line).toBeLessThanOrEqual(4);

    const after = store.current();
    expect(after).not.toBe(before);
    expect(sectionIds(store)).toEqual(before.base.sections.map((section) => section.id));
    expect(after.index.search("who facilitates the stand-up").results[0]?.section.id).toBe(
      "rituals/standup.md#facilitation",
    );
    expect(after.base.warnings).toEqual([
      expect.objectContaining({
        file: "rituals/standup.md",
        reason: expect.stringContaining("last good version"),
      }),
    ]);

    // Fixing the file brings in the edit.
    await writeFile(
      file,
      broken.replace("tags: [rituals, ceremonies", "tags: [rituals, ceremonies]"),
    );
    await waitFor(
      () => sectionIds(store).includes("rituals/standup.md#running-it"),
      "the fixed file",
    );
    expect(store.current().base.warnings).toEqual([]);
  });

  it("keeps global section order consistent when serving a last good version", async () => {
    const { root, store } = await startStore({ watch: false });
    const before = sectionIds(store);
    // Break the first document and add one that sorts before it.
    await writeFile(join(root, "onboarding.md"), "---\ntitle: [unclosed\n---\n\n# Oops\n");
    await writeFile(
      join(root, "intro.md"),
      "---\ntitle: Intro\norder: 0\n---\n\nWelcome to the handbook.\n",
    );
    const result = await store.reload("test");
    expect(result).toMatchObject({
      ok: true,
      sections: 7,
      failures: [expect.objectContaining({ file: "onboarding.md", kept: true })],
    });
    const { sections } = store.current().base;
    expect(sections.map((section) => section.id)).toEqual(["intro.md", ...before]);
    expect(sections.map((section) => section.order)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(store.current().base.documents.map((document) => document.path)).toEqual([
      "intro.md",
      "onboarding.md",
      "rituals/standup.md",
      "tools.md",
    ]);
  });

  it("does not renumber sections of the knowledge still in use", async () => {
    const { root, store } = await startStore({ watch: false });
    const before = store.current();
    const orders = before.base.sections.map((section) => section.order);
    await writeFile(join(root, "onboarding.md"), "---\ntitle: [unclosed\n---\n");
    await writeFile(join(root, "intro.md"), "---\ntitle: Intro\norder: 0\n---\n\nWelcome.\n");
    await store.reload("test");
    expect(before.base.sections.map((section) => section.order)).toEqual(orders);
  });

  it("skips, with a warning, a new file that never parsed", async () => {
    const { root, store, log } = await startStore({ watch: false });
    await writeFile(join(root, "broken.md"), "---\ntitle: Broken\ntags: [a\n---\n\nBody.\n");
    const result = await store.reload("test");
    expect(result).toMatchObject({ ok: true, sections: 6 });
    expect(log.events("reload_file_failed")).toEqual([
      expect.objectContaining({ file: "broken.md", kept: false, line: expect.any(Number) }),
    ]);
    expect(documentPaths(store)).not.toContain("broken.md");

    // Still broken but untouched: reported once, yet still listed in the result.
    const again = await store.reload("again");
    expect(again).toMatchObject({
      ok: true,
      failures: [expect.objectContaining({ file: "broken.md" })],
    });
    expect(log.events("reload_file_failed")).toHaveLength(1);
  });

  it("keeps serving the previous knowledge when the whole load fails", async () => {
    const { root, store, log } = await startStore({ watch: false });
    const before = store.current();
    await rm(root, { recursive: true });
    const result = await store.reload("test");
    expect(result).toMatchObject({
      ok: false,
      reason: "test",
      error: expect.stringContaining("not found"),
    });
    expect(store.current()).toBe(before);
    expect(log.events("reload_failed")).toEqual([
      expect.objectContaining({ level: "error", reason: "test" }),
    ]);
  });

  it("reloads on SIGHUP through onSignalReload, until unsubscribed", async () => {
    const { root, store, log } = await startStore({ watch: false });
    const signals = new EventEmitter();
    const stop = onSignalReload(store, signals);
    await writeFile(join(root, "risks.md"), NEW_DOC);
    signals.emit("SIGHUP");
    await waitFor(
      () => sectionIds(store).includes("risks.md#reviewing-risks"),
      "the SIGHUP reload",
    );
    expect(log.events("reload").at(-1)).toMatchObject({ reason: "SIGHUP", sections: 7 });
    stop();
    expect(signals.listenerCount("SIGHUP")).toBe(0);
  });

  it("shows new content to a consumer that asks current() per request (App Home)", async () => {
    const { root, store } = await startStore({ watch: false });
    // What an App Home listener does on every app_home_opened: read the knowledge afresh.
    const renderHomeTopics = (source: KnowledgeSource) =>
      source.current().base.documents.map((document) => document.title);
    expect(renderHomeTopics(store)).not.toContain("Risk register");
    await writeFile(join(root, "risks.md"), NEW_DOC);
    await store.reload("SIGHUP");
    expect(renderHomeTopics(store)).toContain("Risk register");
  });

  it("serialises reloads and coalesces requests made during one into a single follow-up", async () => {
    let builds = 0;
    const reads: Array<{ file: string; start: number; end: number }> = [];
    let onRead: ((file: string) => void) | undefined;
    const { root, store, log } = await startStore({
      watch: false,
      buildIndex: (sections) => {
        builds += 1;
        return createSearchIndex(sections);
      },
      readFile: async (file) => {
        const start = performance.now();
        onRead?.(file);
        await new Promise((resolve) => setTimeout(resolve, 30));
        const bytes = await readFile(file);
        reads.push({ file: basename(file), start, end: performance.now() });
        return bytes;
      },
    });
    builds = 0;
    reads.length = 0;
    const tools = join(root, "tools.md");
    await writeFile(tools, (await readFile(tools, "utf8")).replace("Ticket tracker", "Board"));
    // While the first reload reads tools.md, a new file appears: only the follow-up can see it.
    onRead = (file) => {
      if (file === tools) writeFileSync(join(root, "risks.md"), NEW_DOC);
    };
    const first = store.reload("a");
    const followUps = [store.reload("b"), store.reload("c"), store.reload("b")];
    const results = await Promise.all([first, ...followUps]);

    expect(builds).toBe(2);
    expect(results.map((result) => result.reason)).toEqual(["a", "b; c", "b; c", "b; c"]);
    expect(results.map((result) => result.ok && result.sections)).toEqual([6, 7, 7, 7]);
    expect(log.events("reload").map((line) => line.reason)).toEqual(["start", "a", "b; c"]);
    // One reload at a time: the follow-up's read starts after the first reload's read ended.
    expect(reads.map((read) => read.file)).toEqual(["tools.md", "risks.md"]);
    expect(reads[1]?.start).toBeGreaterThanOrEqual(reads[0]?.end ?? Number.POSITIVE_INFINITY);
  });

  it("parses again only the files that changed", async () => {
    const { root, store } = await startStore({ watch: false });
    expect(await store.reload("nothing changed")).toMatchObject({
      ok: true,
      parsed: 0,
      sections: 6,
    });
    const tools = join(root, "tools.md");
    await writeFile(tools, (await readFile(tools, "utf8")).replace("Ticket tracker", "Board"));
    expect(await store.reload("one edit")).toMatchObject({ ok: true, parsed: 1, sections: 6 });
    expect(sectionIds(store)).toContain("tools.md#board");
  });

  it("keeps the last good version of a file saved in another encoding", async () => {
    const { root, store, log } = await startStore({ watch: false });
    const before = sectionIds(store);
    await writeFile(
      join(root, "tools.md"),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]),
    );
    expect(await store.reload("test")).toMatchObject({ ok: true, sections: 6 });
    expect(sectionIds(store)).toEqual(before);
    expect(log.events("reload_file_failed")).toEqual([
      expect.objectContaining({
        file: "tools.md",
        kept: true,
        reason: expect.stringContaining("UTF-8"),
      }),
    ]);
  });

  it("answers every query during reloads from a complete knowledge base", async () => {
    const { root, store } = await startStore({ watch: false });
    const oldTotal = store.current().base.sections.length;
    await writeFile(join(root, "risks.md"), NEW_DOC);
    const newTotal = oldTotal + 1;
    let reloading = true;
    const seen = new Set<number>();
    let queries = 0;
    const hammer = (async () => {
      while (reloading) {
        const knowledge = store.current();
        const response = knowledge.index.search("facilitation of the stand-up");
        // Base and index always belong together, and the answer comes from that base.
        expect(knowledge.index.size).toBe(knowledge.base.sections.length);
        expect(knowledge.base.sections).toContain(response.results[0]?.section);
        seen.add(knowledge.base.sections.length);
        queries += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const reloads = [];
    for (let i = 0; i < 5; i += 1) {
      reloads.push(store.reload(`burst ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const results = await Promise.all(reloads);
    reloading = false;
    await hammer;
    expect(results.every((result) => result.ok)).toBe(true);
    expect(queries).toBeGreaterThan(5);
    expect([...seen].every((total) => total === oldTotal || total === newTotal)).toBe(true);
    expect(seen.has(newTotal)).toBe(true);
  });

  it("stops watching on close", async () => {
    const { root, store, log } = await startStore();
    await store.close();
    await writeFile(join(root, "risks.md"), NEW_DOC);
    // Longer than the debounce plus write settling: a live watcher would have reloaded by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(log.events("reload")).toHaveLength(1);
    expect(sectionIds(store)).not.toContain("risks.md#reviewing-risks");
  });
});

describe("the store's own file reading", () => {
  it("finds the same files and gives the same knowledge base as the corpus loader", async () => {
    const { root, cleanup } = await copyFixture(EDGE_FIXTURE);
    cleanups.push(cleanup);
    // Made here: git will not track a `.git` or `node_modules` directory inside a fixture.
    const hidden = {
      ".git/HEAD.md": "ref: refs/heads/main\n",
      "node_modules/pkg/README.md": "# Package readme\n\nNot handbook content.\n",
      "guides/.drafts/plan.md": "---\ntitle: Draft\n---\n\n## Secret plan\n\nNot ready.\n",
    };
    for (const [file, text] of Object.entries(hidden)) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    }
    const { logger } = captureLogger();
    const store = createKnowledgeStore({ root, logger, watch: false });
    cleanups.push(() => store.close());
    await store.start();
    const loaded = await loadKnowledgeBase(root);
    expect(store.current().base).toEqual(loaded);
    // The fixture exercises what both must skip or warn about.
    expect(loaded.warnings.map((warning) => warning.file).sort()).toEqual([
      "guides/broken.md",
      "guides/empty.md",
      "guides/placeholder.md",
    ]);
    // A redirect-only page is loaded as a pointer by both.
    expect(loaded.sections.map((section) => section.id)).toContain("guides/moved.md");
  });
});

describe("createKnowledgeStore with a parse cache", () => {
  /** A store over `root` whose parser counts the files it really parses. */
  function cachedStore(root: string, directory: string) {
    const calls: string[] = [];
    const counting: DocumentParser = {
      parse: async (file, bytes) => {
        calls.push(file);
        return parseDocumentBytes(file, bytes);
      },
      close: async () => {},
    };
    const parser = createCachedParser(counting, createParseCache({ directory, version: "test" }));
    const log = captureLogger();
    const store = createKnowledgeStore({ root, logger: log.logger, watch: false, parser });
    cleanups.push(() => store.close());
    return { store, calls };
  }

  it("never parses an unchanged file again, across restarts and reloads", async () => {
    const { root, cleanup } = await copyFixture();
    cleanups.push(cleanup);
    const directory = await mkdtemp(join(tmpdir(), "store-cache-"));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));

    const first = cachedStore(root, directory);
    await first.store.start();
    expect(first.calls.sort()).toEqual(["onboarding.md", "rituals/standup.md", "tools.md"]);
    const ids = sectionIds(first.store);
    await first.store.close();

    const second = cachedStore(root, directory);
    await second.store.start();
    expect(second.calls).toEqual([]);
    expect(sectionIds(second.store)).toEqual(ids);

    // Saved again with the same bytes: read again (its stamp changed), never parsed again.
    const tools = join(root, "tools.md");
    const original = await readFile(tools, "utf8");
    await writeFile(tools, original);
    expect(await second.store.reload("touched")).toMatchObject({ ok: true, parsed: 1 });
    expect(second.calls).toEqual([]);

    await writeFile(tools, original.replace("Ticket tracker", "Board"));
    await second.store.reload("edited");
    expect(second.calls).toEqual(["tools.md"]);
    expect(sectionIds(second.store)).toContain("tools.md#board");
    // And back: the first version's entry is still there.
    await writeFile(tools, original);
    await second.store.reload("reverted");
    expect(second.calls).toEqual(["tools.md"]);
    expect(sectionIds(second.store)).toEqual(ids);
  });
});

describe("createKnowledgeStore, closing mid-reload", () => {
  it("stops a reload waiting on a parse at once", async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let parsing = false;
    let closed = false;
    const parser: DocumentParser = {
      async parse(file, bytes) {
        if (parsing) {
          // A parse that would never end, as a hostile file's can; close() abandons it.
          await blocked;
          if (closed) throw new ParseInterrupted("the parser is closed");
        }
        return parseDocumentBytes(file, bytes);
      },
      async close() {
        closed = true;
        release();
      },
    };
    const { root, store, log } = await startStore({ watch: false, parser });
    parsing = true;
    await writeFile(join(root, "risks.md"), NEW_DOC);
    const reload = store.reload("edit");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.close();
    expect(await reload).toMatchObject({ ok: false, error: expect.stringContaining("stopped") });
    expect(log.events("reload_stopped")).toHaveLength(1);
    expect(log.events("reload_failed")).toEqual([]);
  });

  it("keeps serving the current knowledge when closed mid-reload", async () => {
    const { root, store } = await startStore({ watch: false });
    await writeFile(join(root, "risks.md"), NEW_DOC);
    const before = store.current();
    const reload = store.reload("edit");
    const closing = new Promise<void>((resolve) => setImmediate(() => resolve(store.close())));
    await closing;
    const result = await reload;
    expect(result.ok).toBe(false);
    expect(store.current()).toBe(before);
  });
});

describe("links between pages, through the bot's load path", () => {
  const FORMATS = fileURLToPath(new URL("../fixtures/formats/", import.meta.url));
  const DOCS = "https://handbook.example/";

  /** The store as main.ts builds it: parse workers behind the parse cache. */
  async function startPooledStore(root: string, cacheDirectory: string, docsBaseUrl?: string) {
    const parser = createCachedParser(
      createParsePool({ size: 2 }),
      createParseCache({ directory: cacheDirectory }),
    );
    const store = createKnowledgeStore({
      root,
      logger: captureLogger().logger,
      watch: false,
      parser,
      ...(docsBaseUrl !== undefined && { docsBaseUrl }),
    });
    cleanups.push(() => store.close());
    await store.start();
    return { store, stats: parser.stats };
  }

  /** The answer the bot would post for a section, as Slack would receive it. */
  function answerFor(store: KnowledgeStore, sectionId: string, query: string): string {
    const { index, base } = store.current();
    const section = base.sections.find((each) => each.id === sectionId);
    if (!section) throw new Error(`no section ${sectionId}`);
    const found = index.search(query).results.find((result) => result.section.id === sectionId);
    const result = found ?? { section, score: 1, matchedTerms: [] };
    return JSON.stringify(renderAnswer({ query, result, related: [] }).blocks);
  }

  it("links wiki and relative links to their pages under DOCS_BASE_URL, and resolves refs, from cached per-file parses", async () => {
    const { root, cleanup } = await copyFixture(FORMATS);
    cleanups.push(cleanup);
    const cacheDirectory = await mkdtemp(join(tmpdir(), "parse-cache-"));
    cleanups.push(() => rm(cacheDirectory, { recursive: true, force: true }));

    const linked = await startPooledStore(root, cacheDirectory, DOCS);
    const incident = "obsidian/Incident-Response.md";
    const answer = answerFor(linked.store, incident, "who is paged when an incident starts");
    expect(answer).toContain(
      "<https://handbook.example/obsidian/rituals/Oncall-Rotation|the on-call rotation page>",
    );
    expect(
      answerFor(linked.store, "mdx/docs/release-process.mdx#rollbacks", "who decides a rollback"),
    ).toContain("<https://handbook.example/mdx/docs/on-call-guide|on-call guide>");
    // A Hugo ref reads as its page's title, not its file name, though parsed in a worker.
    const expenses = () =>
      linked.store
        .current()
        .base.sections.find((s) => s.id === "hugo/content/policies/expenses.md");
    expect(expenses()?.text).toContain("see Travel and per diem rules and the per diem table");
    // GitBook's SUMMARY.md orders the pages and is not a page itself, as the CLIs load it.
    const documents = linked.store.current().base.documents;
    expect(documents.filter((d) => d.path.endsWith("SUMMARY.md"))).toEqual([]);
    expect(documents.filter((d) => d.path.startsWith("gitbook/")).map((d) => d.title)).toEqual([
      "Welcome",
      "Stand-ups",
      "Planning",
    ]);
    expect(linked.stats.parsed).toBeGreaterThan(0);

    // Renaming the page a ref points at re-reads only that page; the referring page, unchanged
    // and served from its last parse, reads the new title.
    const travel = join(root, "hugo/content/policies/travel-policy.md");
    await writeFile(
      travel,
      (await readFile(travel, "utf8")).replace("Travel and per diem rules", "Travel rules"),
    );
    const reloaded = await linked.store.reload("test");
    expect(reloaded).toMatchObject({ ok: true, parsed: 1 });
    expect(expenses()?.text).toContain("see Travel rules and the per diem table");

    // The parse cache holds per-file parses only: a store without DOCS_BASE_URL, sharing it,
    // parses nothing and keeps the link's words.
    const plain = await startPooledStore(root, cacheDirectory);
    expect(plain.stats.parsed).toBe(0);
    expect(plain.stats.hits).toBe(documents.length);
    const words = answerFor(plain.store, incident, "who is paged when an incident starts");
    expect(words).toContain("follows the on-call rotation page to find");
    expect(words).not.toContain("handbook.example");
  });
});
