import { describe, expect, it } from "vitest";
import { ActionId, decodeActionValue, NO_SECTION } from "../../../src/slack/views/actions.js";
import {
  FEEDBACK_BLOCK_ID,
  renderAnswer,
  renderAnswerBlocks,
  TENTATIVE_LABEL,
} from "../../../src/slack/views/answer.js";
import { createExcerpt } from "../../../src/slack/views/excerpt.js";
import { renderNoAnswer } from "../../../src/slack/views/no-answer.js";
import { renderReply, TRUNCATED_NOTE } from "../../../src/slack/views/reply.js";
import { listButtons, renderMessageAsText } from "../../../src/slack/views/text.js";
import type { KnownBlock, SlackMessage } from "../../../src/slack/views/types.js";
import { messageViolations } from "./block-kit.js";
import { makeDocument, makeResponse, makeResult, makeSection } from "./builders.js";

function mrkdwnOf(blocks: readonly KnownBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === "section" && b.text) parts.push(b.text.text);
    if (b.type === "context")
      for (const el of b.elements) if ("text" in el) parts.push(String(el.text));
  }
  return parts.join("\n");
}

const labels = (msg: SlackMessage) => listButtons(msg.blocks).map((b) => b.label);

const section = makeSection();
const related = [
  makeSection({ id: "rituals/retrospectives.md#formats", heading: "Formats" }),
  makeSection({ id: "rituals/retrospectives.md#follow-up", heading: "Follow-up actions" }),
  makeSection({ id: "rituals/retrospectives.md#remote", heading: "Remote retros" }),
];

