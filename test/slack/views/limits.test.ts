import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCutIndex, splitMrkdwn, truncate } from "../../../src/slack/views/limits.js";
import { isWellFormed } from "./builders.js";

const TOKEN = /<[^<>]*$/; // an opened `<…>` token that the cut left unclosed
const ENTITY = /&[#a-zA-Z0-9]{0,8}$/; // an entity cut before its `;`

const mrkdwnish = fc
  .array(
    fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom(
        "<https://example.com/a?b=1&amp;c=2|a link>",
        "<@U12345>",
        "<#C123|general>",
        "&amp;",
        "&lt;",
        "&gt;",
        "👩‍👩‍👧‍👦",
        "🇬🇧",
        "e\u0301",
        "\n\n",
        "\n",
        " ",
        "```",
        "*bold*",
      ),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(""));

describe("truncate", () => {
  it("returns short text unchanged", () => {
    expect(truncate("short", 10)).toBe("short");
  });

  it("cuts long text to the limit with an ellipsis", () => {
    const out = truncate("one two three four five six", 12);
    expect(out.length).toBeLessThanOrEqual(12);
    expect(out.endsWith("…")).toBe(true);
    expect("one two three four five six".startsWith(out.slice(0, -1).trimEnd())).toBe(true);
  });

  it("never cuts a link or an entity in half", () => {
    const text = `see ${"x".repeat(5)} <https://example.com/page|the page> and &amp; more`;
    for (let max = 5; max < text.length; max++) {
      const head = truncate(text, max).slice(0, -1);
      expect(head).not.toMatch(TOKEN);
      expect(head).not.toMatch(ENTITY);
    }
  });

  it("never splits an emoji sequence", () => {
    const family = "👩‍👩‍👧‍👦";
    const text = `ab ${family}${family}${family}`;
    for (let max = 2; max < text.length; max++) {
      const head = truncate(text, max).slice(0, -1);
      const rest = text.slice(head.length);
      expect(
        rest === "" || rest.startsWith(family) || rest.startsWith(" ") || /^[a-z]/.test(rest),
      ).toBe(true);
    }
  });

  it("holds for any text and any limit", () => {
    fc.assert(
      fc.property(mrkdwnish, fc.integer({ min: 1, max: 400 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(out).toBe(text);
        else {
          expect(out.endsWith("…")).toBe(true);
          expect(text.startsWith(out.slice(0, -1))).toBe(true);
        }
        // No lone surrogate at the cut.
        expect(isWellFormed(out)).toBe(true);
      }),
    );
  });
});

describe("safeCutIndex", () => {
  it("moves back to the start of a token that would be cut", () => {
    const text = "hello <https://x.example|x> world";
    expect(safeCutIndex(text, 10)).toBe(6);
    expect(safeCutIndex(text, text.indexOf(">") + 1)).toBe(text.indexOf(">") + 1);
  });
});

describe("splitMrkdwn", () => {
  it("keeps short text in one chunk", () => {
    expect(splitMrkdwn("just a line", 100)).toEqual(["just a line"]);
  });

  it("splits at paragraph boundaries first", () => {
    const a = "a".repeat(60);
    const b = "b".repeat(60);
    expect(splitMrkdwn(`${a}\n\n${b}`, 100)).toEqual([a, b]);
  });

  it("splits at line boundaries when a paragraph is too long", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `• item ${i} ${"x".repeat(20)}`);
    const chunks = splitMrkdwn(lines.join("\n"), 100);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) for (const line of chunk.split("\n")) expect(lines).toContain(line);
  });

  it("closes and reopens a code fence split across chunks", () => {
    const code = `\`\`\`\n${Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n")}\n\`\`\``;
    const chunks = splitMrkdwn(code, 120);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(120);
      expect((chunk.match(/```/g) ?? []).length % 2).toBe(0);
    }
  });

  it("loses no words and respects the limit for any text", () => {
    fc.assert(
      fc.property(mrkdwnish, fc.integer({ min: 20, max: 3000 }), (text, max) => {
        const chunks = splitMrkdwn(text, max);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          expect(chunk.trim().length).toBeGreaterThan(0);
        }
        const words = (s: string) => s.replace(/```/g, " ").split(/\s+/).filter(Boolean).join("");
        if (!text.includes("```")) expect(words(chunks.join(" "))).toBe(words(text));
      }),
    );
  });
});
