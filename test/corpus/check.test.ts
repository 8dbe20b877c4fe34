import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type CheckOptions, checkContent, SECTION_LIMITS } from "../../src/corpus/check.js";
import { loadParsedDocuments } from "../../src/corpus/load.js";
import { parseDocument } from "../../src/corpus/parse.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

const FRONTMATTER = "---\ntitle: T\norder: 1\ntags: [a]\nsources: []\n---\n";

function checkSources(files: Record<string, string>, options: CheckOptions = {}) {
  const documents = Object.entries(files).map(([file, source]) => parseDocument(file, source));
  return checkContent({ documents, warnings: [], files: Object.keys(files) }, options);
}

describe("checkContent", () => {
  it("finds nothing wrong with a good knowledge base", async () => {
    const parsed = await loadParsedDocuments(path.join(fixtures, "check-good"));
    expect(parsed.documents).toHaveLength(2);
    expect(checkContent(parsed)).toEqual([]);
  });

  it("reports every problem of a broken knowledge base with file and line", async () => {
    const parsed = await loadParsedDocuments(path.join(fixtures, "check-broken"));
    const lines = checkContent(parsed).map(
      (problem) => `${problem.file}:${problem.line}: ${problem.severity}: ${problem.message}`,
    );
    expect(lines).toEqual([
      "frontmatter.md:7: error: `owner` must be a Slack user or channel id such as U012AB3CD or C012AB3CD",
      "frontmatter.md:9: error: `updated` must be a date written YYYY-MM-DD",
      "frontmatter.md:10: error: `questions.missing-heading` matches no heading (slugs: real-heading)",
      expect.stringMatching(/^invalid-yaml\.md:4: error: not loaded: invalid frontmatter YAML/),
      'links.md:2: warning: duplicate title "Links" (also duplicate.md); answers could not tell them apart',
      "links.md:8: error: broken link: nowhere.md (no file nowhere.md in the content root)",
      "links.md:8: error: broken link: frontmatter.md#no-such-heading (no heading #no-such-heading in frontmatter.md)",
      "links.md:9: error: broken link: no heading #not-here in this document",
      'links.md:11: warning: heading "Empty heading" has no text and no subsections: it is shown as a line of "Links"',
    ]);
  });

  it("checks this project's authoring fields, a site url and unique titles only with strict", async () => {
    const parsed = await loadParsedDocuments(path.join(fixtures, "check-broken"));
    const strictOnly = checkContent(parsed, { strict: true }).filter(
      (problem) =>
        !checkContent(parsed).some(
          (other) => other.message === problem.message && other.severity === problem.severity,
        ),
    );
    expect(
      strictOnly.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`),
    ).toEqual([
      'frontmatter.md:3: `tags` must be a list of strings, not string "delivery, releases"',
      'frontmatter.md:4: `order` must be a number, not string "first"',
      'frontmatter.md:5: `sources` must be a list, not string "a single string"',
      'frontmatter.md:6: `aliases` must be a list of strings, not string "nope"',
      "frontmatter.md:8: `url` must be an absolute http(s) URL",
      'links.md:2: duplicate title "Links" (also duplicate.md); answers could not tell them apart',
    ]);
    const bare = checkSources({ "bare.md": "# Bare\n\nJust text.\n" }, { strict: true });
    expect(bare.map((problem) => problem.message)).toEqual([
      "no `tags` in frontmatter (--strict)",
      "no `order` in frontmatter (--strict)",
      "no `sources` in frontmatter (--strict)",
    ]);
  });

  it("reports raw syntax that would reach an answer, and a page with no text as a warning", () => {
    const problems = checkSources({
      "a.md": "# A\n\n<b>bold</b> is fine, &lt;Owner /&gt; is not.\n",
    });
    expect(problems.map((problem) => [problem.file, problem.severity, problem.kind])).toEqual([
      ["a.md", "error", "raw syntax in an answer"],
    ]);
    expect(problems[0]?.message).toBe('section "A" would show JSX or HTML tag');
    const empty = checkContent({
      documents: [],
      warnings: [
        { file: "b.md", reason: "no content after the frontmatter (nothing to answer from)" },
      ],
      files: ["b.md"],
    });
    expect(empty.map((problem) => [problem.severity, problem.kind])).toEqual([
      ["warning", "page with no text"],
    ]);
  });

  it("asks for nothing optional, and warns only when no title can be found", () => {
    const bare = checkSources({ "bare.md": "Just text.\n" });
    expect(bare.map((problem) => [problem.severity, problem.message])).toEqual([
      ["warning", "no `title` in frontmatter and no `# heading`: the file name is used"],
    ]);
    // A handbook as real teams write it: a heading for a title, no tags, order or sources.
    expect(checkSources({ "plain.md": "# Travel\n\nBook through the desk.\n" })).toEqual([]);
  });

  it("checks `owners` maps workspaces to Slack ids", () => {
    const owners = (yaml: string) =>
      checkSources({ "a.md": `---\ntitle: A\nowners: ${yaml}\n---\nText.\n` }).map(
        (problem) => problem.message,
      );
    expect(owners("{ T0AAA: U0ALICE, E0ORG: C0EXPERTS }")).toEqual([]);
    const problem =
      "`owners` must map workspace ids to Slack user or channel ids, such as `owners: { T012AB3CD: U045EF6GH }`";
    expect(owners("{ T0AAA: alice }")).toEqual([problem]);
    expect(owners("{ acme: U0ALICE }")).toEqual([problem]);
    expect(owners("U0ALICE")).toEqual([problem]);
  });

  it("does not call a heading with subsections empty", () => {
    const problems = checkSources({ "a.md": `${FRONTMATTER}## Parent\n\n### Child\n\nText.\n` });
    expect(problems).toEqual([]);
  });

  it("flags long sections: a warning past one block, an error past readable length", () => {
    const paragraph = `${"word ".repeat(199)}word.\n\n`; // 1,000 characters
    const problems = checkSources({
      "long.md": `${FRONTMATTER}## Medium\n\n${paragraph.repeat(4)}## Huge\n\n${paragraph.repeat(13)}`,
    });
    expect(problems.map((problem) => [problem.line, problem.severity])).toEqual([
      [7, "warning"],
      [17, "error"],
    ]);
    expect(problems[1]?.message).toContain(`limit ${SECTION_LIMITS.readableChars}`);
  });

  it("accepts links to existing files and anchors, and leaves site paths and URLs alone", () => {
    const problems = checkSources({
      "a.md": `${FRONTMATTER}See [b](./sub/b.md#part), [root](/a.md), [site](/tools/), [web](https://x.org/y.md).\n`,
      "sub/b.md": `${FRONTMATTER.replace("title: T", "title: B")}## Part\n\nText and [back](../a.md).\n`,
    });
    expect(problems).toEqual([]);
  });

  it("accepts anchors as other site generators spell them, and explicit ids with punctuation", () => {
    const problems = checkSources({
      "a.md":
        "# A\n\nSee [1](#cloud-gov), [2](#m-and-ie-card), [3](#508-accessibility), [4](#x-(y)), [5](#no-such).\n\n" +
        "## cloud.gov\n\nt\n\n## M&IE card\n\nt\n\n## 508 - Accessibility\n\nt\n\n## Other {#x-(y)}\n\nt\n",
    });
    expect(problems.map((problem) => problem.message)).toEqual([
      "broken link: no heading #no-such in this document",
    ]);
  });

  it("treats a link outside the content root as broken", () => {
    const problems = checkSources({ "a.md": `${FRONTMATTER}See [up](../elsewhere.md).\n` });
    expect(problems.map((problem) => problem.message)).toEqual([
      "broken link: ../elsewhere.md (no file ../elsewhere.md in the content root)",
    ]);
  });
});