describe("renderAnswer", () => {
  it("shows the document title, breadcrumb and the excerpt createExcerpt chose", () => {
    const result = makeResult(section, ["check-in"]);
    const msg = renderAnswer({ query: "retro", result, related: [] });
    const text = mrkdwnOf(msg.blocks);
    expect(text).toContain("*Retrospectives*");
    expect(text).toContain("Facilitation › Running the session");
    expect(text).toContain(createExcerpt(section, ["check-in"]));
    expect(messageViolations(msg)).toEqual([]);
  });

  it("splits a long excerpt over several section blocks of at most 3000 characters", () => {
    const long = Array.from({ length: 12 }, (_, i) => ({
      text: `Paragraph ${i} ${"word ".repeat(100)}`,
      mrkdwn: `Paragraph ${i} ${"word ".repeat(100)}`,
    }));
    const big = makeSection({ blocks: long });
    const msg = renderAnswer({ query: "word", result: makeResult(big, ["word"]), related: [] });
    expect(messageViolations(msg)).toEqual([]);
    expect(mrkdwnOf(msg.blocks)).toContain("Paragraph 0");
  });

  it("links the source to DOCS_BASE_URL plus the path without .md, at the heading", () => {
    const msg = renderAnswer(
      { query: "q", result: makeResult(section), related: [] },
      { docsBaseUrl: "https://handbook.example.com/docs/" },
    );
    expect(mrkdwnOf(msg.blocks)).toContain(
      "<https://handbook.example.com/docs/rituals/retrospectives#running-the-session|Retrospectives>",
    );
  });

  it("links a page its frontmatter moves (Docusaurus slug or id) at its site path", () => {
    const doc = makeDocument({ path: "docs/release-process.mdx", sitePath: "releases" });
    const s = makeSection({ document: doc, id: "docs/release-process.mdx#rollbacks" });
    const msg = renderAnswer(
      { query: "q", result: makeResult(s), related: [] },
      { docsBaseUrl: "https://handbook.example.com/" },
    );
    expect(mrkdwnOf(msg.blocks)).toContain(
      "<https://handbook.example.com/releases#rollbacks|Retrospectives>",
    );
  });

  it("prefers the document's own url frontmatter", () => {
    const doc = makeDocument({ path: "guide.mdx", url: "https://wiki.example.com/guide" });
    const s = makeSection({ document: doc, id: "guide.mdx" });
    const msg = renderAnswer(
      { query: "q", result: makeResult(s), related: [] },
      { docsBaseUrl: "https://ignored.example.com" },
    );
    const text = mrkdwnOf(msg.blocks);
    expect(text).toContain("<https://wiki.example.com/guide|Retrospectives>");
    expect(text).not.toContain("ignored.example.com");
  });

  it("names the file when there is no link", () => {
    const msg = renderAnswer({ query: "q", result: makeResult(section), related: [] });
    expect(mrkdwnOf(msg.blocks)).toContain("Source: _Retrospectives_ (rituals/retrospectives.md)");
  });

  it("shows the owner as a mention and the updated date", () => {
    const user = makeSection({
      document: makeDocument({ owner: "U024BE7LH", updated: "2025-03-01" }),
    });
    const channel = makeSection({ document: makeDocument({ owner: "C01ABCDEF" }) });
    const u = mrkdwnOf(renderAnswer({ query: "q", result: makeResult(user), related: [] }).blocks);
    expect(u).toContain("Owner: <@U024BE7LH>");
    expect(u).toContain("Updated 2025-03-01");
    const c = mrkdwnOf(
      renderAnswer({ query: "q", result: makeResult(channel), related: [] }).blocks,
    );
    expect(c).toContain("Owner: <#C01ABCDEF>");
    expect(c).not.toContain("Updated");
  });

  it("offers Share in channel only when the reply is ephemeral", () => {
    const answer = { query: "q", result: makeResult(section), related: [] };
    expect(labels(renderAnswer(answer, { ephemeral: true }))).toContain("Share in channel");
    expect(labels(renderAnswer(answer, {}))).not.toContain("Share in channel");
    expect(labels(renderAnswer(answer, {}))).toEqual(
      expect.arrayContaining(["Show full section", "👍 Helpful", "👎 Not helpful"]),
    );
  });

  it("says who shared it, and offers no share button once shared", () => {
    const msg = renderAnswer(
      { query: "how do retros work?", result: makeResult(section), related: [] },
      { ephemeral: true, sharedBy: "U0SHARER" },
    );
    expect(mrkdwnOf(msg.blocks)).toContain("Shared by <@U0SHARER>");
    expect(labels(msg)).not.toContain("Share in channel");
  });

  it("offers at most two related sections, never the answer itself, each with its own action id", () => {
    const msg = renderAnswer({
      query: "retro",
      result: makeResult(section),
      related: [makeResult(section), ...related.map((s) => makeResult(s))],
    });
    const buttons = listButtons(msg.blocks).filter((b) => b.label.startsWith("Related: "));
    expect(buttons.map((b) => b.label)).toEqual(["Related: Formats", "Related: Follow-up actions"]);
    expect(new Set(buttons.map((b) => b.actionId)).size).toBe(2);
    expect(decodeActionValue(buttons[0]?.value)).toEqual({
      sectionId: "rituals/retrospectives.md#formats",
      query: "retro",
    });
  });

  it("for a topic picked from suggestions, says so instead of echoing the unanswered question", () => {
    const question = "how do I bake sourdough";
    const picked = {
      query: question,
      result: makeResult(section),
      related: related.map((s) => makeResult(s)),
      picked: true,
    };
    const mine = renderAnswer(picked, { ephemeral: true });
    expect(mrkdwnOf(mine.blocks)).toContain("You picked: “Running the session”");
    const everyone = renderAnswer(picked, {});
    expect(mrkdwnOf(everyone.blocks)).toContain(
      "Picked from the suggested topics: “Running the session”",
    );
    const shared = renderAnswer(picked, { ephemeral: true, sharedBy: "U0SHARER" });
    expect(mrkdwnOf(shared.blocks)).toContain(
      "Shared by <@U0SHARER> · picked the topic “Running the session”",
    );
    for (const msg of [mine, everyone, shared]) {
      expect(renderMessageAsText(msg).text).not.toContain("sourdough");
      expect(msg.text).not.toContain("sourdough");
      // Its buttons keep the question (for feedback) and that the topic was picked.
      const values = listButtons(msg.blocks).map((b) => decodeActionValue(b.value));
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toMatchObject({ query: question, picked: true });
    }
    // An answer the question led to still repeats it privately.
    const asked = renderAnswer({ ...picked, picked: false }, { ephemeral: true });
    expect(mrkdwnOf(asked.blocks)).toContain(`:mag: “${question}”`);
  });

  it("puts Slack's feedback buttons in a context_actions block, one value per verdict", () => {
    const msg = renderAnswer({ query: "q", result: makeResult(section), related: [] });
    const feedback = msg.blocks.find((b) => b.block_id === FEEDBACK_BLOCK_ID);
    if (feedback?.type !== "context_actions") throw new Error("no context_actions feedback block");
    const [element] = feedback.elements;
    if (element?.type !== "feedback_buttons") throw new Error("no feedback_buttons element");
    expect(element.action_id).toBe(ActionId.feedback);
    expect(decodeActionValue(element.positive_button.value)).toEqual({
      sectionId: section.id,
      query: "q",
      helpful: true,
    });
    expect(decodeActionValue(element.negative_button.value)).toMatchObject({ helpful: false });
    // The Home tab is a view: no feedback buttons there.
    const home = renderAnswerBlocks(
      { query: "q", result: makeResult(section), related: [] },
      { surface: "home" },
    );
    expect(home.some((b) => b.type === "context_actions")).toBe(false);
  });

  it("has a plain, escaped text fallback", () => {
    const s = makeSection({ document: makeDocument({ title: "Q&A <!channel>" }) });
    const msg = renderAnswer({ query: "q", result: makeResult(s), related: [] });
    expect(msg.text).toContain("Q&amp;A &lt;!channel&gt;");
    expect(msg.text).toContain("Facilitation › Running the session");
  });
});

