/**
 * The parse pool's worker threads. Under Vitest the workers run the TypeScript sources through
 * tsx's loader; the compiled workers are exercised by the e2e test that runs `npm start`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { listDocumentFiles, parseDocumentBytes } from "../../src/corpus/load.js";
import {
  createParsePool,
  type DocumentParser,
  ParseInterrupted,
} from "../../src/knowledge/parse-pool.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

const pools: DocumentParser[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

function pool(options: Parameters<typeof createParsePool>[0] = {}): DocumentParser {
  const created = createParsePool(options);
  pools.push(created);
  return created;
}

/** A long markdown file: seconds of parsing, whatever the machine. */
function longMarkdown(megabytes: number): Uint8Array {
  const paragraph =
    "A paragraph with *emphasis*, `code`, a [link](https://example.org) and | table | cells |.\n\n";
  const sections: string[] = [];
  let size = 0;
  for (let n = 0; size < megabytes * 1024 * 1024; n++) {
    const section = `## Heading ${n}\n\n${paragraph.repeat(20)}- item\n  - nested item\n\n`;
    sections.push(section);
    size += section.length;
  }
  return new TextEncoder().encode(sections.join(""));
}

describe("createParsePool", () => {
  it("parses every fixture file exactly as this thread does, two threads at a time", async () => {
    const parser = pool({ size: 2 });
    const roots = ["handbook", "reload-edge", "middleman", "docusaurus", "encoding"];
    const jobs: Promise<void>[] = [];
    for (const name of roots) {
      const root = join(FIXTURES, name);
      for (const file of await listDocumentFiles(root)) {
        const bytes = await readFile(join(root, file));
        jobs.push(
          parser.parse(file, bytes).then((outcome) => {
            expect(outcome).toEqual(parseDocumentBytes(file, bytes));
          }),
        );
      }
    }
    expect(jobs.length).toBeGreaterThan(10);
    await Promise.all(jobs);
  }, 60_000);

  it("skips a file that takes longer than allowed, and goes on with the next", async () => {
    // Three megabytes take seconds to parse; a small file, milliseconds even on a busy machine.
    const parser = pool({ size: 1, timeoutMs: 1000 });
    await expect(parser.parse("huge.md", longMarkdown(3))).rejects.toThrow(/took longer than 1 s/);
    const small = new TextEncoder().encode("# Title\n\nSome text.\n");
    await expect(parser.parse("small.md", small)).resolves.toEqual(
      parseDocumentBytes("small.md", small),
    );
  }, 60_000);

  it("stops at once on close, mid-parse: pending parses reject, later ones too", async () => {
    const parser = pool({ size: 1 });
    const small = new TextEncoder().encode("# Warm\n\ntext\n");
    await parser.parse("warm.md", small); // the thread is loaded: the next parse starts at once
    const long = parser.parse("huge.md", longMarkdown(3));
    const queued = parser.parse("next.md", new TextEncoder().encode("# Next\n\ntext\n"));
    const settled = Promise.allSettled([long, queued]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await parser.close();
    for (const result of await settled) {
      expect(result).toMatchObject({ status: "rejected", reason: expect.any(ParseInterrupted) });
    }
    await expect(parser.parse("late.md", new Uint8Array())).rejects.toBeInstanceOf(
      ParseInterrupted,
    );
  }, 60_000);
});
