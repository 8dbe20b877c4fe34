import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocumentBytes } from "../../src/corpus/load.js";
import { createParseCache, parserVersion } from "../../src/knowledge/parse-cache.js";
import { createCachedParser, type DocumentParser } from "../../src/knowledge/parse-pool.js";

const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "parse-cache-"));
  temporary.push(dir);
  return dir;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const RETRO = bytes(
  "---\ntitle: Retrospectives\ntags: [rituals]\n---\n# Retrospectives\n\nLead text.\n\n## Running one\n\nHold one every sprint.\n",
);

/** Every file under `dir`, relative. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/** The in-process parser, counting its calls. */
function countingParser() {
  const calls: string[] = [];
  const parser: DocumentParser = {
    parse: async (file, data) => {
      calls.push(file);
      return parseDocumentBytes(file, data);
    },
    close: async () => {},
  };
  return { parser, calls };
}

describe("createParseCache", () => {
  it("gives back what it stored: the document, its sections pointing at it, and warnings", async () => {
    const cache = createParseCache({ directory: await cacheDir(), version: "v1" });
    const outcome = parseDocumentBytes("rituals/retro.md", RETRO);
    const key = cache.keyOf("rituals/retro.md", RETRO);
    await cache.set(key, outcome);
    const cached = await cache.get(key);
    expect(cached).toEqual(outcome);
    if (cached === undefined || !("document" in cached)) throw new Error("no document");
    for (const section of cached.document.sections) {
      expect(section.document).toBe(cached.document.document);
    }

    const broken = parseDocumentBytes("broken.md", bytes("---\ntitle: [unclosed\n---\nText\n"));
    expect("warning" in broken).toBe(true);
    const brokenKey = cache.keyOf("broken.md", bytes("x"));
    await cache.set(brokenKey, broken);
    expect(await cache.get(brokenKey)).toEqual(broken);
  });

  it("keys by parser version, path and bytes", async () => {
    const directory = await cacheDir();
    const v1 = createParseCache({ directory, version: "v1" });
    const v2 = createParseCache({ directory, version: "v2" });
    const key = v1.keyOf("a.md", RETRO);
    expect(v1.keyOf("a.md", RETRO)).toBe(key);
    expect(v2.keyOf("a.md", RETRO)).not.toBe(key);
    expect(v1.keyOf("b.md", RETRO)).not.toBe(key);
    expect(v1.keyOf("a.md", bytes("# Other\n\ntext\n"))).not.toBe(key);
    await v1.set(key, parseDocumentBytes("a.md", RETRO));
    expect(await v2.get(v2.keyOf("a.md", RETRO))).toBeUndefined();
  });

  it("treats a corrupt, truncated or foreign entry as a miss, and the parser rewrites it", async () => {
    const directory = await cacheDir();
    const cache = createParseCache({ directory, version: "v1" });
    const { parser, calls } = countingParser();
    const cached = createCachedParser(parser, cache);
    const first = await cached.parse("retro.md", RETRO);
    const [entry] = await filesUnder(directory);
    if (entry === undefined) throw new Error("no entry written");
    const key = entry.replace(/\.json$/, "");
    const entryPath = join(directory, key.slice(0, 2), entry);
    const good = await readFile(entryPath, "utf8");

    for (const corrupt of [
      good.slice(0, good.length / 2), // a torn write
      "not json at all",
      JSON.stringify({ ...JSON.parse(good), key: "another" }),
      JSON.stringify({ ...JSON.parse(good), outcome: { document: { sections: "no" } } }),
      "null",
    ]) {
      await writeFile(entryPath, corrupt);
      expect(await cache.get(key)).toBeUndefined();
      expect(await cached.parse("retro.md", RETRO)).toEqual(first);
      expect(await cache.get(key)).toEqual(first);
    }
    expect(calls).toHaveLength(6);
    expect(await cached.parse("retro.md", RETRO)).toEqual(first);
    expect(calls).toHaveLength(6);
  });

  it("is shared safely: concurrent writers and readers see a whole entry or none", async () => {
    const directory = await cacheDir();
    const writers = [1, 2, 3].map(() => createParseCache({ directory, version: "v1" }));
    const outcome = parseDocumentBytes("retro.md", RETRO);
    const key = writers[0]?.keyOf("retro.md", RETRO) ?? "";
    const seen: unknown[] = [];
    await Promise.all([
      ...writers.flatMap((cache) => Array.from({ length: 20 }, () => cache.set(key, outcome))),
      ...Array.from({ length: 60 }, async () => seen.push(await writers[1]?.get(key))),
    ]);
    for (const value of seen) if (value !== undefined) expect(value).toEqual(outcome);
    expect(await writers[2]?.get(key)).toEqual(outcome);
    // Every temporary file was renamed into place: only the entry is left.
    expect(await filesUnder(directory)).toEqual([`${key}.json`]);
  });

  it("keeps parsing, and says so once, when its folder cannot be written", async () => {
    // A file where the folder should be: not writable, whoever runs the tests (root included).
    const blocked = join(await cacheDir(), "a-file");
    await writeFile(blocked, "");
    const errors: unknown[] = [];
    const cache = createParseCache({
      directory: join(blocked, "cache"),
      version: "v1",
      onWriteError: (error) => errors.push(error),
    });
    const { parser } = countingParser();
    const cached = createCachedParser(parser, cache);
    expect(await cached.parse("retro.md", RETRO)).toEqual(parseDocumentBytes("retro.md", RETRO));
    expect(await cached.parse("other.md", RETRO)).toEqual(parseDocumentBytes("other.md", RETRO));
    expect(errors).toHaveLength(1);
  });
});

