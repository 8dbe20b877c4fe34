import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/corpus/check.js";
import { DocumentParseError, parseDocument } from "../../src/corpus/parse.js";
import {
  linkDocuments,
  linkDocumentsSteps,
  resolvePageReferences,
} from "../../src/corpus/references.js";
import { WIDE_TABLE_COLUMNS } from "../../src/corpus/render.js";

describe("heading-only sections are folded", () => {
  it("folds a heading with no text into its subsections, which keep it in their breadcrumb", () => {
    const source =
      "---\ntitle: Runbook\nquestions:\n  during: [What do I do during a release?]\n---\n" +
      "# Runbook\n\n## During\n\n### Deploy\n\nRun the pipeline.\n\n### Watch\n\nWatch the graphs.\n\n## After\n\nWrite notes.\n";
    const parsed = parseDocument("runbook.md", source);
    expect(parsed.sections.map((section) => [section.id, section.breadcrumb])).toEqual([
      ["runbook.md#deploy", ["During", "Deploy"]],
      ["runbook.md#watch", ["During", "Watch"]],
      ["runbook.md#after", ["After"]],
    ]);
    expect(parsed.sections.every((section) => section.blocks.length > 0)).toBe(true);
    // An author's question for the folded heading goes to its first subsection.
    expect(parsed.sections[0]?.questions).toEqual(["What do I do during a release?"]);
    // Its anchor still exists: links to it stay valid.
    expect(parsed.anchors).toEqual(["runbook", "during", "deploy", "watch", "after"]);
    expect(parsed.sections.map((section) => section.order)).toEqual([0, 1, 2]);
  });

  it("keeps a heading with neither text nor subsections as a line of the section it sits in", () => {
    // Numbered steps written as headings: step 3 says everything in its heading.
    const source = [
      "# Clearance",
      "",
      "Intro.",
      "",
      "## Steps",
      "",
      "Follow these.",
      "",
      "### 2. Submit the form",
      "",
      "Send it to HR.",
      "",
      "### 3. HR submits it to the security office",
      "",
      "### 4. Security contacts you",
      "",
      "You have 7 days.",
      "",
    ].join("\n");
    const parsed = parseDocument("c.md", source);
    expect(parsed.sections.map((section) => [section.heading, section.text])).toEqual([
      ["Clearance", "Intro."],
      ["Steps", "Follow these.\n\n3. HR submits it to the security office"],
      ["2. Submit the form", "Send it to HR."],
      ["4. Security contacts you", "You have 7 days."],
    ]);
    expect(parsed.sections.map((section) => section.order)).toEqual([0, 1, 2, 3]);
    const problems = checkContent({ documents: [parsed], warnings: [], files: ["c.md"] });
    expect(problems.map((problem) => [problem.line, problem.severity, problem.message])).toEqual([
      [
        13,
        "warning",
        'heading "3. HR submits it to the security office" has no text and no subsections: it is shown as a line of "Steps"',
      ],
    ]);
  });

  it("escapes a kept heading for Slack, and leaves out only a page's first heading", () => {
    const kept = parseDocument("a.md", "# A\n\nText.\n\n## Ping <!channel> & co\n");
    expect(kept.sections.map((section) => section.heading)).toEqual(["A"]);
    expect(kept.sections[0]?.blocks.at(-1)?.mrkdwn).toBe("Ping &lt;!channel&gt; &amp; co");
    const alone = parseDocument("b.md", "## Nothing here\n\n## Later\n\nText.\n");
    expect(alone.sections.map((section) => section.heading)).toEqual(["Later"]);
    const problems = checkContent({ documents: [alone], warnings: [], files: ["b.md"] });
    expect(
      problems.filter((problem) => problem.kind === "empty heading").map((p) => p.message),
    ).toEqual(['heading "Nothing here" has no text and no subsections: it is left out']);
  });
});

