import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { callSlack } from "../../send/slack-call.js";
import { findLinkedSection, renderUnfurl } from "../../views/unfurl.js";
import { fieldProblem } from "../event-fields.js";
import type { EventArgs } from "../types.js";

/** Most links one message unfurls: Slack itself unfurls at most a few per message. */
export const MAX_UNFURLS = 5;

/**
 * A handbook link posted in a channel (a domain in the manifest's `unfurl_domains`) unfurls
 * with the section's title, breadcrumb, a short excerpt and its age. Only links the bot would
 * give itself (DOCS_BASE_URL pages and anchors, or a page's own `url`) are unfurled; any other
 * URL is left alone, and a message with none makes no call.
 */
export function createLinkSharedListener(deps: ListenerDeps) {
  return async ({ event, client, context }: EventArgs<"link_shared">): Promise<void> => {
    const problem = fieldProblem(event, ["channel"], ["message_ts", "unfurl_id", "source"]);
    if (problem !== undefined || !Array.isArray(event.links)) {
      deps.logger.warn(
        { event: "event_ignored", reason: problem ?? "links is not a list" },
        "a malformed link_shared event",
      );
      return;
    }
    const ctx = await replyContext(deps, teamOf(context));
    const { base } = deps.knowledge.current();
    const unfurls: Record<string, ReturnType<typeof renderUnfurl>> = {};
    for (const link of event.links.slice(0, MAX_UNFURLS)) {
      const url = (link as { url?: unknown }).url;
      if (typeof url !== "string") continue;
      const section = findLinkedSection(base, url, deps.docsBaseUrl);
      if (section !== undefined) unfurls[url] = renderUnfurl(section, ctx);
    }
    const count = Object.keys(unfurls).length;
    if (count === 0) return;
    deps.logger.info({ event: "unfurl", links: count }, "unfurled handbook links");
    // A link typed in the message composer is previewed by its unfurl id; a posted one by ts.
    const where =
      event.source === "composer" && event.unfurl_id !== undefined
        ? { unfurl_id: event.unfurl_id, source: event.source }
        : { channel: event.channel, ts: event.message_ts };
    await callSlack(deps.logger, "chat.unfurl", () =>
      client.chat.unfurl({ ...where, unfurls } as Parameters<typeof client.chat.unfurl>[0]),
    );
  };
}