describe("renderNoAnswer", () => {
  it("says plainly there is no good answer and offers at most three closest topics", () => {
    const suggestions = [section, ...related].map((s) => makeResult(s));
    const msg = renderNoAnswer("what is the meaning of life?", suggestions, {});
    const text = mrkdwnOf(msg.blocks);
    expect(text).toContain("no good answer to “what is the meaning of life?”");
    expect(text).toContain("/dm topics");
    expect(text).toMatch(/rephras/i);
    const buttons = listButtons(msg.blocks);
    expect(buttons).toHaveLength(4);
    const topics = buttons.slice(0, 3);
    expect(topics.every((b) => b.actionId.startsWith(ActionId.suggestedTopic))).toBe(true);
    expect(decodeActionValue(buttons[0]?.value)?.sectionId).toBe(section.id);
    // A person is offered too, with the question.
    expect(buttons[3]).toMatchObject({ actionId: ActionId.askExpert, label: "Ask an expert" });
    expect(decodeActionValue(buttons[3]?.value)?.query).toBe("what is the meaning of life?");
    expect(msg.text).toContain("no good answer");
    expect(messageViolations(msg)).toEqual([]);
  });

  it("still renders with no suggestions at all", () => {
    const msg = renderNoAnswer("zzz", [], {});
    expect(listButtons(msg.blocks).map((b) => b.actionId)).toEqual([ActionId.askExpert]);
    expect(decodeActionValue(listButtons(msg.blocks)[0]?.value)?.sectionId).toBe(NO_SECTION);
    expect(messageViolations(msg)).toEqual([]);
  });
});

