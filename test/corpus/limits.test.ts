import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MAX_FILE_BYTES } from "../../src/config.js";
import { loadKnowledgeBase } from "../../src/corpus/load.js";
import { findDeepNesting, MAX_NESTING } from "../../src/corpus/nesting.js";
import { parseDocument } from "../../src/corpus/parse.js";
import { makeRoot, removeRoots } from "./temporary-root.js";

afterEach(removeRoots);

const GOOD = "---\ntitle: Good\n---\n\n## Part\n\nReal content.\n";

/** A readable page of about `bytes` bytes: headings and paragraphs. */
function pageOf(bytes: number): string {
  const part = "## Part\n\nSome words about the delivery manager role and its work.\n\n";
  return `# Big\n\n${part.repeat(Math.ceil(bytes / part.length))}`.slice(0, bytes);
}

describe("MAX_FILE_BYTES", () => {
  it("skips a file over the limit with a warning naming it and its size; the rest loads", async () => {
    const root = await makeRoot({
      "good.md": GOOD,
      "big.md": pageOf(5000),
      "small.md": pageOf(900),
    });
    const base = await loadKnowledgeBase(root, { maxFileBytes: 1000 });
    expect(base.documents.map((document) => document.path).sort()).toEqual(["good.md", "small.md"]);
    expect(base.warnings).toEqual([
      {
        file: "big.md",
        reason: "skipped: 5000 bytes, more than MAX_FILE_BYTES (1000)",
      },
    ]);
  });

  it("counts bytes, not characters", async () => {
    const root = await makeRoot({ "good.md": GOOD, "accents.md": `# É\n\n${"é".repeat(600)}\n` });
    const base = await loadKnowledgeBase(root, { maxFileBytes: 1000 });
    expect(base.warnings.map((warning) => warning.file)).toEqual(["accents.md"]);
  });

  it("is 2 MB by default: a file one byte over is skipped without being parsed", async () => {
    const root = await makeRoot({
      "good.md": GOOD,
      "huge.md": pageOf(DEFAULT_MAX_FILE_BYTES + 1),
    });
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["good.md"]);
    expect(base.warnings[0]?.reason).toBe(
      `skipped: ${DEFAULT_MAX_FILE_BYTES + 1} bytes, more than MAX_FILE_BYTES (${DEFAULT_MAX_FILE_BYTES})`,
    );
  });

  it("applies to what is read, even when the file grew after it was listed", async () => {
    const root = await makeRoot({ "good.md": GOOD, "grows.md": GOOD });
    const base = await loadKnowledgeBase(root, {
      maxFileBytes: 1000,
      readFile: async (file) =>
        new TextEncoder().encode(file.endsWith("grows.md") ? pageOf(4000) : GOOD),
    });
    expect(base.warnings).toEqual([
      { file: "grows.md", reason: "skipped: 4000 bytes, more than MAX_FILE_BYTES (1000)" },
    ]);
  });
});

describe("nesting", () => {
  const hostile: Record<string, string> = {
    // The probe's file: 20 KB of 10,000 nested list markers.
    "lists.md": `# Lists\n\n${"- ".repeat(10_000)}x\n`,
    "quotes.md": `# Quotes\n\n${">".repeat(10_000)} x\n`,
    "spaced-quotes.md": `# Quotes\n\n${"> ".repeat(10_000)}x\n`,
    "ordered.md": `# Ordered\n\n${"1. ".repeat(10_000)}x\n`,
    "mixed.md": `# Mixed\n\n${"> - 1) * ".repeat(2_500)}x\n`,
  };

  it("skips files nested deeper than the limit with file:line, never a stack overflow", async () => {
    const root = await makeRoot({ "good.md": GOOD, ...hostile });
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["good.md"]);
    expect(base.warnings.map((warning) => warning.file).sort()).toEqual(
      Object.keys(hostile).sort(),
    );
    for (const warning of base.warnings) {
      expect(warning.line).toBe(3);
      expect(warning.reason).toMatch(
        new RegExp(`^lists or quotes nested more than ${MAX_NESTING} levels deep`),
      );
    }
  });

  it("reports the file line after frontmatter and multi-line template tags", () => {
    const source = `---\ntitle: T\n---\n\n{% comment %}\none\ntwo\n{% endcomment %}\nText\n\n${"> ".repeat(60)}deep\n`;
    expect(() => parseDocument("t.md", source)).toThrow(/^line 11: lists or quotes nested/);
  });

  it("counts indentation as nesting, as lists nest by indenting", () => {
    const indented = Array.from({ length: 60 }, (_, i) => `${"  ".repeat(i)}- level ${i}`);
    expect(findDeepNesting(indented.join("\n"))).toMatchObject({ line: MAX_NESTING + 1 });
  });

  it("loads ordinary nesting: lists in quotes in lists, code indented in lists", () => {
    const source = [
      "# Normal",
      "",
      "- one",
      "  - two",
      "    1. three",
      "       > quoted",
      "       > - listed in a quote",
      "",
      "        indented code, and a line of dashes below",
      "",
      "- - -",
      "",
      "Numbers like 2024. start lines too.",
    ].join("\n");
    expect(findDeepNesting(source)).toBeUndefined();
    expect(parseDocument("normal.md", source).sections).toHaveLength(1);
  });

  it("finds exactly the lines whose marker count passes the limit (property)", () => {
    const marker = fc.constantFrom("> ", ">", "- ", "* ", "+ ", "1. ", "23) ");
    const line = fc.array(marker, { maxLength: 2 * MAX_NESTING });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const text = lines.map((markers) => `${markers.join("")}word`).join("\n");
        const deep = lines.findIndex((markers) => markers.length > MAX_NESTING);
        expect(findDeepNesting(text)?.line).toBe(deep === -1 ? undefined : deep + 1);
      }),
    );
  });
});
