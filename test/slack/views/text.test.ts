import { describe, expect, it } from "vitest";
import { ActionId, actionIdPattern } from "../../../src/slack/views/actions.js";
import { renderAnswer } from "../../../src/slack/views/answer.js";
import { renderHomeView } from "../../../src/slack/views/home.js";
import { renderSectionModal } from "../../../src/slack/views/section-modal.js";
import {
  listButtons,
  mrkdwnToText,
  renderMessageAsText,
  renderViewAsText,
} from "../../../src/slack/views/text.js";
import { renderTopics } from "../../../src/slack/views/topics.js";
import type { KnownBlock } from "../../../src/slack/views/types.js";
import { makeBase, makeDocument, makeResponse, makeResult, makeSection } from "./builders.js";

describe("mrkdwnToText", () => {
  it.each([
    ["<https://x.example/a?b=1&amp;c=2|the page>", "the page (https://x.example/a?b=1&c=2)"],
    ["<https://x.example>", "https://x.example"],
    ["ask <@U123> in <#C1|general> or <#C2>", "ask @U123 in #general or #C2"],
    ["<!here> and <!subteam^S1|@team>", "@here and @team"],
    ["<!date^1700000000^{date_short}|Nov 14>", "Nov 14"],
    ["a &lt;b&gt; &amp;amp;", "a <b> &amp;"],
    ["*bold* and _italic_ and 2*3*4", "bold and _italic_ and 2*3*4"],
  ])("%s", (input, expected) => {
    expect(mrkdwnToText(input)).toBe(expected);
  });
});

describe("renderMessageAsText", () => {
  const doc = makeDocument({ owner: "U024BE7LH", updated: "2025-03-01" });
  const section = makeSection({ document: doc });
  const related = makeSection({ id: "rituals/retrospectives.md#formats", heading: "Formats" });
  const msg = renderAnswer(
    { query: "how do retros work?", result: makeResult(section), related: [makeResult(related)] },
    { ephemeral: true, docsBaseUrl: "https://h.example" },
  );

  it("shows title, breadcrumb, excerpt and source as readable text", () => {
    const { text } = renderMessageAsText(msg);
    const lines = text.split("\n");
    expect(lines).toContain("Retrospectives");
    expect(lines).toContain("Facilitation › Running the session");
    expect(text).toContain("Open with a check-in, then gather what went well and what did not.");
    expect(text).toContain(
      "Source: Retrospectives (https://h.example/rituals/retrospectives#running-the-session) · Owner: @U024BE7LH · Updated 2025-03-01",
    );
    expect(text).not.toMatch(/&(amp|lt|gt);/);
  });

  it("numbers the buttons in order and returns what each would send", () => {
    const { text, buttons } = renderMessageAsText(msg);
    expect(buttons.map((b) => b.label)).toEqual([
      "Share in channel",
      "Show full section",
      "Related: Formats",
      "Ask an expert",
      "👍 Helpful",
      "👎 Not helpful",
    ]);
    expect(text).toContain(
      "[1] Share in channel  [2] Show full section  [3] Related: Formats  [4] Ask an expert",
    );
    expect(text).toContain("[5] 👍 Helpful  [6] 👎 Not helpful");
    expect(buttons[0]?.actionId).toBe(ActionId.shareInChannel);
    expect(buttons[4]?.blockId).toBe("feedback");
    expect(listButtons(msg.blocks)).toEqual(buttons);
  });

  it("falls back to the text when there are no blocks", () => {
    expect(renderMessageAsText({ text: "a &amp; b", blocks: [] }).text).toBe("a & b");
  });
});

describe("renderViewAsText", () => {
  it("starts a modal with its title", () => {
    const { text, buttons } = renderViewAsText(renderSectionModal(makeSection()));
    expect(text.split("\n")[0]).toBe("[ Retrospectives ]");
    expect(text).toContain("check-in");
    expect(buttons).toEqual([]);
  });
});

describe("menus and inputs as text", () => {
  const option = (text: string, value: string) => ({
    text: { type: "plain_text" as const, text },
    value,
  });

  it("numbers each option of the /dm topics pickers after the buttons before them, with its section id", () => {
    const base = makeBase(2, 2);
    const msg = renderTopics(base);
    const { text, buttons } = renderMessageAsText(msg);
    const options = buttons.filter((b) => b.menu === "static_select");
    expect(options.map((b) => b.value)).toEqual(base.sections.map((s) => s.id));
    expect(options[0]?.actionId).toMatch(actionIdPattern(ActionId.topicsOpenSection));
    const first = buttons.indexOf(options[0] as (typeof buttons)[number]) + 1;
    expect(text).toContain(`Open a section…:\n      [${first}] ${options[0]?.label}`);
    expect(text).toContain(`[${first + 1}] ${options[1]?.label}`);
  });

  it("numbers overflow options in an actions block after its buttons, and marks the initial option", () => {
    const blocks: KnownBlock[] = [
      {
        type: "actions",
        block_id: "tools",
        elements: [
          { type: "button", action_id: "go", text: { type: "plain_text", text: "Go" }, value: "g" },
          {
            type: "overflow",
            action_id: "more",
            options: [option("Edit", "edit"), option("Delete", "delete")],
          },
          {
            type: "static_select",
            action_id: "size",
            placeholder: { type: "plain_text", text: "Size" },
            options: [option("Small", "s"), option("Large", "l")],
            initial_option: option("Large", "l"),
          },
        ],
      },
    ];
    const { text, buttons } = renderMessageAsText({ text: "tools", blocks });
    expect(text).toBe(
      [
        "[1] Go",
        "More:",
        "  [2] Edit",
        "  [3] Delete",
        "Size:",
        "  [4] Small",
        "  [5] Large (selected)",
      ].join("\n"),
    );
    expect(buttons[2]).toEqual({
      label: "Delete",
      actionId: "more",
      value: "delete",
      blockId: "tools",
      menu: "overflow",
    });
    expect(buttons[0]?.menu).toBeUndefined();
  });

  it("shows an input box with its initial value, or empty when it has none", () => {
    const searched = renderViewAsText(
      renderHomeView(makeBase(1, 1), {
        query: "how do retros work?",
        response: makeResponse("how do retros work?", [], false),
      }),
    );
    expect(searched.text).toContain("Search the handbook: [how do retros work?]");
    expect(searched.inputs[0]).toMatchObject({
      label: "Search the handbook",
      actionId: ActionId.homeSearch,
      value: "how do retros work?",
    });
    const fresh = renderViewAsText(renderHomeView(makeBase(1, 1), {}));
    expect(fresh.text).toContain("Search the handbook: ____");
    expect(fresh.inputs[0]?.value).toBeUndefined();
  });
});