describe("wide tables", () => {
  const wide = [
    "| Role | Owner | Cadence | Channel | Backup |",
    "| --- | --- | --- | --- | --- |",
    "| Release | Ana | Weekly | #releases | Ben |",
    "| Incidents | Cal | On call | #incidents | Dee |",
  ].join("\n");

  it(`makes one block per row, each cell labelled, past ${WIDE_TABLE_COLUMNS} columns`, () => {
    const [section] = parseDocument("t.md", `# T\n\n${wide}\n`).sections;
    expect(section?.blocks.map((block) => block.text)).toEqual([
      "Role: Release\nOwner: Ana\nCadence: Weekly\nChannel: #releases\nBackup: Ben",
      "Role: Incidents\nOwner: Cal\nCadence: On call\nChannel: #incidents\nBackup: Dee",
    ]);
    expect(section?.blocks[1]?.mrkdwn).toBe(
      "*Role*: Incidents\n*Owner*: Cal\n*Cadence*: On call\n*Channel*: #incidents\n*Backup*: Dee",
    );
  });

  it("keeps a narrow table as one block, with the same text", () => {
    const narrow = "| Role | Owner |\n| --- | --- |\n| Release | Ana |\n| Incidents | Cal |\n";
    const [section] = parseDocument("t.md", `# T\n\n${narrow}`).sections;
    expect(section?.blocks).toHaveLength(1);
    expect(section?.text).toBe("Role: Release\nOwner: Ana\n\nRole: Incidents\nOwner: Cal");
  });
});

