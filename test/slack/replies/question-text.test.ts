import { describe, expect, it } from "vitest";
import { extractQuestion, parseCommandText } from "../../../src/slack/replies/question-text.js";

describe("extractQuestion", () => {
  it("removes the bot's mention wherever it is", () => {
    expect(extractQuestion("<@U0BOT> what is a DM?", "U0BOT")).toBe("what is a DM?");
    expect(extractQuestion("so <@U0BOT>, what is a DM?", "U0BOT")).toBe("so, what is a DM?");
  });

  it("turns Slack markup into the words a person would read", () => {
    expect(
      extractQuestion("ask <@U0OTHER> about <#C0123|planning> and <https://x.test/a|the guide>"),
    ).toBe("ask about planning and the guide");
    expect(
      extractQuestion("see <https://x.test/a> <!here> <!subteam^S0123|@leads> <!channel>"),
    ).toBe("see https://x.test/a");
    expect(extractQuestion("what's in <#C0123>?")).toBe("what's in?");
  });

  it("decodes the entities Slack escapes", () => {
    expect(extractQuestion("risks &amp; issues &lt;2024&gt;")).toBe("risks & issues <2024>");
  });

  it("returns an empty string when only markup is left", () => {
    expect(extractQuestion("<@U0BOT>   <!here>", "U0BOT")).toBe("");
    expect(extractQuestion(undefined)).toBe("");
  });
});

describe("parseCommandText", () => {
  it.each([
    ["", { kind: "help" }],
    ["  ", { kind: "help" }],
    ["help", { kind: "help" }],
    ["Help?", { kind: "help" }],
    ["hello?", { kind: "help" }],
    ["Hi there!", { kind: "help" }],
    ["good morning", { kind: "help" }],
    ["hello, how do I run a retro", { kind: "question", question: "hello, how do I run a retro" }],
    ["hey team", { kind: "help" }],
    ["Morning all!", { kind: "help" }],
    ["hiii everyone", { kind: "help" }],
    ["team", { kind: "question", question: "team" }],
    ["thanks!", { kind: "acknowledgement" }],
    ["ok got it, ty :pray:", { kind: "acknowledgement" }],
    ["Thanks for the help!", { kind: "acknowledgement" }],
    ["thanks for the quick answer", { kind: "acknowledgement" }],
    [
      "thanks, and how long is parental leave?",
      { kind: "question", question: "thanks, and how long is parental leave?" },
    ],
    ["topics", { kind: "topics" }],
    ["TOPICS", { kind: "topics" }],
    ["help me plan a sprint", { kind: "question", question: "help me plan a sprint" }],
    ["what topics matter?", { kind: "question", question: "what topics matter?" }],
  ])("%j → %o", (text, intent) => {
    expect(parseCommandText(text)).toEqual(intent);
  });
});
