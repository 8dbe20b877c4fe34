import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../../src/slack/views/answer.js";
import { renderHomeView } from "../../../src/slack/views/home.js";
import { renderNoAnswer } from "../../../src/slack/views/no-answer.js";
import { renderReply } from "../../../src/slack/views/reply.js";
import { allTexts } from "./block-kit.js";
import { makeBase, makeResponse, makeResult } from "./builders.js";

/**
 * A question is user text: echoed back, it must never ping a channel, mention someone or
 * become a link. Every surface that shows the question is rendered here with hostile ones.
 */
const HOSTILE = [
  "<!channel> what is a DM?",
  "<!here> help",
  "<!everyone>",
  "ask <@U123> about <#C1|x>",
  "<https://evil.example|click me>",
  "Q&A <!subteam^S1>",
];

const base = makeBase(2, 3);
const top = (() => {
  const section = base.sections[1];
  if (!section) throw new Error("fixture has no second section");
  return section;
})();

function renderings(query: string) {
  return {
    answer: renderAnswer(
      { query, result: makeResult(top), related: [] },
      { ephemeral: true, sharedBy: "U0SHARER" },
    ),
    confident: renderReply(makeResponse(query, [top], true), { ephemeral: true }),
    noAnswer: renderNoAnswer(query, [makeResult(top)], {}),
    reply: renderReply(makeResponse(query, [top], false), {}),
    home: renderHomeView(base, { query, response: makeResponse(query, [top], false) }),
    homeAnswer: renderHomeView(base, { query, response: makeResponse(query, [top], true) }),
  };
}

/** `<` only opens tokens the views wrote themselves, and `&` only starts an entity. */
function unsafe(text: string): string | undefined {
  const token = /<[^>]*>/g;
  for (const m of text.matchAll(token)) if (m[0] !== "<@U0SHARER>") return m[0];
  if (/[<>]/.test(text.replace(token, ""))) return "stray < or >";
  if (/&(?!(?:amp|lt|gt);)/.test(text)) return "bare &";
  return undefined;
}

describe("echoed questions are escaped", () => {
  it.each(HOSTILE)("%s", (query) => {
    for (const [surface, rendered] of Object.entries(renderings(query))) {
      const texts = allTexts(rendered);
      expect(texts.join("\n"), surface).toContain("&lt;");
      for (const text of texts) expect(unsafe(text), `${surface}: ${text}`).toBeUndefined();
    }
  });

  it("holds for any question", () => {
    const fragment = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom("<", ">", "&", "<!channel>", "<@U1>", "&amp;", "|", "<#C1|x>"),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const query = parts.join("");
        for (const [surface, rendered] of Object.entries(renderings(query))) {
          for (const text of allTexts(rendered)) {
            expect(unsafe(text), `${surface}: ${text}`).toBeUndefined();
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