describe("format details", () => {
  it("keeps file lines true through MkDocs admonitions and tabs", () => {
    const source =
      '# T\n\n!!! note "A"\n    One.\n\n    Two.\n\n=== "Tab"\n\n    Three.\n\n## After\n\nText.\n';
    const after = parseDocument("t.md", source).sections.find((s) => s.heading === "After");
    expect(after?.line).toBe(12);
  });

  it("nests MkDocs admonitions", () => {
    const source =
      '# T\n\n!!! note "Outer"\n    Before.\n\n    !!! tip "Inner"\n        Deep.\n\n    After.\n';
    const [section] = parseDocument("t.md", source).sections;
    expect(section?.text).toBe("Outer\nBefore.\nInner\nDeep.\nAfter.");
  });

  it("leaves admonition-like text in fenced code alone", () => {
    const source = '# T\n\n```\n!!! note "x"\n    y\n#tag\n```\n';
    expect(parseDocument("t.md", source).sections[0]?.blocks[0]?.text).toBe(
      '!!! note "x"\n    y\n#tag',
    );
  });

  it("keeps text that only looks like a directive (10:30, a:b)", () => {
    expect(parseDocument("t.md", "Meet at 10:30 in room a:b.\n").sections[0]?.text).toBe(
      "Meet at 10:30 in room a:b.",
    );
  });

  it("reads Hugo TOML frontmatter, and skips invalid TOML with its line", () => {
    const parsed = parseDocument(
      "p.md",
      '+++\ntitle = "Leave"\nweight = 3\nslug = "time-off"\n+++\nBody.\n',
    );
    expect(parsed.document).toMatchObject({ title: "Leave", order: 3, sitePath: "time-off" });
    expect(parsed.sections[0]?.line).toBe(6);
    let caught: unknown;
    try {
      parseDocument("p.md", '+++\ntitle = "Leave"\nweight = = 3\n+++\nBody.\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocumentParseError);
    expect(caught).toMatchObject({ line: 3 });
    expect((caught as DocumentParseError).reason).toMatch(/^invalid frontmatter TOML/);
  });

  it("links a wiki link to the page it names when the handbook has it, else keeps its words", () => {
    const page = parseDocument(
      "a.md",
      "See [[Leave Policy|leave]], [[Missing]] and [[#Part]].\n\n## Part\n\nx\n",
      { deferReferences: true },
    );
    const leave = parseDocument("people/Leave Policy.md", "# Leave\n\nDays off.\n");
    const files = ["a.md", "people/Leave Policy.md"];
    const [linked] = resolvePageReferences(files, [page, leave], "https://handbook.example/");
    expect(linked?.sections[0]?.text).toBe("See leave, Missing and Part.");
    expect(linked?.sections[0]?.blocks[0]?.mrkdwn).toBe(
      "See <https://handbook.example/people/Leave%20Policy|leave>, Missing and <https://handbook.example/a#part|Part>.",
    );
    expect(linked?.missingPages).toEqual([{ url: "Missing", line: 1 }]);
    // Only `[[#Part]]` has a destination of its own to check; a page link is checked by its page.
    expect(page.links.map((link) => link.url)).toEqual(["#part"]);
    // Without a docs base URL the same links keep their words.
    const [plain] = resolvePageReferences(files, [page, leave]);
    expect(plain?.sections[0]?.blocks[0]?.mrkdwn).toBe("See leave, Missing and Part.");
  });

  it("links a large handbook in slices that yield, exactly as at once", () => {
    // A reload links every page on the event loop's thread: it must give the loop back.
    const pages = Array.from({ length: 600 }, (_, i) =>
      parseDocument(`p${i}.md`, `# Page ${i}\n\nSee [[p${(i + 1) % 600}]].\n`, {
        deferReferences: true,
      }),
    );
    const files = pages.map((parsed) => parsed.document.path);
    const options = { docsBaseUrl: "https://handbook.example/" };
    const steps = linkDocumentsSteps(files, pages, options);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(yields).toBeGreaterThanOrEqual(4);
    expect(step.value).toEqual(linkDocuments(files, pages, options));
    expect(step.value[0]?.sections[0]?.blocks[0]?.mrkdwn).toBe(
      "See <https://handbook.example/p1|p1>.",
    );
  });
});

describe("a page's description", () => {
  const page = (frontmatter: string, body: string) =>
    parseDocument("guides/planning.md", `---\n${frontmatter}\n---\n\n${body}`);

  it("leads the text before the first heading, where GitBook shows it, and is searched with it", () => {
    const { sections } = page(
      "description: How we plan a sprint.",
      "Plan on Mondays.\n\n## Length\n\nTwo weeks.\n",
    );
    expect(sections[0]?.blocks.map((block) => block.text)).toEqual([
      "How we plan a sprint.",
      "Plan on Mondays.",
    ]);
    expect(sections[0]?.text).toBe("How we plan a sprint.\n\nPlan on Mondays.");
    expect(sections[1]?.blocks.map((block) => block.text)).toEqual(["Two weeks."]);
  });

  it("leads the section under the title heading when the page opens with it", () => {
    const { sections } = page(
      "description: >-\n  How we plan\n  a sprint.",
      "# Planning\n\nPlan on Mondays.\n",
    );
    expect(sections).toHaveLength(1);
    expect(sections[0]?.blocks[0]?.text).toBe("How we plan a sprint."); // A GitBook page that is only its title and description is not an empty heading.
    const titled = page("description: 50% draft", "# Planning\n");
    expect(titled.sections.map((section) => [section.heading, section.text])).toEqual([
      ["Planning", "50% draft"],
    ]);
    expect(titled.emptyHeadings).toEqual([]);
  });

  it("is a lead section of its own when the page opens with another heading, or has no body", () => {
    const opened = page(
      "title: Planning\ndescription: How we plan a sprint.",
      "## Length\n\nTwo weeks.\n",
    );
    expect(opened.sections.map((section) => [section.id, section.heading, section.text])).toEqual([
      ["guides/planning.md", "Planning", "How we plan a sprint."],
      ["guides/planning.md#length", "Length", "Two weeks."],
    ]);
    expect(opened.sections.map((section) => section.order)).toEqual([0, 1]);
    const bare = page("title: Planning\ndescription: How we plan a sprint.", "");
    expect(bare.sections.map((section) => section.text)).toEqual(["How we plan a sprint."]);
  });

  it("is not repeated when the opening text already starts with it, and is escaped for Slack", () => {
    const copied = page("description: Plan on Mondays.", "Plan on Mondays. Bring the board.\n");
    expect(copied.sections[0]?.blocks.map((block) => block.text)).toEqual([
      "Plan on Mondays. Bring the board.",
    ]);
    const loud = page("description: Ping <!channel> *now*", "Text.\n");
    expect(loud.sections[0]?.blocks[0]?.mrkdwn).toBe("Ping &lt;!channel&gt; ∗now∗");
  });
});
