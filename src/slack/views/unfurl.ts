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
import type { KnownBlock, ReplyContext } from "./types.js";

/** The excerpt an unfurl shows: a preview, not the answer (longer text is cut at a word). */
export const UNFURL_EXCERPT_CHARS = 300;

/** `decodeURIComponent`, or the text as it is when its escapes are malformed ("%E0%A4%A"). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL compared as Slack and browsers treat it: no trailing slash, no `.html`, decoded. */
function comparable(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const pathname = decoded(parsed.pathname)
    .replace(/\/+$/, "")
    .replace(/\.html$/i, "");
  const anchor = parsed.hash ? `#${decoded(parsed.hash.slice(1))}` : "";
  return `${parsed.host.toLowerCase()}${pathname}${anchor}`;
}

/** Comparable URL → section, per knowledge base and DOCS_BASE_URL: built once, not per link. */
const linkTables = new WeakMap<
  readonly Section[],
  { docsBaseUrl: string | undefined; table: Map<string, Section> }
>();

function linkTable(
  sections: readonly Section[],
  docsBaseUrl: string | undefined,
): Map<string, Section> {
  const known = linkTables.get(sections);
  if (known !== undefined && known.docsBaseUrl === docsBaseUrl) return known.table;
  const table = new Map<string, Section>();
  // A page's own URL stands for its first section; a section's URL (with its anchor) for itself.
  for (const section of sections) {
    const page = documentUrl(section.document, docsBaseUrl);
    const pageKey = page === undefined ? undefined : comparable(page);
    if (pageKey !== undefined && !table.has(pageKey)) table.set(pageKey, section);
  }
  // A bold line's section shares its real heading's anchor (types.ts `anchor`): that URL stands
  // for the real heading's section, or for the first section under it when it has none.
  for (const section of sections) {
    const own = sectionUrl(section, docsBaseUrl);
    const key = own === undefined ? undefined : comparable(own);
    const sharesAnchor = section.anchor !== undefined;
    if (key !== undefined && (!table.has(key) || (own?.includes("#") && !sharesAnchor))) {
      table.set(key, section);
    }
  }
  linkTables.set(sections, { docsBaseUrl, table });
  return table;
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
  return wanted === undefined ? undefined : linkTable(base.sections, docsBaseUrl).get(wanted);
}

/**
 * What a shared handbook link unfurls to: the title and breadcrumb, a short excerpt, and the
 * source line with the page's age (and a review-due warning when it is overdue).
 */
export function renderUnfurl(
  section: Section,
  ctx: Pick<ReplyContext, "docsBaseUrl" | "now" | "ownerOf"> = {},
): { blocks: KnownBlock[] } {
  const excerpt = truncate(createExcerpt(section, []), UNFURL_EXCERPT_CHARS);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`${titleAndBreadcrumb(section)}\n${excerpt}`),
    mrkdwnContext(sourceLine(section, ctx.docsBaseUrl, ctx.now, ctx.ownerOf)),
  ];
  const due = reviewDueNote(section, ctx.now);
  if (due !== undefined) blocks.push(mrkdwnContext(due));
  return { blocks };
}
