import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDocumentModal } from "../../../src/slack/views/document-modal.js";
import { renderHomeView } from "../../../src/slack/views/home.js";
import { renderReply } from "../../../src/slack/views/reply.js";
import { renderSectionModal } from "../../../src/slack/views/section-modal.js";
import { renderMessageAsText, renderViewAsText } from "../../../src/slack/views/text.js";
import { renderTopics } from "../../../src/slack/views/topics.js";
import { baseAndResponse, ctxArb, knowledgeBase, oddText } from "./arbitraries.js";
import { messageViolations, viewViolations } from "./block-kit.js";

/**
 * Slack's Block Kit limits as properties: whatever the handbook contains and whatever is asked,
 * every payload is one Slack accepts.
 */
const RUNS = { numRuns: 60 };

describe("Block Kit limits hold for any content", () => {
  it("replies (answer and no-answer)", () => {
    fc.assert(
      fc.property(baseAndResponse(), ctxArb, ({ response }, ctx) => {
        const msg = renderReply(response, ctx);
        expect(messageViolations(msg)).toEqual([]);
        expect(() => renderMessageAsText(msg)).not.toThrow();
      }),
      RUNS,
    );
  });

  it("topics", () => {
    fc.assert(
      fc.property(knowledgeBase(60, 40), (base) => {
        expect(messageViolations(renderTopics(base))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("Home, on any page, with or without a result", () => {
    fc.assert(
      fc.property(
        baseAndResponse(60),
        ctxArb,
        fc.integer({ min: -2, max: 5 }),
        fc.boolean(),
        ({ base, response }, ctx, page, withResult) => {
          const view = renderHomeView(
            base,
            withResult ? { ...ctx, page, query: response.query, response } : { ...ctx, page },
          );
          expect(viewViolations(view)).toEqual([]);
          expect(() => renderViewAsText(view)).not.toThrow();
        },
      ),
      RUNS,
    );
  });

  it("section and document modals", () => {
    fc.assert(
      fc.property(knowledgeBase(5, 10), ctxArb, fc.nat(), (base, ctx, pick) => {
        const section = base.sections[pick % base.sections.length];
        if (!section) return;
        expect(viewViolations(renderSectionModal(section, ctx))).toEqual([]);
        expect(viewViolations(renderDocumentModal(base, section.document.path))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("replies to any query over a fixed knowledge base", () => {
    fc.assert(
      fc.property(baseAndResponse(3), oddText, ctxArb, ({ response }, query, ctx) => {
        expect(messageViolations(renderReply({ ...response, query }, ctx))).toEqual([]);
      }),
      RUNS,
    );
  });
});
