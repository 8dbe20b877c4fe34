import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/content-check.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let clock = 0;
  const code = await main(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    cwd: repoRoot,
    now: () => (clock += 10),
  });
  return { code, out: out.join(""), err: err.join("") };
}

describe("content:check main()", () => {
  it("passes a good knowledge base with exit 0 and a summary", async () => {
    const result = await run(["test/fixtures/check-good"]);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      "content:check passed: 0 errors, 0 warnings in 2 files (4 sections) under test/fixtures/check-good\n",
    );
  });

  it("fails a broken one with file:line: messages relative to the working directory", async () => {
    const result = await run(["test/fixtures/check-broken"]);
    expect(result.code).toBe(1);
    const lines = result.out.trimEnd().split("\n");
    expect(lines).toContain(
      "test/fixtures/check-broken/links.md:8: error: broken link: nowhere.md (no file nowhere.md in the content root)",
    );
    expect(lines).toContain(
      'test/fixtures/check-broken/links.md:11: error: section "Empty heading" is empty',
    );
    expect(lines).toContain(
      'test/fixtures/check-broken/frontmatter.md:4: error: `order` must be a number, not string "first"',
    );
    expect(
      lines.every((line, index) => index === lines.length - 1 || /^\S+:\d+: /.test(line)),
    ).toBe(true);
    expect(lines.at(-1)).toBe(
      "content:check failed: 14 errors, 0 warnings in 4 files (6 sections) under test/fixtures/check-broken",
    );
  });

  it("reports a missing directory with exit 1", async () => {
    const result = await run(["test/fixtures/no-such-content"]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Content directory not found: .*no-such-content/);
  });

  it("rejects unknown options and extra arguments with exit 2", async () => {
    expect((await run(["--bogus"])).code).toBe(2);
    expect((await run(["a", "b"])).code).toBe(2);
  });

  it("prints counts and the median ingest time with --stats", async () => {
    const result = await run(["test/fixtures/check-good", "--stats"]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^stats: 2 files, 2 documents, 4 sections \(depth 0: 1, depth 1: 1, depth 2: 2\), 0 files skipped; ingest median 10 ms over 5 runs \(10, 10, 10, 10, 10\)$/m,
    );
  });
});

describe("content:check as a process", () => {
  it("exits 1 and prints problems when spawned on a broken knowledge base", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/content-check.ts",
        path.join("test", "fixtures", "check-broken"),
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "test/fixtures/check-broken/links.md:9: error: broken link: no heading #not-here in this document",
    );
  });
});
