import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main, summariseByKind } from "../../src/cli/content-check.js";

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
      'test/fixtures/check-broken/links.md:11: warning: heading "Empty heading" has no text and no subsections: it is shown as a line of "Links"',
    );
    // Then one line per kind of problem, errors first.
    expect(lines.slice(-6)).toEqual([
      "error: invalid frontmatter field ×3",
      "error: broken link ×3",
      "error: file not loaded ×1",
      "warning: duplicate title ×1",
      "warning: empty heading ×1",
      "content:check failed: 7 errors, 2 warnings in 4 files (5 sections) under test/fixtures/check-broken",
    ]);
    expect(lines.slice(0, -6).every((line) => /^\S+:\d+: (?:error|warning): /.test(line))).toBe(
      true,
    );
  });

  it("checks authoring fields only with --strict", async () => {
    const result = await run(["test/fixtures/check-broken", "--strict"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'test/fixtures/check-broken/frontmatter.md:4: error: `order` must be a number, not string "first"',
    );
    expect(result.out.trimEnd().split("\n").at(-1)).toBe(
      "content:check failed: 13 errors, 1 warning in 4 files (5 sections) under test/fixtures/check-broken",
    );
  });

  it("summarises many problems as one line per kind with a few examples", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      file: `p${i}.md`,
      line: i + 1,
      severity: "error" as const,
      kind: "broken link",
      message: `broken link: x${i}.md`,
    }));
    expect(summariseByKind(many, (problem) => `${problem.file}:${problem.line}`)).toEqual([
      "error: broken link ×30, e.g. p0.md:1 (broken link: x0.md); p1.md:2; p2.md:3; …",
    ]);
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
