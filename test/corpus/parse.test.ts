import { describe, expect, it } from "vitest";
import { DocumentParseError, parseDocument, UNORDERED } from "../../src/corpus/parse.js";

function only(markdown: string, path = "doc.md") {
  return parseDocument(path, markdown);
}

function mrkdwnOf(markdown: string): string {
  return only(markdown)
    .sections.flatMap((section) => section.blocks.map((block) => block.mrkdwn))
    .join("\n\n");
}

function textOf(markdown: string): string {
  return only(markdown)
    .sections.map((section) => section.text)
    .join("\n\n");
}

describe("parseDocument: sections", () => {
  it("cuts at headings, with lead text id = path and heading ids = path#slug", () => {
    const { sections } = only("Intro words.\n\n## First part\n\nOne.\n\n### Deeper\n\nTwo.\n");
    expect(sections.map((section) => section.id)).toEqual([
      "doc.md",
      "doc.md#first-part",
      "doc.md#deeper",
    ]);
    expect(sections.map((section) => section.depth)).toEqual([0, 2, 3]);
    expect(sections[2]?.breadcrumb).toEqual(["First part", "Deeper"]);
    expect(sections[0]?.heading).toBe("Doc");
  });

  it("leaves a top heading equal to the title out of breadcrumbs", () => {
    const { sections, document } = only(
      "---\ntitle: Sprints\n---\n# Sprints\n\nA.\n\n## Length\n\nB.\n",
    );
    expect(document.title).toBe("Sprints");
    expect(sections.map((section) => section.breadcrumb)).toEqual([[], ["Length"]]);
  });

  it("keeps a top heading that differs from the title in breadcrumbs", () => {
    const { sections } = only("---\ntitle: Sprints\n---\n# Planning\n\n## Length\n\nB.\n");
    // "Planning" has no text of its own: it is folded into "Length", whose breadcrumb keeps it.
    expect(sections.map((section) => section.breadcrumb)).toEqual([["Planning", "Length"]]);
  });

  it("gives repeated headings unique slugs", () => {
    const { sections } = only("## Steps\n\na\n\n## Steps\n\nb\n\n## Steps\n\nc\n");
    expect(sections.map((section) => section.id)).toEqual([
      "doc.md#steps",
      "doc.md#steps-1",
      "doc.md#steps-2",
    ]);
  });

  it("gives clean heading text for headings with links, code and emphasis", () => {
    const { sections } = only(
      "## Using [`git rebase`](https://git-scm.com) *safely* <span>now</span>\n\nx\n",
    );
    expect(sections[0]?.heading).toBe("Using git rebase safely now");
    expect(sections[0]?.id).toBe("doc.md#using-git-rebase-safely-now");
  });

  it("honours explicit heading ids", () => {
    const { sections } = only("## Your first week {#first-week}\n\nx\n");
    expect(sections[0]).toMatchObject({ id: "doc.md#first-week", heading: "Your first week" });
  });

  it("reports the 1-based file line of each heading, counting frontmatter", () => {
    const { sections } = only("---\ntitle: T\n---\n\nLead.\n\n## A\n\nText.\n");
    expect(sections.map((section) => section.line)).toEqual([5, 7]);
  });

  it("keeps line numbers true after multi-line template tags", () => {
    const { sections } = only('{% include "x.html"\n  a: 1\n  b: 2 %}\n\n## After\n\nText.\n');
    expect(sections.find((section) => section.heading === "After")?.line).toBe(5);
  });

  it("keeps line numbers true after {% raw %} examples whose tags are removed", () => {
    const source =
      "```\n{% raw %}{% alert %}\n\n\n  Body\n\n\n{% endalert %}{% endraw %}\n```\n\n## After\n\nText.\n";
    const after = only(source).sections.find((section) => section.heading === "After");
    expect(after?.line).toBe(11);
  });

  it("handles CRLF and a BOM", () => {
    const parsed = only("\uFEFF---\r\ntitle: Café\r\n---\r\n\r\n## Naïve\r\n\r\nÜber text.\r\n");
    expect(parsed.document.title).toBe("Café");
    expect(parsed.sections[0]).toMatchObject({ heading: "Naïve", line: 5, text: "Über text." });
  });
});

