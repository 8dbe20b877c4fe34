import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/corpus/parse.js";
import { mrkdwnToMarkdown } from "../../../src/slack/capture/mrkdwn-to-markdown.js";

describe("mrkdwnToMarkdown", () => {
  it.each([
    ["*bold* and _italic_ and ~gone~", "**bold** and _italic_ and ~~gone~~"],
    [
      "see <https://x.example/a?b=1&amp;c=2|the guide>",
      "see [the guide](https://x.example/a?b=1&c=2)",
    ],
    ["<https://x.example>", "<https://x.example>"],
    ["ask <@U0ANA> in <#C0DEV|dev> <!here>", "ask @U0ANA in #dev @here"],
    ["• one\n• two\n    ◦ nested", "- one\n- two\n  - nested"],
    ["&gt; a quote", "> a quote"],
    ["`a &lt;b&gt;` then\n```\nif (a &lt; b) *x*\n```", "`a <b>` then\n\n```\nif (a < b) *x*\n```"],
    [
      "# not a heading, 5*3, [x](y), a &lt;b&gt; tag",
      "\\# not a heading, 5\\*3, \\[x\\](y), a \\<b\\> tag",
    ],
  ])("%j → %j", (mrkdwn, markdown) => {
    expect(mrkdwnToMarkdown(mrkdwn)).toBe(markdown);
  });

  it("keeps every word of any message, and the result parses as the same words", () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const piece = fc.oneof(
      word,
      word.map((w) => `*${w}*`),
      word.map((w) => `_${w}_`),
      word.map((w) => `<https://example.com/${w}|${w}>`),
      fc.constantFrom("&amp;", "&lt;", "&gt;", "*", "[", "#", "\n", "\n• ", "`", "```"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const mrkdwn = pieces.join(" ");
        const markdown = mrkdwnToMarkdown(mrkdwn);
        const words = (text: string) => text.match(/[a-z]+/g) ?? [];
        const expected = words(
          mrkdwn.replace(/&(amp|lt|gt);|https:\/\/example\.com\/[a-z]+\|/g, ""),
        );
        // What a reader of the page sees: the parsed text, with no markup left over.
        const parsed = parseDocument("draft.md", `---\ntitle: t\n---\n\n${markdown}\n`);
        const seen = parsed.sections.map((section) => section.text).join(" ");
        expect(words(seen)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
