import { describe, expect, it } from "vitest";
import { readFollowUp } from "../../../src/slack/conversations/follow-up.js";

const EARLIER = "how do I run a retrospective";

describe("readFollowUp", () => {
  it.each([
    ["and how long should it take?", `${EARLIER} how long should it take?`],
    ["what about the US?", `${EARLIER} the US?`],
    ["and for contractors?", `${EARLIER} contractors?`],
    ["contractors too?", `${EARLIER} contractors too?`],
    ["How about remote teams?", `${EARLIER} remote teams?`],
  ])("reads the elliptical %j with the thread's earlier question", (text, question) => {
    expect(readFollowUp(text, EARLIER)).toEqual({ kind: "question", question, elliptical: true });
  });

  it.each([
    "How do I estimate a sprint?",
    "who attends sprint planning",
    "Is there a template for a risk log?",
  ])("takes the whole question %j as it is", (text) => {
    expect(readFollowUp(text, EARLIER)).toEqual({
      kind: "question",
      question: text,
      elliptical: false,
    });
  });

  it("has nothing to combine with when the thread has no earlier question", () => {
    expect(readFollowUp("and for contractors?", "")).toEqual({
      kind: "question",
      question: "and for contractors?",
      elliptical: false,
    });
  });

  it.each([
    ["thanks!", "acknowledgement"],
    ["Great, thanks, that helps :+1:", "acknowledgement"],
    ["ok cool 👍", "acknowledgement"],
    ["thank you so much", "acknowledgement"],
    ["  ", "empty"],
    [":tada:", "empty"],
    ["ok I will book the room for tomorrow", "not a question"],
    ["and then we went for lunch", "not a question"],
  ])("ignores %j (%s)", (text, reason) => {
    expect(readFollowUp(text, EARLIER)).toEqual({ kind: "ignore", reason });
  });

  it("ignores a question put to someone else", () => {
    expect(
      readFollowUp(
        "can you run it this week?",
        EARLIER,
        "<@U0ANA> can you run it this week?",
        "U0BOT",
      ),
    ).toEqual({
      kind: "ignore",
      reason: "addressed to someone",
    });
    // Naming the bot is not talking to someone else.
    expect(
      readFollowUp("and for contractors?", EARLIER, "<@U0BOT> and for contractors?", "U0BOT"),
    ).toMatchObject({
      kind: "question",
    });
  });
});
