import { describe, expect, it } from "vitest";
import { escapeText } from "../../../src/slack/views/escape.js";

describe("escapeText", () => {
  it.each([
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here> <!everyone>", "&lt;!here&gt; &lt;!everyone&gt;"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["<#C1|x>", "&lt;#C1|x&gt;"],
    ["<https://evil.example|click>", "&lt;https://evil.example|click&gt;"],
    ["Q&A", "Q&amp;A"],
    ["&lt; stays literal", "&amp;lt; stays literal"],
  ])("escapes %j", (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it("leaves text without control characters alone", () => {
    expect(escapeText("How do I run a *retro*? 🙂")).toBe("How do I run a *retro*? 🙂");
  });
});