describe("checkContent on review dates", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  const check = (frontmatter: string) =>
    checkContent({
      documents: [
        parseDocument("page.md", `---\ntitle: Page\n${frontmatter}---\n\n## Why\n\nText.\n`),
      ],
      warnings: [],
      files: ["page.md"],
      now,
    });

  it("warns about a page past its review date, on the review line", () => {
    expect(check("last_reviewed_on: 2026-01-10\nreview_in: 6 months\n")).toEqual([
      {
        file: "page.md",
        line: 3,
        severity: "warning",
        kind: "review overdue",
        message:
          "review overdue since 2026-07-10: last reviewed 2026-01-10, to be reviewed every 6 months; answers from it say so",
      },
    ]);
  });

  it("says nothing about a page reviewed in time, or one without a review period", () => {
    expect(check("last_reviewed_on: 2026-10-01\nreview_in: 6 months\n")).toEqual([]);
    expect(check("updated: 2016-01-01\n")).toEqual([]);
  });

  it("warns about review fields it cannot read, without failing the check", () => {
    const problems = check('last_reviewed_on: yyyy-mm-dd\nreview_in: "{period}"\n');
    expect(problems.map((p) => [p.line, p.severity, p.message.split(" must")[0]])).toEqual([
      [3, "warning", "`last_reviewed_on`"],
      [4, "warning", "`review_in`"],
    ]);
  });

  it("reads Hugo's lastmod and date, with or without a time, and warns about one it cannot read", () => {
    expect(check("lastmod: 2026-05-18T09:30:00Z\ndate: 2025-01-06\n")).toEqual([]);
    const problems = check("lastmod: last spring\ndate: 2025-01-06\n");
    expect(problems.map((p) => [p.line, p.severity, p.kind, p.message.split(" must")[0]])).toEqual([
      [3, "warning", "unreadable page date", "`lastmod`"],
    ]);
  });
});