describe("prune", () => {
  const DAY = 24 * 60 * 60 * 1000;

  /** Sets a file's modification time `days` ago. */
  async function age(file: string, days: number): Promise<void> {
    const at = new Date(Date.now() - days * DAY);
    await utimes(file, at, at);
  }

  async function filled() {
    const directory = await cacheDir();
    const cache = createParseCache({ directory, version: "v1" });
    const outcome = parseDocumentBytes("retro.md", RETRO);
    const keys = ["one", "two", "three"].map((name) => cache.keyOf(`${name}.md`, RETRO));
    for (const key of keys) await cache.set(key, outcome);
    const entry = (key: string) => join(directory, key.slice(0, 2), `${key}.json`);
    return { directory, cache, keys, entry };
  }

  it("removes old entries not in use, and keeps entries in use and recent ones", async () => {
    const { directory, cache, keys, entry } = await filled();
    const [inUse, old, recent] = keys as [string, string, string];
    await age(entry(inUse), 30);
    await age(entry(old), 30);
    await age(entry(recent), 1);
    // Not the cache's own names: never touched, however old.
    const foreign = join(directory, inUse.slice(0, 2), "notes.txt");
    await writeFile(foreign, "mine");
    await age(foreign, 90);

    const result = await cache.prune({ keep: new Set([inUse]) });
    expect(result).toEqual({ skipped: false, removed: 1, kept: 2, failed: 0 });
    expect(await cache.get(inUse)).toBeDefined();
    expect(await cache.get(recent)).toBeDefined();
    expect(await cache.get(old)).toBeUndefined();
    expect(await readFile(foreign, "utf8")).toBe("mine");
  });

  it("removes temporary files a dead writer left after an hour, not a live writer's", async () => {
    const { directory, cache, keys } = await filled();
    const key = keys[0] ?? "";
    const shard = join(directory, key.slice(0, 2));
    const stale = join(shard, `${key}.json.123.aaaaaaaaaaaa.tmp`);
    const live = join(shard, `${key}.json.124.bbbbbbbbbbbb.tmp`);
    await writeFile(stale, "{");
    await writeFile(live, "{");
    await age(stale, 1);
    await cache.prune({ keep: new Set(keys) });
    const left = await readdir(shard);
    expect(left).toContain(`${key}.json.124.bbbbbbbbbbbb.tmp`);
    expect(left).not.toContain(`${key}.json.123.aaaaaaaaaaaa.tmp`);
  });

  it("walks the folder at most once per interval, whichever process asks", async () => {
    const { directory, keys, entry } = await filled();
    const [first, second] = keys as [string, string, string];
    await age(entry(first), 30);
    await age(entry(second), 30);
    const one = createParseCache({ directory, version: "v1" });
    const other = createParseCache({ directory, version: "v1" });
    expect(await one.prune({ keep: new Set([second]) })).toMatchObject({ removed: 1 });
    expect(await other.prune({ keep: new Set() })).toEqual({ skipped: true });
    expect(await other.get(second)).toBeDefined();
    // A day later it runs again.
    const later = () => Date.now() + DAY + 1000;
    expect(await other.prune({ keep: new Set(), now: later })).toMatchObject({ removed: 1 });
  });

  it("keeps what the cached parser used, and never rejects on a folder it cannot read", async () => {
    const { directory, keys, entry } = await filled();
    for (const key of keys) await age(entry(key), 30);
    const { parser } = countingParser();
    const cached = createCachedParser(parser, createParseCache({ directory, version: "v1" }));
    await cached.parse("one.md", RETRO);
    expect(await cached.prune()).toMatchObject({ skipped: false, removed: 2, kept: 1 });
    expect(await filesUnder(join(directory, (keys[0] ?? "").slice(0, 2)))).toContain(
      `${keys[0]}.json`,
    );

    const blocked = join(await cacheDir(), "a-file");
    await writeFile(blocked, "");
    const unreadable = createParseCache({ directory: join(blocked, "cache"), version: "v1" });
    expect(await unreadable.prune({ keep: new Set() })).toEqual({ skipped: true });
  });
});

describe("parserVersion", () => {
  it("is the same for the same code and a short hex id", () => {
    expect(parserVersion()).toBe(parserVersion());
    expect(parserVersion()).toMatch(/^[0-9a-f]{16}$/);
  });
});