describe("parseDocument: frontmatter", () => {
  it("reads the frontmatter contract", () => {
    const { document, sections } = only(
      [
        "---",
        "title: Roles",
        "tags: delivery, roles",
        "sidebar_position: 4",
        "sources:",
        "  - title: Guide",
        "    url: https://example.org/guide",
        "  - Notes from a retro",
        "aliases: [team roles]",
        "url: https://docs.example.org/roles",
        "owner: U0123ABC",
        "owners: { T0AAA: U0ALICE, T0BBB: W0BOB, T0CCC: [not, a, user] }",
        "last_reviewed: 2024-02-29",
        "questions:",
        "  _lead: [What roles are there?]",
        "  scrum-master: Who runs the ceremonies?",
        "unknown_field: ignored",
        "---",
        "Lead.",
        "",
        "## Scrum master",
        "",
        "Text.",
      ].join("\n"),
    );
    expect(document).toEqual({
      path: "doc.md",
      title: "Roles",
      tags: ["delivery", "roles"],
      order: 4,
      sources: [
        { title: "Guide", url: "https://example.org/guide" },
        { title: "Notes from a retro" },
      ],
      aliases: ["team roles"],
      url: "https://docs.example.org/roles",
      owner: "U0123ABC",
      owners: { T0AAA: "U0ALICE", T0BBB: "W0BOB" },
      updated: "2024-02-29",
      reviewed: "2024-02-29",
    });
    expect(sections.map((section) => section.questions)).toEqual([
      ["What roles are there?"],
      ["Who runs the ceremonies?"],
    ]);
  });

  it("falls back to the first H1, then the file name, for the title", () => {
    expect(only("# Hello world\n\ntext").document.title).toBe("Hello world");
    expect(parseDocument("guides/ways-of-working.md", "text").document.title).toBe(
      "Ways of working",
    );
    expect(parseDocument("team/index.md", "text").document.title).toBe("Team");
  });

  it("counts `keywords` (Jekyll/Hugo SEO metadata) as aliases, comma string or list", () => {
    const source =
      "---\ntitle: Leave\naliases: [time off]\nkeywords: vacation, jury duty, time off\n---\ntext";
    expect(only(source).document.aliases).toEqual(["time off", "vacation", "jury duty"]);
  });

  it("sorts documents without order last", () => {
    expect(only("text").document.order).toBe(UNORDERED);
  });

  it("throws a DocumentParseError with the file line of a YAML error", () => {
    const source = "---\ntitle: Fine\ntags: [a, b\norder: 1\n---\nBody\n";
    let error: unknown;
    try {
      parseDocument("bad.md", source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DocumentParseError);
    expect((error as DocumentParseError).reason).toMatch(/invalid frontmatter YAML/);
    // The unclosed list starts on line 3; js-yaml notices at the next key, line 4.
    expect((error as DocumentParseError).line).toBe(4);
  });
});

describe("parseDocument: pages without a body", () => {
  it("turns a page that only redirects to a URL into one section pointing there", () => {
    const { sections } = only(
      "---\ntitle: Org chart\nredirect_to: https://example.org/org\n---\n",
      "org.md",
    );
    expect(sections).toEqual([
      expect.objectContaining({
        id: "org.md",
        heading: "Org chart",
        line: 3,
        blocks: [
          {
            text: "Org chart has moved to https://example.org/org",
            mrkdwn: "Org chart has moved to <https://example.org/org|Org chart>.",
          },
        ],
      }),
    ]);
  });

  it("names a site-path redirect as code, since it cannot be linked without the site's URL", () => {
    const [section] = only("---\ntitle: Old tool\nredirect_to: /tools/new/\n---\n").sections;
    expect(section?.text).toBe("Old tool has moved to /tools/new/");
    expect(section?.blocks[0]?.mrkdwn).toBe("Old tool has moved to `/tools/new/`.");
  });
});

describe("parseDocument: plain text", () => {
  it("keeps only the words of link syntax that was never parsed as a link", () => {
    expect(textOf('See the \\[promotions page]({% page "/promotions" %}) for more.')).toBe(
      "See the promotions page for more.",
    );
  });

  it("keeps word boundaries between list items and blocks", () => {
    const text = textOf("- Risk\n- Team\n\nNext paragraph\n\n1. One\n2. Two\n");
    expect(text).not.toMatch(/RiskTeam|TeamNext|OneTwo/);
    expect(text.split(/\s+/)).toEqual(["Risk", "Team", "Next", "paragraph", "One", "Two"]);
  });

  it("drops [[toc]] markers and HTML comments, script and style", () => {
    const text = textOf(
      "[[toc]]\n\n<!-- hidden -->\n\n<script>alert(1)</script>\n\n<style>p{}</style>\n\nVisible.\n",
    );
    expect(text).toBe("Visible.");
  });

  it("keeps the text of HTML blocks and inline HTML, without tags", () => {
    const text = textOf(
      '<div class="note">\n  <p>Read <a href="/x">this</a> first.</p>\n</div>\n\nSay <b>hi</b>.\n',
    );
    expect(text).toBe("Read this first.\n\nSay hi.");
  });

  it("keeps the content of unclosed inline tags, in order", () => {
    expect(textOf("one <b>two <i>three <span>four</span> five")).toBe("one two three four five");
  });

  it("keeps placeholders in angle brackets that are not HTML", () => {
    expect(textOf("Create a <project>-partners channel.")).toBe(
      "Create a <project>-partners channel.",
    );
  });
});

describe("parseDocument: Slack mrkdwn", () => {
  it("converts emphasis, code and strike-through", () => {
    expect(mrkdwnOf("**bold** and *italic* and ~~gone~~ and `code`")).toBe(
      "*bold* and _italic_ and ~gone~ and `code`",
    );
  });

  it("writes fenced code as a ``` block", () => {
    expect(mrkdwnOf("```js\nconst a = 1 < 2;\n```")).toBe("```\nconst a = 1 &lt; 2;\n```");
  });

  it("links absolute URLs and keeps only the words of relative and template links", () => {
    expect(
      mrkdwnOf(
        '[guide](https://example.org/a?b=1&c=2), [local](../x.md), [page]({% page "/x/" %}), [site]({{ site.baseurl }}/y/)',
      ),
    ).toBe("<https://example.org/a?b=1&amp;c=2|guide>, local, page, site");
  });

  it("writes bullets with indentation for nested lists and numbers for ordered ones", () => {
    expect(mrkdwnOf("- one\n  - inner\n- two\n\n3. three\n4. four\n")).toBe(
      "• one\n    • inner\n• two\n\n3. three\n4. four",
    );
  });

  it("quotes blockquotes line by line", () => {
    expect(mrkdwnOf("> first\n>\n> second")).toBe("> first\n> second");
  });

  it("turns tables into *Header*: value rows", () => {
    expect(mrkdwnOf("| Role | Owner |\n| --- | --- |\n| **DM** | Sam |\n| PO | Ana |\n")).toBe(
      "*Role*: *DM*\n*Owner*: Sam\n\n*Role*: PO\n*Owner*: Ana",
    );
  });

  it("uses image alt text and readable footnotes", () => {
    const parsed = only("![A team board](board.png)\n\nFact[^src].\n\n[^src]: From the retro.\n");
    expect(parsed.sections[0]?.blocks.map((block) => block.mrkdwn)).toEqual([
      "A team board",
      "Fact[1].",
      "[1] From the retro.",
    ]);
  });

  it("escapes &, < and > so content cannot ping or inject links", () => {
    const mrkdwn = mrkdwnOf("Tell <!channel> & <@U123> about a > b.");
    expect(mrkdwn).toBe("Tell &lt;!channel&gt; &amp; &lt;@U123&gt; about a &gt; b.");
  });

  it("never lets a literal asterisk pair up into bold", () => {
    expect(mrkdwnOf("\\*\\*Note\\*\\* stays literal")).not.toContain("*");
  });

  it("turns Liquid shortcodes into their meaning", () => {
    const parsed = only(
      '{% alert "Heads up" %}\nBook early.\n{% endalert %}\n\nAsk in {% slack_channel "travel" %}.\n\n{% image "a.png" "A map" %}\n',
    );
    expect(parsed.sections[0]?.blocks.map((block) => block.text)).toEqual([
      "Heads up: Book early.",
      "Ask in #travel.",
      "A map",
    ]);
  });
});
