import { describe, expect, it } from "vitest";
import { createLinkSharedListener } from "../../../../src/slack/listeners/events/link-shared.js";
import { sectionUrl } from "../../../../src/slack/views/source.js";
import { renderUnfurl } from "../../../../src/slack/views/unfurl.js";
import { eventArgs, makeDeps, onlyCall, platformError } from "../fakes.js";

const DOCS = "https://handbook.example.org";

function linkArgs(urls: unknown[], extra: Record<string, unknown> = {}) {
  return eventArgs<"link_shared">({
    type: "link_shared",
    channel: "C0GENERAL",
    user: "U0ASKER01",
    message_ts: "1700000000.000100",
    source: "conversations_history",
    unfurl_id: "C-1700000000.000100",
    links: urls.map((url) => ({ url, domain: "handbook.example.org" })),
    event_ts: "1700000000.2",
    ...extra,
  });
}

describe("link_shared", () => {
  it("unfurls a handbook section's link with that section, and leaves other URLs alone", async () => {
    const now = Date.parse("2026-11-29T12:00:00Z");
    const { deps, knowledge, log } = makeDeps({ docsBaseUrl: DOCS, now: () => now });
    const section = knowledge.base.sections.find((s) => s.id.includes("#"));
    if (section === undefined) throw new Error("no section with a heading");
    const url = sectionUrl(section, DOCS) as string;
    const { args, client } = linkArgs([url, "https://example.com/elsewhere"]);
    await createLinkSharedListener(deps)(args);
    const call = onlyCall(client.chat.unfurl) as Record<string, unknown>;
    expect(call).toMatchObject({ channel: "C0GENERAL", ts: "1700000000.000100" });
    expect(call.unfurls).toEqual({
      [url]: renderUnfurl(section, { docsBaseUrl: DOCS, now: new Date(now) }),
    });
    expect(log.events("unfurl")).toEqual([expect.objectContaining({ links: 1 })]);
  });

  it("previews a link typed in the composer by its unfurl id", async () => {
    const { deps, knowledge } = makeDeps({ docsBaseUrl: DOCS });
    const section = knowledge.base.sections[0];
    if (section === undefined) throw new Error("no section");
    const { args, client } = linkArgs([sectionUrl(section, DOCS)], {
      channel: "COMPOSER",
      source: "composer",
      unfurl_id: "U-123",
    });
    await createLinkSharedListener(deps)(args);
    expect(onlyCall(client.chat.unfurl)).toMatchObject({ unfurl_id: "U-123", source: "composer" });
  });

  it("makes no call for links that are not the handbook's, or without DOCS_BASE_URL", async () => {
    const { deps, knowledge } = makeDeps({ docsBaseUrl: DOCS });
    const { args, client } = linkArgs(["https://example.com/a", "not a url", 42]);
    await createLinkSharedListener(deps)(args);
    expect(client.chat.unfurl).not.toHaveBeenCalled();

    const bare = makeDeps();
    const section = knowledge.base.sections[0];
    const other = linkArgs([section ? sectionUrl(section, DOCS) : DOCS]);
    await createLinkSharedListener(bare.deps)(other.args);
    expect(other.client.chat.unfurl).not.toHaveBeenCalled();
  });

  it("ignores, with a warning, an event without a channel or a list of links", async () => {
    const { deps, log } = makeDeps({ docsBaseUrl: DOCS });
    const noChannel = linkArgs([DOCS], { channel: undefined });
    await createLinkSharedListener(deps)(noChannel.args);
    const noLinks = linkArgs([], { links: "x" });
    await createLinkSharedListener(deps)(noLinks.args);
    expect(noChannel.client.chat.unfurl).not.toHaveBeenCalled();
    expect(noLinks.client.chat.unfurl).not.toHaveBeenCalled();
    expect(log.events("event_ignored").map((line) => line.reason)).toEqual([
      "no channel",
      "links is not a list",
    ]);
  });

  it("logs a rejected chat.unfurl with its code and does not throw", async () => {
    const { deps, knowledge, log } = makeDeps({ docsBaseUrl: DOCS });
    const section = knowledge.base.sections[0];
    if (section === undefined) throw new Error("no section");
    const { args, client } = linkArgs([sectionUrl(section, DOCS)]);
    client.chat.unfurl.mockRejectedValue(platformError("cannot_unfurl_url"));
    await expect(createLinkSharedListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")).toEqual([
      expect.objectContaining({ method: "chat.unfurl", code: "cannot_unfurl_url" }),
    ]);
  });
});
