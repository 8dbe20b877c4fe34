import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkView } from "../../../src/dev/local-slack/index.js";
import {
  ANSWER_PARTS,
  readAddToHandbookSubmission,
  renderAddToHandbookModal,
  splitForInputs,
  TEXT_INPUT_MAX,
} from "../../../src/slack/views/add-to-handbook.js";
import { SlackLimits } from "../../../src/slack/views/limits.js";
import type { InputBlock } from "../../../src/slack/views/types.js";
import { oddText } from "./arbitraries.js";
import { viewViolations } from "./block-kit.js";

const longText = fc.oneof(
  oddText,
  fc.string({ unit: "grapheme", minLength: 2900, maxLength: 9000 }),
  fc.constantFrom("a".repeat(45_000), `${"word ".repeat(9000)}`, "line\n".repeat(9000)),
);

/** What a person would submit without editing: every input's initial value. */
function submitted(blocks: readonly unknown[]) {
  const values: Record<string, Record<string, { value: string | null }>> = {};
  for (const block of blocks as InputBlock[]) {
    if (block.type !== "input" || block.element.type !== "plain_text_input") continue;
    values[block.block_id as string] = {
      [block.element.action_id as string]: { value: block.element.initial_value ?? null },
    };
  }
  return values;
}

describe("the Add to handbook modal", () => {
  it("stays inside Slack's limits for any question, answer, document and heading", () => {
    fc.assert(
      fc.property(
        longText,
        longText,
        oddText,
        oddText,
        oddText,
        (question, answer, document, heading, meta) => {
          const view = renderAddToHandbookModal({
            question,
            answer,
            document,
            heading,
            privateMetadata: meta.repeat(30),
          });
          expect(viewViolations(view)).toEqual([]);
          expect(checkView(view)).toEqual([]);
          expect(view.title.text.length).toBeLessThanOrEqual(SlackLimits.modalTitle);
          expect((view.private_metadata ?? "").length).toBeLessThanOrEqual(
            SlackLimits.privateMetadata,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("gives back, unedited, every character of an answer that fits a Slack message", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40_000 }), (answer) => {
        const view = renderAddToHandbookModal({ question: "q", answer, privateMetadata: "{}" });
        const back = readAddToHandbookSubmission(submitted(view.blocks));
        expect(back.answer.replace(/\s/g, "")).toBe(answer.replace(/\s/g, ""));
      }),
      { numRuns: 30 },
    );
    const whole = "para one\n".repeat(4000);
    const view = renderAddToHandbookModal({ question: "q", answer: whole, privateMetadata: "{}" });
    expect(readAddToHandbookSubmission(submitted(view.blocks)).answer).toBe(whole);
  });

  it("says so when a text is longer than its fields can hold", () => {
    const view = renderAddToHandbookModal({
      question: "q",
      answer: "x".repeat(TEXT_INPUT_MAX * ANSWER_PARTS + 10),
      privateMetadata: "{}",
    });
    expect(JSON.stringify(view.blocks)).toContain("The last 10 characters did not fit");
  });

  it("prefills the suggested document and heading", () => {
    const view = renderAddToHandbookModal({
      question: "how long is a retro?",
      answer: "an hour",
      document: "rituals/retrospective.md",
      heading: "Running a retrospective",
      privateMetadata: "{}",
    });
    expect(readAddToHandbookSubmission(submitted(view.blocks))).toEqual({
      question: "how long is a retro?",
      answer: "an hour",
      document: "rituals/retrospective.md",
      heading: "Running a retrospective",
    });
  });
});

describe("splitForInputs", () => {
  it("never makes a piece longer than the maximum, nor more pieces than allowed", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 500 }),
        fc.integer({ min: 2, max: 50 }),
        fc.integer({ min: 1, max: 5 }),
        (text, max, parts) => {
          const { pieces, rest } = splitForInputs(text, max, parts);
          expect(pieces.length).toBeLessThanOrEqual(parts);
          for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
          expect((pieces.join("") + rest).replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        },
      ),
    );
  });
});
