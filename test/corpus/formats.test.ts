import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/corpus/check.js";
import { loadKnowledgeBase, loadParsedDocuments } from "../../src/corpus/load.js";
import { parseDocument } from "../../src/corpus/parse.js";
import { findRawSyntax, RAW_SYNTAX, sectionProse } from "../../src/corpus/raw-syntax.js";
import { resolvePageReferences } from "../../src/corpus/references.js";
import type { Section } from "../../src/corpus/types.js";
import { project } from "./project.js";

// Every folder under fixtures/formats is a small handbook written the way one tool writes it
// (Obsidian, MkDocs Material, Hugo, Docusaurus MDX, GitBook): discovered, not listed, so a new
// format is covered by adding a folder with its expected.json.
const formatsRoot = fileURLToPath(new URL("../fixtures/formats/", import.meta.url));
const formats = (await readdir(formatsRoot, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The syntax each format's authors write, none of which may reach an answer. */
const MARKERS = [
  "[[",
  "]]",
  "![[",
  "#process",
  "#oncall",
  "[!",
  "!!!",
  "???",
  "===",
  ":material-",
  "+++",
  "{{",
  "}}",
  "{%",
  "%}",
  "<%",
  "import ",
  "export ",
  "<Owner",
  "Owner />",
  "<Tabs",
  "<TabItem",
  ":::",
  "<details",
  "<summary",
  "{/*",
  "\\(",
  "md-button",
];

function assertNoRawSyntax(section: Section): void {
  const prose = sectionProse(section);
  for (const marker of MARKERS) {
    expect(prose, `${section.id} shows ${marker}`).not.toContain(marker);
    expect(section.text, `${section.id} text has ${marker}`).not.toContain(marker);
  }
  expect(findRawSyntax(section)?.name, section.id).toBeUndefined();
}

describe("handbook formats: fixtures", () => {
  it("has a fixture for every format", () => {
    expect(formats).toEqual(
      expect.arrayContaining(["gitbook", "hugo", "mdx", "mkdocs", "obsidian"]),
    );
  });

  for (const name of formats) {
    it(`${name} loads as expected.json, with no raw syntax in any section`, async () => {
      const root = path.join(formatsRoot, name);
      const expected = JSON.parse(await readFile(path.join(root, "expected.json"), "utf8"));
      const base = await loadKnowledgeBase(root);
      expect(project(base)).toEqual(expected);
      expect(base.warnings).toEqual([]);
      for (const section of base.sections) assertNoRawSyntax(section);
    });
  }

  // links.json: with a docs base URL, every link to another page of the handbook (or a heading
  // of the same page) becomes a Slack link to that page, built as a section's source link is.
  for (const name of formats) {
    it(`${name} links its pages to each other under DOCS_BASE_URL as links.json, and keeps the words without it`, async () => {
      const root = path.join(formatsRoot, name);
      const expected = JSON.parse(await readFile(path.join(root, "links.json"), "utf8")) as {
        docsBaseUrl: string;
        links: { section: string; link: string }[];
      };
      const linksTo = (base: Awaited<ReturnType<typeof loadKnowledgeBase>>) =>
        base.sections.flatMap((section) =>
          section.blocks.flatMap((block) =>
            [...block.mrkdwn.matchAll(/<[^<>|]+\|[^<>]*>/g)]
              .map((match) => match[0])
              .filter((link) => link.startsWith(`<${expected.docsBaseUrl}`))
              .map((link) => ({ section: section.id, link })),
          ),
        );
      const linked = await loadKnowledgeBase(root, { docsBaseUrl: expected.docsBaseUrl });
      expect(linksTo(linked)).toEqual(expected.links);
      expect(expected.links.length).toBeGreaterThan(0);
      const plain = await loadKnowledgeBase(root);
      for (const { section: id, link } of expected.links) {
        const label = /\|([^>]*)>$/.exec(link)?.[1] ?? "";
        const section = plain.sections.find((each) => each.id === id);
        expect(section?.blocks.map((block) => block.mrkdwn).join("\n")).toContain(label);
      }
      expect(linksTo(plain)).toEqual([]);
      for (const section of linked.sections) assertNoRawSyntax(section);
    });
  }

  it("keeps each format's meaning as text", async () => {
    const load = async (name: string) => loadKnowledgeBase(path.join(formatsRoot, name));
    const text = (base: Awaited<ReturnType<typeof load>>) =>
      base.sections.map((section) => section.text).join("\n");
    const obsidian = await load("obsidian");
    const mkdocs = await load("mkdocs");
    const hugo = await load("hugo");
    const mdx = await load("mdx");
    const gitbook = await load("gitbook");
    // Obsidian: a wiki link keeps its label; a callout's title leads its note.
    expect(text(obsidian)).toContain("follows the on-call rotation page to find");
    expect(text(obsidian)).toContain("Severity matters\nCall a severity one");
    // MkDocs: an admonition's title, a tab's label.
    expect(text(mkdocs)).toContain("Who reviews\nAny developer");
    expect(text(mkdocs)).toContain("Small changes: Reviewed the same day.");
    // Hugo: TOML gives the title; a ref reads as its target's title, not its file name.
    expect(hugo.documents.map((document) => document.title)).toContain("Travel and per diem rules");
    expect(text(hugo)).toContain("see Travel and per diem rules and the per diem table");
    // Docusaurus: a component keeps the sentence whole; tabs and details keep their labels.
    expect(text(mdx)).toContain("Maintained by Owner.");
    expect(text(mdx)).toContain("macOS\nInstall it with Homebrew.");
    expect(text(mdx)).toContain("When to roll back\nRoll back when");
    expect(mdx.documents.find((d) => d.title === "Release process")?.sitePath).toBe("releases");
    expect(mdx.documents.find((d) => d.title === "On-call guide")?.sitePath).toBe(
      "docs/on-call-guide",
    );
    // GitBook: SUMMARY.md order, a hint as a note, escapes undone.
    expect(gitbook.documents.map((document) => document.title)).toEqual([
      "Welcome",
      "Stand-ups",
      "Planning",
    ]);
    expect(text(gitbook)).toContain("Warning: Do not plan more");
    expect(text(gitbook)).toContain("works (and why)");
  });

  it("passes content:check, links between pages included, naming the one missing wiki page", async () => {
    const problems = checkContent(await loadParsedDocuments(formatsRoot));
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`)).toEqual([
      "obsidian/Incident-Response.md:15: warning: wiki link [[Archived runbook]]: no such page in the handbook (its words are kept)",
    ]);
  });

  it("loads every format together as one mixed handbook with no raw syntax", async () => {
    // The formats side by side in one content root, as a team migrating between tools has them.
    const base = await loadKnowledgeBase(formatsRoot);
    expect(base.warnings).toEqual([]);
    expect(new Set(base.documents.map((document) => document.path.split("/")[0]))).toEqual(
      new Set(formats),
    );
    for (const section of base.sections) assertNoRawSyntax(section);
    // A GitBook folder keeps its SUMMARY.md as navigation (its pages' order), never as a page.
    expect(base.documents.filter((document) => document.path.endsWith("SUMMARY.md"))).toEqual([]);
    expect(
      base.documents
        .filter((document) => document.path.startsWith("gitbook/"))
        .map((document) => document.title),
    ).toEqual(["Welcome", "Stand-ups", "Planning"]);
  });
});

// Documents assembled from every format's pieces in any order: whatever the mix, no raw syntax.
const words = fc
  .array(fc.constantFrom("sprint", "review", "owner", "release", "team", "risk"), {
    minLength: 1,
    maxLength: 4,
  })
  .map((list) => list.join(" "));

const markdownPiece = fc.oneof(
  words.map((text) => `${text} [[Some Page|${text}]] and [[Other Page]] and [[Page#Part]].`),
  words.map((text) => `![[diagram.png]]\n\n${text}`),
  fc.constant("#process #oncall"),
  words.map((text) => `> [!warning] ${text}\n> ${text}`),
  words.map((text) => `> [!tip]-\n> ${text}`),
  words.map((text) => `!!! note "${text}"\n    ${text}\n\n    ${text}`),
  words.map((text) => `??? tip\n    ${text}`),
  words.map((text) => `=== "${text}"\n\n    ${text}\n\n=== "Other"\n\n    - ${text}`),
  words.map((text) => `${text} :material-lock: :fontawesome-solid-key: ${text}`),
  words.map((text) => `See {{< ref "travel-policy.md" >}} and [${text}]({{< relref "x.md" >}}).`),
  words.map((text) => `{{< hint info >}}\n${text}\n{{< /hint >}}`),
  words.map((text) => `{% hint style="info" %}\n${text}\n{% endhint %}`),
  fc.constant('{% embed url="https://example.org/video" %}'),
  words.map((text) => `:::note[${text}]\n${text}\n:::`),
  words.map((text) => `:::tip ${text}\n${text}\n:::`),
  words.map((text) => `${text} \\(and more\\) at 10:30`),
  words.map((text) => `<%= warning_text('${text}') %>\n\n<%= partial 'x' %>`),
  words.map((text) => `[${text}](https://example.org){ .md-button }`),
);

const mdxPiece = fc.oneof(
  words.map((text) => `${text} by <Owner />.`),
  words.map((text) => `${text} <Highlight color="red">${text}</Highlight>.`),
  words.map(
    (text) =>
      `<Tabs>\n  <TabItem value="a" label="macOS">\n\n${text}\n\n  </TabItem>\n  <TabItem value="b" label="Linux">\n\n${text}\n\n  </TabItem>\n</Tabs>`,
  ),
  words.map((text) => `<details>\n  <summary>${text}</summary>\n\n${text}\n\n</details>`),
  words.map((text) => `:::warning[${text}]\n${text}\n:::`),
  words.map((text) => `${text} {/* a comment */}`),
  words.map((text) => `## ${text}\n\n${text}`),
);

const headed = (piece: fc.Arbitrary<string>) =>
  fc.array(
    fc.oneof(
      piece,
      words.map((text) => `## ${text}\n\n${text}.`),
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  );

describe("handbook formats: raw-syntax property", () => {
  it("no section of a mixed markdown page shows any format's syntax", () => {
    const frontmatter = fc.constantFrom(
      "",
      "---\ntitle: Mixed\n---\n",
      '+++\ntitle = "Mixed"\nweight = 2\n+++\n',
    );
    fc.assert(
      fc.property(frontmatter, headed(markdownPiece), (head, pieces) => {
        const { sections, document } = parseDocument("page.md", `${head}${pieces.join("\n\n")}\n`);
        if (head) expect(document.title).toBe("Mixed");
        for (const section of sections) assertNoRawSyntax(section);
      }),
      { numRuns: 100 },
    );
  });

  it("no section shows any syntax once its links are resolved against a handbook", () => {
    const files = ["page.md", "Some Page.md", "travel-policy.md", "Page.md"];
    fc.assert(
      fc.property(headed(markdownPiece), (pieces) => {
        const page = parseDocument("page.md", `${pieces.join("\n\n")}\n`, {
          deferReferences: true,
        });
        const [linked] = resolvePageReferences(files, [page], "https://handbook.example/");
        for (const section of linked?.sections ?? []) {
          assertNoRawSyntax(section);
          for (const block of section.blocks) {
            for (const link of block.mrkdwn.match(/<[^<>]*>/g) ?? []) {
              expect(link).toMatch(/^<https:\/\/(?:handbook\.example\/|example\.org[/|])/);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("no section of an MDX page shows JSX, imports, exports or comments", () => {
    fc.assert(
      fc.property(headed(mdxPiece), (pieces) => {
        const head = "import Tabs from '@theme/Tabs';\nexport const team = 'Platform';\n\n# Page";
        const { sections } = parseDocument("page.mdx", `${head}\n\n${pieces.join("\n\n")}\n`);
        for (const section of sections) assertNoRawSyntax(section);
      }),
      { numRuns: 200 },
    );
  });

  it("names every kind of raw syntax it looks for", () => {
    // Each detector must fire on its own syntax, or the check could never report it.
    const samples: Record<string, string> = {
      "wiki link or embed `[[…]]`": "see [[Page]]",
      "callout marker `[!kind]`": "[!warning] x",
      "MkDocs admonition `!!!`/`???`": '!!! note "x"',
      "MkDocs tab `===`": '=== "x"',
      "admonition fence `:::`": ":::note",
      "icon `:material-…:`": "a :material-lock: b",
      "template tag `{% %}`": "{% x %}",
      "template output `{{ }}`": "{{ x }}",
      "ERB tag `<% %>`": "<%= x %>",
      "MDX import/export": "import X from 'y'",
      "MDX comment `{/* */}`": "{/* x */}",
      "JSX or HTML tag": "by <Owner />.",
      "frontmatter delimiter `+++`": "+++",
      "markdown link syntax `](`": "[a](b)",
      "escaped character `\\(`": "a \\(b\\)",
      "unresolved page reference": "see \uE0000\uE001",
    };
    expect(RAW_SYNTAX.map((entry) => entry.name).sort()).toEqual(Object.keys(samples).sort());
    for (const entry of RAW_SYNTAX) {
      const section = { blocks: [{ text: "", mrkdwn: samples[entry.name] ?? "" }] };
      expect(findRawSyntax(section)?.name).toBe(entry.name);
    }
  });
});
