import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ActionId, actionIdPattern, decodePageValue } from "../../../src/slack/views/actions.js";
import { renderApology } from "../../../src/slack/views/apology.js";
import { renderDocumentModal } from "../../../src/slack/views/document-modal.js";
import { renderFeedbackReply } from "../../../src/slack/views/feedback-reply.js";
import { renderHelp } from "../../../src/slack/views/help.js";
import {
  HOME_DOCUMENTS_PER_PAGE,
  HOME_SEARCH_BLOCK_ID,
  HOME_SECTIONS_PER_DOCUMENT,
  renderHomeView,
} from "../../../src/slack/views/home.js";
import { renderNoAnswer } from "../../../src/slack/views/no-answer.js";
import { renderSectionModal } from "../../../src/slack/views/section-modal.js";
import { listButtons, renderViewAsText } from "../../../src/slack/views/text.js";
import { renderTopics } from "../../../src/slack/views/topics.js";
import { messageViolations, viewViolations } from "./block-kit.js";
import { makeBase, makeDocument, makeResponse, makeSection } from "./builders.js";

describe("renderHelp", () => {
  it("explains the command, help, topics, mentions, DMs and the Home tab, with examples", () => {
    const msg = renderHelp();
    const all = JSON.stringify(msg.blocks);
    for (const expected of [
      "/dm &lt;question&gt;",
      "/dm help",
      "/dm topics",
      "/dm settings auto",
      "follow-up questions in that thread",
      "Mention me",
      "direct message",
      "Home",
    ]) {
      expect(all).toContain(expected);
    }
    expect((all.match(/• `\/dm /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(messageViolations(msg)).toEqual([]);
  });

  it("names every message shortcut the manifest declares, by its name in Slack", () => {
    const manifest = parse(readFileSync("manifest.yml", "utf8")) as {
      features: { shortcuts: { name: string; type: string }[] };
    };
    const shortcuts = manifest.features.shortcuts.filter((s) => s.type === "message");
    expect(shortcuts.length).toBeGreaterThan(0);
    const all = JSON.stringify(renderHelp().blocks);
    for (const { name } of shortcuts) expect(all).toContain(`*${name}*`);
  });

  it("uses the installed command name and escapes example questions", () => {
    const msg = renderHelp({ command: "/handbook", examples: ["Who is <!here>?"] });
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain("/handbook topics");
    expect(all).toContain("/handbook settings auto");
    expect(all).toContain("Who is &lt;!here&gt;?");
    expect(all).not.toContain("<!here>");
  });
});

describe("renderTopics", () => {
  it("lists every document with its headings and a section picker for a small knowledge base", () => {
    const base = makeBase(3, 4);
    const msg = renderTopics(base);
    expect(messageViolations(msg)).toEqual([]);
    const all = JSON.stringify(msg.blocks);
    for (const s of base.sections.filter((s) => s.depth > 0)) expect(all).toContain(s.heading);
    const pickers = msg.blocks.filter(
      (b) => b.type === "section" && b.accessory?.type === "static_select",
    );
    expect(pickers).toHaveLength(3);
    for (const p of pickers) {
      if (p.type !== "section" || p.accessory?.type !== "static_select") continue;
      expect(actionIdPattern(ActionId.topicsOpenSection).test(p.accessory.action_id ?? "")).toBe(
        true,
      );
    }
  });

  it("indents only headings deeper than the document's shallowest", () => {
    const doc = makeDocument({ path: "a.md", title: "A" });
    const mk = (id: string, heading: string, depth: number, order: number) =>
      makeSection({ id, document: doc, heading, depth, order, breadcrumb: [heading] });
    const base = {
      root: "/kb",
      documents: [doc],
      sections: [mk("a.md", "A", 0, 0), mk("a.md#top", "Top", 2, 1), mk("a.md#deep", "Deep", 3, 2)],
      warnings: [],
    };
    const section = renderTopics(base).blocks.find((b) => b.type === "section");
    const text = section?.type === "section" ? section.text?.text : "";
    expect(text).toBe("*A*\n• Introduction\n• Top\n    ◦ Deep");
  });

  it("summarises a big knowledge base within 50 blocks and points to the Home tab", () => {
    const base = makeBase(2000, 5);
    const msg = renderTopics(base);
    expect(messageViolations(msg)).toEqual([]);
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain("Document 0");
    expect(all).toContain("5 sections");
    expect(all).toMatch(/more documents.*Home/);
  });
});

describe("renderHomeView", () => {
  it("has a dispatching search input, and table-of-contents buttons that carry section ids", () => {
    const base = makeBase(2, 3);
    const view = renderHomeView(base);
    expect(viewViolations(view)).toEqual([]);
    const input = view.blocks.find((b) => b.block_id === HOME_SEARCH_BLOCK_ID);
    expect(input?.block_id).toBe(HOME_SEARCH_BLOCK_ID);
    expect(input).toMatchObject({
      type: "input",
      dispatch_action: true,
      element: {
        type: "plain_text_input",
        action_id: ActionId.homeSearch,
        dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
      },
    });
    const toc = listButtons(view.blocks as never).filter((b) =>
      actionIdPattern(ActionId.homeOpenSection).test(b.actionId),
    );
    expect(toc.map((b) => b.value)).toEqual(base.sections.map((s) => s.id));
  });

  it("paginates documents for a big knowledge base and stays within 100 blocks on every page", () => {
    const base = makeBase(2000, 40);
    const pages = Math.ceil(2000 / HOME_DOCUMENTS_PER_PAGE);
    for (const page of [0, 1, pages - 1, pages + 5, -3]) {
      const view = renderHomeView(base, { page });
      expect(viewViolations(view)).toEqual([]);
    }
    const first = listButtons(renderHomeView(base, { page: 0 }).blocks as never);
    const next = first.find((b) => actionIdPattern(ActionId.homePage).test(b.actionId));
    expect(next?.label).toMatch(/Next/);
    expect(decodePageValue(next?.value)).toBe(1);
    expect(first.some((b) => b.label.startsWith("← Previous"))).toBe(false);
    const more = first.find((b) => actionIdPattern(ActionId.homeMoreSections).test(b.actionId));
    expect(more?.label).toBe("All 40 sections…");
    expect(more?.value).toBe("docs/doc-0.md");
    const secondPage = renderViewAsText(renderHomeView(base, { page: 1 })).text;
    expect(secondPage).toContain(`Document ${HOME_DOCUMENTS_PER_PAGE}`);
    expect(secondPage).not.toContain("Document 0 ·");
    expect(secondPage).toContain("page 2 of 100");
    const perDoc = first.filter(
      (b) =>
        actionIdPattern(ActionId.homeOpenSection).test(b.actionId) &&
        b.value.startsWith("docs/doc-0.md"),
    );
    expect(perDoc).toHaveLength(HOME_SECTIONS_PER_DOCUMENT);
  });

  it("shows the answer above the table of contents, with a clear button", () => {
    const base = makeBase(2, 3);
    const target = base.sections[4];
    if (!target) throw new Error("fixture");
    const view = renderHomeView(base, {
      query: "heading 1.1",
      response: makeResponse("heading 1.1", [target], true),
    });
    expect(viewViolations(view)).toEqual([]);
    const text = renderViewAsText(view).text;
    expect(text).toContain("Results for “heading 1.1”");
    expect(text.indexOf("Results for")).toBeLessThan(text.indexOf("Table of contents"));
    const buttons = listButtons(view.blocks as never);
    expect(buttons.some((b) => b.actionId === ActionId.homeClearSearch)).toBe(true);
    // A fresh block_id while a query is shown, so clearing really empties the box.
    const searchIds = view.blocks
      .map((b) => b.block_id)
      .filter((id) => id?.startsWith(HOME_SEARCH_BLOCK_ID));
    expect(searchIds).toHaveLength(1);
    expect(searchIds[0]).not.toBe(HOME_SEARCH_BLOCK_ID);
    expect(buttons.some((b) => b.actionId === ActionId.shareInChannel)).toBe(false);
    expect(buttons.some((b) => b.actionId === ActionId.showFullSection)).toBe(true);
  });

  it("shows the honest no-answer for an unanswerable search", () => {
    const base = makeBase(1, 2);
    const view = renderHomeView(base, {
      query: "pizza",
      response: makeResponse("pizza", [], false),
    });
    expect(renderViewAsText(view).text).toContain("no good answer to “pizza”");
    expect(viewViolations(view)).toEqual([]);
  });
});

describe("renderSectionModal", () => {
  it("carries the whole section body across several blocks", () => {
    const blocks = Array.from({ length: 30 }, (_, i) => ({
      text: `Block ${i} ${"detail ".repeat(60)}`,
      mrkdwn: `Block ${i} ${"detail ".repeat(60)}`,
    }));
    const view = renderSectionModal(makeSection({ blocks }), { docsBaseUrl: "https://h.example" });
    expect(viewViolations(view)).toEqual([]);
    const text = renderViewAsText(view).text;
    for (let i = 0; i < 30; i++) expect(text).toContain(`Block ${i} `);
    expect(view.blocks.filter((b) => b.type === "section").length).toBeGreaterThan(4);
    expect(text).toContain(
      "Retrospectives (https://h.example/rituals/retrospectives#running-the-session)",
    );
    expect(view.title.text).toBe("Retrospectives");
    expect(view.private_metadata).toBe("rituals/retrospectives.md#running-the-session");
  });

  it("cuts an absurdly long section with a note, within 100 blocks", () => {
    const blocks = Array.from({ length: 400 }, (_, i) => ({
      text: "",
      mrkdwn: `${i} ${"x ".repeat(1400)}`,
    }));
    const view = renderSectionModal(makeSection({ blocks }));
    expect(viewViolations(view)).toEqual([]);
    expect(renderViewAsText(view).text).toContain("too long to show in full");
  });

  it("truncates a long document title to the modal's 24 characters", () => {
    const doc = makeDocument({ title: "The Complete Delivery Manager Handbook for Teams" });
    const view = renderSectionModal(makeSection({ document: doc }));
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith("…")).toBe(true);
  });
});

describe("renderDocumentModal", () => {
  it("lists every section of the document as a button", () => {
    const base = makeBase(3, 60);
    const view = renderDocumentModal(base, "docs/doc-1.md");
    expect(viewViolations(view)).toEqual([]);
    const values = listButtons(view.blocks as never).map((b) => b.value);
    expect(values).toEqual(
      base.sections.filter((s) => s.document.path === "docs/doc-1.md").map((s) => s.id),
    );
  });

  it("says so when the document is gone", () => {
    const view = renderDocumentModal(makeBase(1, 1), "nope.md");
    expect(renderViewAsText(view).text).toContain("no longer in the handbook");
    expect(viewViolations(view)).toEqual([]);
  });
});

describe("apology and thanks", () => {
  it("apologises briefly", () => {
    const msg = renderApology();
    expect(msg.text).toMatch(/went wrong on my side.*try again/i);
    expect(messageViolations(msg)).toEqual([]);
  });

  it("thanks differently for helpful and not helpful, by who owns the document", () => {
    const reply = (helpful: boolean, owner?: string, ownerNotified = false) =>
      JSON.stringify(
        renderFeedbackReply({
          helpful,
          ownerNotified,
          documentTitle: "Risks",
          ...(owner ? { owner } : {}),
        }),
      );
    expect(reply(true)).toContain("glad it helped");
    expect(reply(false)).not.toContain("glad it helped");
    expect(reply(false)).toContain("no owner listed");
    expect(reply(false, "U0OWNER", true)).toContain("I have told <@U0OWNER>");
    expect(reply(false, "Ana Lopez")).toContain("looked after by Ana Lopez");
    for (const helpful of [true, false]) {
      expect(messageViolations(renderFeedbackReply({ helpful, ownerNotified: false }))).toEqual([]);
    }
  });
});

describe("the slash command's name in every hint", () => {
  const command = "/handbook";
  const base = makeBase(3, 60);
  const unanswered = makeResponse("weather in london", [], "none");
  const surfaces: [string, unknown][] = [
    ["help", renderHelp({ command })],
    ["topics", renderTopics(base, { command })],
    ["no answer", renderNoAnswer("weather in london", [], { command })],
    ["no answer, empty question", renderNoAnswer("", [], { command })],
    ["Home", renderHomeView(base, { command })],
    [
      "Home with no answer",
      renderHomeView(base, { command, query: "weather", response: unanswered }),
    ],
    // Only a document with more sections than a modal holds points to the command.
    ["document modal", renderDocumentModal(makeBase(1, 2500), "docs/doc-0.md", { command })],
  ];

  it.each(surfaces)("%s names the installed command, never /dm", (_surface, rendered) => {
    const text = JSON.stringify(rendered);
    expect(text).toContain("`/handbook");
    expect(text).not.toContain("/dm");
  });

  it("escapes the name like any other text", () => {
    expect(JSON.stringify(renderHelp({ command: "/a<b" }))).toContain("/a&lt;b");
  });
});
