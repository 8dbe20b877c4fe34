import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/corpus/parse.js";

// Markdown as real handbooks write it, assembled from pieces: whatever the mix, no markup may
// reach the plain text and no raw markdown or Slack control sequence may reach the mrkdwn.

const word = fc.constantFrom(
  "team",
  "sprint",
  "Risk",
  "owner",
  "a&b",
  "x<y",
  "y>z",
  "5*3",
  "<!channel>",
  "<@U123>",
  "<project>",
  "café",
  "snake_case",
  "~approx",
  "naïve",
  "100%",
);
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((list) => list.join(" "));
const url = fc.constantFrom(
  "https://example.org/a?b=1&c=2",
  "http://example.com/x_(y)",
  "mailto:help@example.org",
  "../other.md#part",
  "/absolute/page/",
  '{% page "/tools/x#y" %}',
  "{{ site.baseurl }}/z/",
  "#local",
);

const inline = fc.oneof(
  words,
  words.map((text) => `**${text}**`),
  words.map((text) => `_${text}_`),
  words.map((text) => `~~${text}~~`),
  words.map((text) => `\`${text}\``),
  fc.tuple(words, url).map(([text, target]) => `[${text}](${target})`),
  fc.tuple(words, url).map(([text, target]) => `![${text}](${target})`),
  words.map((text) => `<a href="https://example.org">${text}</a>`),
  words.map((text) => `<strong>${text}</strong>`),
  words.map((text) => `<span class="x">${text}</span>`),
  fc.constantFrom(
    '{% slack_channel "help" %}',
    "{{ page.title }}",
    '{% include "x.html" %}',
    "<br />",
    "[^1]",
    "\\*\\*literal\\*\\*",
    "[[toc]]",
  ),
);
const line = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(" "));

const block = fc.oneof(
  line,
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), line)
    .map(([depth, text]) => `${"#".repeat(depth)} ${text}`),
  fc
    .array(line, { minLength: 1, maxLength: 3 })
    .map((items) => items.map((item) => `- ${item}`).join("\n")),
  fc
    .tuple(line, line)
    .map(([outer, inner]) => `1. ${outer}\n   - ${inner}\n   - ${inner}\n2. ${outer}`),
  fc
    .tuple(words, line, line)
    .map(([head, a, b]) => `| ${head} | Notes |\n| --- | --- |\n| ${a} | ${b} |`),
  line.map((text) => `> ${text}\n> ${text}`),
  line.map((text) => `<div class="box">\n  <p>${text}</p>\n  <a href="/x">more</a>\n</div>`),
  words.map((text) => `\`\`\`\n{% raw %}{{ value }} {% page "/x" %}{% endraw %} ${text}\n\`\`\``),
  words.map((text) => `{% alert "Note" %}\n${text}\n{% endalert %}`),
  words.map((text) => `{% comment %}\n${text}\n{% endcomment %}`),
  fc.constant("[^1]: A footnote with [a link](https://example.org)."),
  fc.constant("<!-- a comment -->"),
  fc.constant("[[toc]]"),
);

const frontmatter = fc.option(
  words.map((title) => `---\ntitle: "${title.replace(/"/g, "")}"\ntags: [a]\n---\n`),
  { nil: "" },
);
const documentSource = fc
  .tuple(frontmatter, fc.array(block, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([head, blocks, crlf]) => {
    const source = `${head}${blocks.join("\n\n")}\n`;
    return crlf ? source.replace(/\n/g, "\r\n") : source;
  });

const FORBIDDEN_IN_TEXT = ["{%", "{{", "<div", "<a ", "[[toc]]", "]("];

describe("parseDocument properties", () => {
  it("leaves no markup in text and no raw markdown or control sequences in mrkdwn", () => {
    fc.assert(
      fc.property(documentSource, (source) => {
        const { sections } = parseDocument("doc.md", source);
        for (const section of sections) {
          // Heading-only sections are folded away: every section has text to answer with.
          expect(section.blocks.length).toBeGreaterThan(0);
          for (const marker of FORBIDDEN_IN_TEXT) expect(section.text).not.toContain(marker);
          for (const { mrkdwn } of section.blocks) {
            // Code blocks show code as written (escaped), markdown included.
            const prose = mrkdwn.replace(/```[\s\S]*?```/g, "");
            expect(prose).not.toContain("**");
            expect(prose).not.toMatch(/\[[^\]\n]*\]\(/);
            expect(mrkdwn).not.toContain("<div");
            // Apart from links we wrote and quote markers, any `<` or `>` would be Slack syntax.
            const bare = mrkdwn
              .replace(/<(?:https?:\/\/|mailto:)[^<>|\s]+(?:\|[^<>]*)?>/g, "")
              .replace(/^> ?/gm, "");
            expect(bare).not.toMatch(/[<>]/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never glues the words of separate list items or blocks together", () => {
    const item = fc.constantFrom("Alpha", "Bravo", "Charlie", "Delta");
    fc.assert(
      fc.property(fc.array(item, { minLength: 2, maxLength: 6 }), (items) => {
        const source = `${items.map((entry) => `- ${entry}`).join("\n")}\n\n${items.join("\n\n")}\n`;
        const { sections } = parseDocument("doc.md", source);
        const tokens = sections.flatMap((section) => section.text.split(/\s+/).filter(Boolean));
        expect(tokens).toEqual([...items, ...items]);
      }),
    );
  });

  it("gives every section a unique id", () => {
    const heading = fc.constantFrom("Steps", "Notes", "steps", "Steps!", "Notes 1");
    fc.assert(
      fc.property(fc.array(heading, { minLength: 1, maxLength: 12 }), (headings) => {
        const source = headings.map((text) => `## ${text}\n\nBody.`).join("\n\n");
        const ids = parseDocument("doc.md", source).sections.map((section) => section.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});
