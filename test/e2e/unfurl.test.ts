/**
 * Link unfurls end to end, in both modes: a handbook link posted in a channel unfurls with its
 * section through chat.unfurl, and a message with only other links makes no call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalBot, loadStaticKnowledge, startLocalBot } from "../../src/dev/local-bot.js";
import {
  type JsonObject,
  type LocalSlack,
  startLocalSlack,
} from "../../src/dev/local-slack/index.js";
import type { KnowledgeSource } from "../../src/knowledge/types.js";
import { sectionUrl } from "../../src/slack/views/source.js";

const DOCS = "https://handbook.example.org";

let knowledge: KnowledgeSource;

beforeAll(async () => {
  knowledge = await loadStaticKnowledge();
});

describe.each(["socket", "http"] as const)("link unfurls in %s mode", (mode) => {
  let slack: LocalSlack;
  let local: LocalBot;

  beforeAll(async () => {
    slack = await startLocalSlack();
    local = await startLocalBot({ slack, mode, knowledge, docsBaseUrl: DOCS });
    slack.reset();
  });

  afterAll(async () => {
    await local?.stop();
    await slack?.close();
  });

  afterEach(() => slack.reset());

  it("unfurls a handbook section's link with its title and excerpt, and only that link", async () => {
    const section = knowledge.current().base.sections.find((s) => s.id.includes("#"));
    if (section === undefined) throw new Error("no section with a heading");
    const url = sectionUrl(section, DOCS) as string;
    const delivery = await slack.sendLinkShared({ urls: [url, "https://example.com/other"] });
    const call = await slack.waitFor({ method: "chat.unfurl" });
    expect(call.response.ok).toBe(true);
    expect(call.args).toMatchObject({
      channel: (delivery.payload.event as JsonObject).channel,
      ts: (delivery.payload.event as JsonObject).message_ts,
    });
    const unfurls = call.args.unfurls as Record<string, { blocks: { text?: { text: string } }[] }>;
    expect(Object.keys(unfurls)).toEqual([url]);
    expect(unfurls[url]?.blocks[0]?.text?.text).toContain(section.heading);
  });

  it("leaves a message with no handbook link alone", async () => {
    await slack.sendLinkShared({ urls: ["https://example.com/a", `${DOCS}/no-such-page`] });
    // Then a link that does unfurl: once its call is made, the first event was handled.
    const first = knowledge.current().base.sections[0];
    if (first === undefined) throw new Error("no section");
    await slack.sendLinkShared({ urls: [sectionUrl(first, DOCS) as string] });
    await slack.waitFor({ method: "chat.unfurl" });
    expect(slack.find({ method: "chat.unfurl" })).toHaveLength(1);
  });
});
