/**
 * Where a handbook page is published: what the bot links a section's source to, and what a link
 * between pages becomes in an answer. Pure: the docs base URL is passed in.
 */
import type { Document } from "./types.js";

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url.trim());
}

/**
 * A document's page: its `url` frontmatter, otherwise the docs base URL joined with its site
 * path (`slug`/`id`) or its file path minus `.md`/`.mdx`. Undefined when neither is set or the
 * URL is not http(s).
 */
export function documentUrl(
  document: Pick<Document, "path" | "url" | "sitePath">,
  docsBaseUrl?: string,
): string | undefined {
  if (document.url) return isHttpUrl(document.url) ? document.url : undefined;
  if (!docsBaseUrl || !isHttpUrl(docsBaseUrl)) return undefined;
  // A page its frontmatter moves (`slug`, `id`) is published there.
  const path = (document.sitePath ?? document.path)
    .replace(/\\/g, "/")
    .replace(/^\/+/, "")
    // Middleman publishes `page.html.md.erb` as `page.html`.
    .replace(/\.html\.md\.erb$/i, ".html")
    .replace(/\.mdx?(?:\.erb)?$/i, "")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return `${docsBaseUrl.replace(/\/+$/, "")}/${path}`;
}

/** A page's URL with a heading anchor, unless the page's own URL already names one. */
export function withAnchor(url: string, anchor: string | undefined): string {
  if (!anchor || url.includes("#")) return url;
  return `${url}#${anchor}`;
}
