import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFrontmatter } from "../../../src/corpus/frontmatter.js";
import { parseDocument } from "../../../src/corpus/parse.js";
import { composeDraft, draftStem } from "../../../src/slack/capture/draft.js";

const input = {
  question: "How long is a *retro*?\nAnd who runs it?",
  answer: "An hour, run by the **delivery manager**.\n\n- set the date\n- book a room",
  askedBy: "U0ASKER",
  answeredBy: "U0EXPERT",
  capturedBy: "U0EDITOR",
  permalink: "https://team.slack.com/archives/C0TEAM/p1700000000000100",
  suggestedDocument: "rituals/retrospective.md",
  suggestedHeading: "Running a retrospective",
  date: new Date("2024-05-01T10:00:00Z"),
};

describe("composeDraft", () => {
  it("writes the frontmatter a reviewer needs, marked draft and captured from Slack", () => {
    const draft = composeDraft(input);
    expect(draft.stem).toBe("2024-05-01-how-long-is-a-retro");
    const { data, body } = readFrontmatter(draft.text);
    expect(data).toMatchObject({
      title: "How long is a retro?",
      draft: true,
      captured_from: "slack",
      asked_by: "U0ASKER",
      answered_by: "U0EXPERT",
      captured_by: "U0EDITOR",
      permalink: input.permalink,
      suggested_document: "rituals/retrospective.md",
      suggested_heading: "Running a retrospective",
    });
    expect(String(data.date instanceof Date ? data.date.toISOString() : data.date)).toMatch(
      /^2024-05-01/,
    );
    expect(body).toContain("> How long is a *retro*?\n> And who runs it?");
    expect(body).toContain("- set the date");
  });

  it("parses as a draft from Slack whose text holds the question and the answer", () => {
    const parsed = parseDocument("slack-drafts/x.md", composeDraft(input).text);
    expect(parsed.document.draft).toBe("slack");
    const text = parsed.sections.map((section) => section.text).join(" ");
    expect(text).toContain("who runs it");
    expect(text).toContain("delivery manager");
  });

  it("leaves out who asked and the link when they are not known", () => {
    const { askedBy: _a, permalink: _p, ...rest } = input;
    const { data } = readFrontmatter(composeDraft({ ...rest, question: "" }).text);
    expect(data).not.toHaveProperty("asked_by");
    expect(data).not.toHaveProperty("permalink");
    expect(data.title).toBe("An hour, run by the delivery manager.");
  });

  it("names every draft safely, whatever the title", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (title) => {
        expect(draftStem(title, input.date)).toMatch(/^2024-05-01-[a-z0-9][a-z0-9-]{0,59}$/);
      }),
    );
  });

  it("keeps any title and frontmatter value readable back as written", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (question, who) => {
        const { data } = readFrontmatter(
          composeDraft({ ...input, question, answer: "x", answeredBy: who }).text,
        );
        expect(data.answered_by).toBe(who);
        expect(data.draft).toBe(true);
      }),
    );
  });
});
