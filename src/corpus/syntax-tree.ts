/**
 * Syntax-tree passes run between parsing and rendering.
 *
 * - Text and leaf directives (`:name[label]`, `::name`) are put back as the text they were:
 *   only container directives (admonitions) mean something in a handbook, while `10:30` or
 *   `note:this` would otherwise lose characters.
 * - Obsidian wiki links (`[[Page]]`, `[[Page#Part|label]]`) become links marked as wiki links,
 *   so they render like any link between pages once the handbook resolves them.
 *
 * Wiki links are a text pass rather than a micromark extension: the wiki-link packages on npm
 * target micromark 2 (remark-wiki-link 2, micromark-extension-wiki-link 0.0.4) or build site
 * URLs we have no use for, while a link here only needs its label and its page.
 */
import type { Link, Parent, PhrasingContent, Root, Text } from "mdast";
import { visit } from "unist-util-visit";

/** A wiki link (`[[Page#Part|label]]`) as replaceWikiLinks leaves it: a link node marked so. */
export interface WikiLinkData {
  wikiPage: string;
  wikiAnchor?: string;
}

export function restoreLiteralDirectives(tree: Root, source: string): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== "textDirective" && node.type !== "leafDirective") return;
    if (!parent || index === undefined) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const value = start !== undefined && end !== undefined ? source.slice(start, end) : "";
    const text: Text = { type: "text", value };
    if (node.type === "leafDirective") {
      parent.children.splice(index, 1, { type: "paragraph", children: [text] } as never);
    } else {
      parent.children.splice(index, 1, text as never);
    }
  });
}

const WIKI_LINK = /\[\[([^[\]|\n]+?)(?:\|([^[\]\n]*))?\]\]/g;

/**
 * `[[Page#Part|label]]` → a link labelled `label` (else `Page`, with ` › Part` when given),
 * marked as a wiki link: which page it names is only known once the whole handbook is
 * (references.ts), and a page it does not have leaves the words. `[[#Part]]` is a link to a
 * heading of this page.
 */
export function replaceWikiLinks(tree: Root): void {
  visit(tree, "text", (node, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || !node.value.includes("[[")) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(WIKI_LINK)) {
      const [whole, rawTarget = "", label] = match;
      // `[[toc]]` is a table-of-contents marker, removed when the text is rendered.
      if (/^_?toc_?$/i.test(rawTarget.trim())) continue;
      if (match.index > last)
        parts.push({ type: "text", value: node.value.slice(last, match.index) });
      const [page = "", anchor] = rawTarget.split("#", 2).map((part) => part.trim());
      const words = label?.trim() || (anchor ? (page ? `${page} › ${anchor}` : anchor) : page);
      if (page || anchor) {
        const slug = anchor ? slugify(anchor) : undefined;
        const link: Link = {
          type: "link",
          url: page ? "" : `#${slug}`,
          children: [{ type: "text", value: words }],
        };
        if (page) {
          const data: WikiLinkData = { wikiPage: page };
          if (slug) data.wikiAnchor = slug;
          link.data = data as Link["data"];
        }
        if (node.position) link.position = node.position;
        parts.push(link);
      } else {
        parts.push({ type: "text", value: words });
      }
      last = match.index + whole.length;
    }
    if (parts.length === 0) return;
    if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
    parent.children.splice(index, 1, ...(parts as never[]));
    return index + parts.length;
  });
}

/** Obsidian heading anchors as GitHub-style slugs, which is how sections are addressed here. */
function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