describe("renderReply", () => {
  it("answers when confident, with the other results as related", () => {
    const msg = renderReply(makeResponse("retro", [section, ...related], true), {
      ephemeral: true,
    });
    expect(mrkdwnOf(msg.blocks)).toContain("Facilitation › Running the session");
    expect(labels(msg)).toContain("Related: Formats");
  });

  it("gives the honest no-answer when not confident, even with results", () => {
    const msg = renderReply(makeResponse("retro", [section], false), { ephemeral: true });
    expect(mrkdwnOf(msg.blocks)).toContain("no good answer");
    expect(labels(msg)).not.toContain("Share in channel");
  });

  it("shows a best match as possibly relevant, with the next results as alternatives", () => {
    const msg = renderReply(makeResponse("retro", [section, ...related], "best-match"), {
      ephemeral: true,
    });
    const text = mrkdwnOf(msg.blocks);
    expect(text).toContain(TENTATIVE_LABEL);
    expect(text.indexOf(TENTATIVE_LABEL)).toBeLessThan(text.indexOf("Running the session"));
    expect(labels(msg)).toEqual(
      expect.arrayContaining(["Or maybe: Formats", "Or maybe: Follow-up actions"]),
    );
    expect(labels(msg).filter((label) => label.startsWith("Or maybe"))).toHaveLength(2);
    expect(messageViolations(msg)).toEqual([]);
  });

  it("does not label a confident answer as uncertain", () => {
    const msg = renderReply(makeResponse("retro", [section, ...related], true));
    expect(mrkdwnOf(msg.blocks)).not.toContain(TENTATIVE_LABEL);
  });

  it("notes that only the start of a long question was read, under any tier", () => {
    for (const tier of ["answer", "best-match", "none"] as const) {
      const response = { ...makeResponse("retro", [section, ...related], tier), truncated: true };
      const msg = renderReply(response);
      expect(mrkdwnOf(msg.blocks)).toContain(TRUNCATED_NOTE);
      expect(messageViolations(msg)).toEqual([]);
    }
    expect(mrkdwnOf(renderReply(makeResponse("retro", [section], true)).blocks)).not.toContain(
      TRUNCATED_NOTE,
    );
  });

  it("gives the no-answer when confident but empty", () => {
    const msg = renderReply(makeResponse("retro", [], true));
    expect(mrkdwnOf(msg.blocks)).toContain("no good answer");
  });
});

describe("an answer's age and review state", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  const dated = (document: Parameters<typeof makeDocument>[0]) =>
    makeResult(makeSection({ document: makeDocument(document) }));

  it("says how long ago the page was reviewed, in the source line", () => {
    const result = dated({ updated: "2026-05-02", reviewed: "2026-05-02" });
    const text = mrkdwnOf(renderAnswer({ query: "retro", result, related: [] }, { now }).blocks);
    expect(text).toContain("· Reviewed 6 months ago");
    expect(text).not.toContain("Review due");
  });

  it("says updated, not reviewed, when only `updated` is known", () => {
    const result = dated({ updated: "2026-10-01" });
    const text = mrkdwnOf(renderAnswer({ query: "retro", result, related: [] }, { now }).blocks);
    expect(text).toContain("· Updated 1 month ago");
  });

  it("warns under the source when the page is past its review date", () => {
    const result = dated({ reviewed: "2026-01-10", reviewIn: { count: 6, unit: "month" } });
    const msg = renderAnswer({ query: "retro", result, related: [] }, { now });
    const text = mrkdwnOf(msg.blocks);
    expect(text).toContain(
      ":warning: Review due: this page is reviewed every 6 months and was last reviewed on 2026-01-10, so it may be out of date (due 2026-07-10).",
    );
    expect(messageViolations(msg)).toEqual([]);
    // The same page reviewed in time carries no warning.
    const fresh = dated({ reviewed: "2026-09-10", reviewIn: { count: 6, unit: "month" } });
    const freshText = mrkdwnOf(
      renderAnswer({ query: "retro", result: fresh, related: [] }, { now }).blocks,
    );
    expect(freshText).not.toContain("Review due");
    expect(freshText).toContain("Reviewed 2 months ago");
  });

  it("shows the date itself when no clock is given", () => {
    const result = dated({ updated: "2026-05-02" });
    const text = mrkdwnOf(renderAnswer({ query: "retro", result, related: [] }).blocks);
    expect(text).toContain("· Updated 2026-05-02");
  });
});
