import { documentFreshness, formatInterval } from "../../corpus/freshness.js";
import { documentUrl, withAnchor } from "../../corpus/site-url.js";
import type { Document, Section } from "../../corpus/types.js";
import { oneLine } from "./blocks.js";
import { escapeText } from "./escape.js";

export { documentUrl };

/**
 * Where a section can be read in full: the document's `url` frontmatter, otherwise
 * DOCS_BASE_URL joined with the document's site path (`slug`/`id`) or its file path minus `.md`/`.mdx`; plus the heading anchor
 * (github-slugger, the same anchors GitHub and Docusaurus generate). Undefined when neither
 * is set or the URL is not http(s).
 */
export function sectionUrl(section: Section, docsBaseUrl?: string): string | undefined {
  const base = documentUrl(section.document, docsBaseUrl);
  if (!base) return undefined;
  const hash = section.id.indexOf("#");
  const anchor = section.anchor ?? (hash === -1 ? "" : section.id.slice(hash + 1));
  return anchor === "" ? base : withAnchor(base, anchor);
}

/** A Slack `<url|label>` link with both parts escaped so neither can break out of the token. */
export function slackLink(url: string, label: string): string {
  const safeUrl = url
    .trim()
    .replace(/&/g, "&amp;")
    .replace(/</g, "%3C")
    .replace(/>/g, "%3E")
    .replace(/\|/g, "%7C")
    .replace(/ /g, "%20");
  const safeLabel = escapeText(label).replace(/\|/g, "¦");
  return `<${safeUrl}|${safeLabel}>`;
}

/** A Slack mention for an owner id (`U…`/`W…` user, `C…`/`G…` channel), else the escaped text. */
export function ownerMention(owner: string): string {
  const id = owner.trim();
  if (/^[UW][A-Z0-9]{2,}$/.test(id)) return `<@${id}>`;
  if (/^[CG][A-Z0-9]{2,}$/.test(id)) return `<#${id}>`;
  return escapeText(id);
}

/**
 * "Source: <link|Title> · Owner: <@U…> · Reviewed 5 months ago", mrkdwn. Without `now` the date
 * itself is shown ("Updated 2024-05-01").
 */
export function sourceLine(
  section: Section,
  docsBaseUrl?: string,
  now?: Date,
  ownerOf: (document: Document) => string | undefined = (document) => document.owner,
): string {
  const { document } = section;
  const owner = ownerOf(document);
  const url = sectionUrl(section, docsBaseUrl);
  const parts = [
    `Source: ${url ? slackLink(url, document.title) : `_${escapeText(document.title)}_ (${escapeText(document.path)})`}`,
  ];
  if (owner) parts.push(`Owner: ${ownerMention(owner)}`);
  const freshness = now ? documentFreshness(document, now) : undefined;
  if (freshness) {
    parts.push(`${freshness.kind === "reviewed" ? "Reviewed" : "Updated"} ${freshness.age}`);
  } else if (document.updated) {
    parts.push(`Updated ${escapeText(document.updated)}`);
  }
  return parts.join(" · ");
}

/**
 * The warning under an answer from a page past its review date (`review_in` after its last
 * review), or undefined when it is not overdue or the date is not known.
 */
export function reviewDueNote(section: Section, now?: Date): string | undefined {
  const freshness = now ? documentFreshness(section.document, now) : undefined;
  if (!freshness?.overdue || !freshness.reviewDue || !freshness.reviewIn) return undefined;
  const when = freshness.kind === "reviewed" ? "last reviewed" : "last updated";
  return `:warning: Review due: this page is reviewed every ${formatInterval(freshness.reviewIn)} and was ${when} on ${freshness.date}, so it may be out of date (due ${freshness.reviewDue}).`;
}

/** What an answer from a Slack draft is labelled with (SERVE_DRAFTS). */
export const SLACK_DRAFT_LABEL =
  ":memo: Unreviewed answer from Slack: captured from a thread, not yet reviewed for the handbook.";
/** What an answer from any other page marked `draft: true` is labelled with (SERVE_DRAFTS). */
export const PAGE_DRAFT_LABEL = ":memo: Draft page: not yet reviewed.";

/** The label of an answer from a draft, or undefined for a reviewed page. */
export function draftLabel(section: Section): string | undefined {
  const { draft } = section.document;
  if (draft === undefined) return undefined;
  return draft === "slack" ? SLACK_DRAFT_LABEL : PAGE_DRAFT_LABEL;
}

/** The breadcrumb as a reader sees it: "Rituals › Retrospective". */
export function breadcrumbText(section: Section): string {
  return section.breadcrumb.join(" › ");
}

/** The bold document title with the breadcrumb on the line below: what an answer is headed by. */
export function titleAndBreadcrumb(section: Section): string {
  const crumb = breadcrumbText(section);
  const title = escapeText(oneLine(section.document.title));
  return `*${title}*${crumb ? `\n${escapeText(crumb)}` : ""}`;
}
