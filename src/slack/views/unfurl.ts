import type { KnowledgeBase, Section } from "../../corpus/types.js";
import { mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { createExcerpt } from "./excerpt.js";
import { truncate } from "./limits.js";
import {
  documentUrl,
  reviewDueNote,
  sectionUrl,
  sourceLine,
  titleAndBreadcrumb,
} from "./source.js";
import type { KnownBlock } from "./types.js";

/** The excerpt an unfurl shows: a preview, not the answer (longer text is cut at a word). */
export const UNFURL_EXCERPT_CHARS = 300;

/** A URL compared as Slack and browsers treat it: no trailing slash, no `.html`, decoded. */
function comparable(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const pathname = decodeURIComponent(parsed.pathname)
    .replace(/\/+$/, "")
    .replace(/\.html$/i, "");
  const anchor = parsed.hash ? `#${decodeURIComponent(parsed.hash.slice(1))}` : "";
  return `${parsed.host.toLowerCase()}${pathname}${anchor}`;
}

/**
 * The section a handbook link points at, when it is a link the bot itself would give: a
 * section's URL (page and anchor), or a page's URL (its first section). Undefined for any other
 * URL, which is left alone.
 */
export function findLinkedSection(
  base: Pick<KnowledgeBase, "sections">,
  url: string,
  docsBaseUrl: string | undefined,
): Section | undefined {
  const wanted = comparable(url);
  if (wanted === undefined) return undefined;
  let page: Section | undefined;
  for (const section of base.sections) {
    const own = sectionUrl(section, docsBaseUrl);
    if (own !== undefined && comparable(own) === wanted) return section;
    if (page === undefined) {
      const pageUrl = documentUrl(section.document, docsBaseUrl);
      if (pageUrl !== undefined && comparable(pageUrl) === wanted) page = section;
    }
  }
  return page;
}

/**
 * What a shared handbook link unfurls to: the title and breadcrumb, a short excerpt, and the
 * source line with the page's age (and a review-due warning when it is overdue).
 */
export function renderUnfurl(
  section: Section,
  ctx: { docsBaseUrl?: string; now?: Date } = {},
): { blocks: KnownBlock[] } {
  const excerpt = truncate(createExcerpt(section, []), UNFURL_EXCERPT_CHARS);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`${titleAndBreadcrumb(section)}\n${excerpt}`),
    mrkdwnContext(sourceLine(section, ctx.docsBaseUrl, ctx.now)),
  ];
  const due = reviewDueNote(section, ctx.now);
  if (due !== undefined) blocks.push(mrkdwnContext(due));
  return { blocks };
}
