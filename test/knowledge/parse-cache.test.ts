import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
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

describe("parserVersion", () => {
  it("is the same for the same code and a short hex id", () => {
    expect(parserVersion()).toBe(parserVersion());
    expect(parserVersion()).toMatch(/^[0-9a-f]{16}$/);
  });
});
