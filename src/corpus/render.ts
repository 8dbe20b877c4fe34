/**
 * mdast → content blocks, each in plain text (for search) and Slack mrkdwn (for answers).
 * Nothing of the markdown syntax survives: links become `<url|text>` or just their text,
 * images their alt text, tables `*Header*: value` lines, footnotes `[1]`.
 */
import type {
  Blockquote,
  List,
  Nodes,
  Paragraph,
  PhrasingContent,
  RootContent,
  Table,
} from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx";
import { toString as mdastToString } from "mdast-util-to-string";
import {
  decodeEntities,
  LITERAL_LINK,
  renderHtmlBlock,
  stripLiteralMarkup,
  tokenizeHtml,
} from "./html.js";
import { withoutLinkMarkers } from "./markers.js";
import {
  codeBlock,
  escapeCode,
  escapeProse,
  isAbsoluteUrl,
  mrkdwnLink,
  wrapMarker,
} from "./mrkdwn.js";
import type { WikiLinkData } from "./syntax-tree.js";
import type { ContentBlock } from "./types.js";

/** Where a node starts in the parsed text (unist Point). */
export interface Point {
  line: number;
  offset?: number | undefined;
}

export interface RenderContext {
  /** Link reference definitions of the document: identifier → url. */
  readonly definitions: ReadonlyMap<string, string>;
  /** The display number of a footnote, recording that the current section refers to it. */
  footnote(identifier: string): number;
  /** Called for every link destination, for the link checker. */
  link(url: string, at: Point | undefined): void;
  /**
   * A link to another page of the handbook (a relative link, or a wiki link when `wiki`), which
   * only the whole handbook can resolve: the mrkdwn that stands for it until then
   * (references.ts). Without it such a link keeps its words.
   */
  pageLink?(
    target: string,
    anchor: string | undefined,
    wiki: boolean,
    label: Rendered,
    at: Point | undefined,
  ): Rendered;
}

export interface Rendered {
  text: string;
  mrkdwn: string;
}

const EMPTY: Rendered = { text: "", mrkdwn: "" };

export function isAbsoluteLink(url: string): boolean {
  return isAbsoluteUrl(url) || url.startsWith("//");
}

// ---------------------------------------------------------------------------------------------
// Inline HTML: remark gives `<a href="…">`, the text, and `</a>` as separate nodes. Folding
// them back into mdast nodes lets links and emphasis written in HTML render like markdown.

interface Frame {
  name: string;
  attributes: Record<string, string>;
  children: PhrasingContent[];
}

const HIDDEN_INLINE = new Set(["script", "style", "template", "svg", "noscript"]);

function closeFrame(frame: Frame): PhrasingContent[] {
  const children = frame.children;
  switch (frame.name) {
    case "strong":
    case "b":
      return [{ type: "strong", children }];
    case "em":
    case "i":
      return [{ type: "emphasis", children }];
    case "del":
    case "s":
    case "strike":
      return [{ type: "delete", children }];
    case "code":
    case "kbd":
    case "samp":
      return [{ type: "inlineCode", value: mdastToString(children) }];
    case "a": {
      const href = decodeEntities(frame.attributes.href ?? "");
      return [{ type: "link", url: href, children }];
    }
    default:
      return HIDDEN_INLINE.has(frame.name) ? [] : children;
  }
}

function foldInlineHtml(nodes: readonly PhrasingContent[]): readonly PhrasingContent[] {
  if (!nodes.some((node) => node.type === "html")) return nodes;
  const root: Frame = { name: "#root", attributes: {}, children: [] };
  const stack: Frame[] = [root];
  const top = (): Frame => stack[stack.length - 1] ?? root;
  for (const node of nodes) {
    if (node.type !== "html") {
      top().children.push(node);
      continue;
    }
    for (const token of tokenizeHtml(node.value)) {
      if (token.kind === "text") {
        top().children.push({ type: "text", value: token.value });
      } else if (token.kind === "open") {
        if (token.name === "br") top().children.push({ type: "break" });
        else if (token.name === "img") {
          const alt = decodeEntities(token.attributes.alt ?? "");
          if (alt) top().children.push({ type: "text", value: alt });
        } else if (!token.selfClosing) {
          stack.push({ name: token.name, attributes: token.attributes, children: [] });
        }
      } else {
        const index = stack.findLastIndex((frame) => frame.name === token.name);
        if (index <= 0) continue;
        while (stack.length > index) {
          const frame = stack.pop();
          if (frame) top().children.push(...closeFrame(frame));
        }
      }
    }
  }
  // Unclosed tags: keep their content, drop the markup. Each open frame sits at the end of the
  // one below it, so flattening is concatenation in stack order (and stays linear).
  const flattened = root.children;
  for (const frame of stack.slice(1)) {
    if (HIDDEN_INLINE.has(frame.name)) break;
    for (const child of frame.children) flattened.push(child);
  }
  return flattened;
}

// ---------------------------------------------------------------------------------------------
// Inline content

/**
 * Plain text of code, for search: the words without markup. Slack shows the code itself from
 * the mrkdwn; the text would only feed HTML tags and link syntax to the index.
 */
function codeText(code: string): string {
  return tokenizeHtml(code)
    .map((token) => (token.kind === "text" ? token.value : ""))
    .join("")
    .replace(LITERAL_LINK, "$1")
    .replace(/\[\[_?toc_?\]\]/gi, "");
}

function cleanText(value: string): string {
  return stripLiteralMarkup(value.replace(/\s*\n\s*/g, " ").replace(/[ \t]{2,}/g, " "));
}

function renderLink(url: string, label: Rendered, context: RenderContext, at?: Point): Rendered {
  context.link(url, at);
  if (isAbsoluteLink(url)) {
    const absolute = url.startsWith("//") ? `https:${url}` : url;
    const text = label.text.trim() ? label.text : absolute.replace(/^mailto:/i, "");
    // Slack links cannot nest: a link inside the label keeps only its words.
    const flatLabel = withoutLinkMarkers(label.mrkdwn)
      .replace(/<(?:https?:\/\/|mailto:|tel:)[^|>]*\|([^>]*)>/g, "$1")
      .replace(/<((?:https?:\/\/|mailto:|tel:)[^>]*)>/g, "$1")
      .trim();
    return { text, mrkdwn: mrkdwnLink(absolute, flatLabel) };
  }
  // A relative link may name another page (or a heading of this one): the handbook decides,
  // once every page is known. Anything else (a scheme we do not link, an empty label) keeps
  // its words.
  if (!context.pageLink || !label.text.trim() || /^[a-z][a-z0-9+.-]*:/i.test(url)) return label;
  const hash = url.indexOf("#");
  const target = hash === -1 ? url : url.slice(0, hash);
  const anchor = hash === -1 ? undefined : url.slice(hash + 1) || undefined;
  if (!target && !anchor) return label;
  return context.pageLink(target.trim(), anchor, false, label, at);
}

/** A wiki link: no destination of its own to check, only a page the handbook may have. */
function renderWikiLink(
  data: WikiLinkData,
  label: Rendered,
  context: RenderContext,
  at?: Point,
): Rendered {
  if (!context.pageLink || !label.text.trim()) return label;
  return context.pageLink(data.wikiPage, data.wikiAnchor, true, label, at);
}

export function renderPhrasing(
  nodes: readonly PhrasingContent[],
  context: RenderContext,
): Rendered {
  let text = "";
  let mrkdwn = "";
  for (const node of foldInlineHtml(nodes)) {
    const rendered = renderInline(node, context);
    text += rendered.text;
    mrkdwn += rendered.mrkdwn;
  }
  return { text, mrkdwn };
}

function renderInline(node: PhrasingContent, context: RenderContext): Rendered {
  switch (node.type) {
    case "text": {
      const value = cleanText(node.value);
      return { text: value, mrkdwn: escapeProse(value) };
    }
    case "strong": {
      const inner = renderPhrasing(node.children, context);
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn, "*") };
    }
    case "emphasis": {
      const inner = renderPhrasing(node.children, context);
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn, "_") };
    }
    case "delete": {
      const inner = renderPhrasing(node.children, context);
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn, "~") };
    }
    case "inlineCode": {
      const value = node.value.replace(/\s*\n\s*/g, " ");
      if (!value.trim()) return EMPTY;
      return { text: codeText(value), mrkdwn: `\`${escapeCode(value)}\`` };
    }
    case "break":
      return { text: "\n", mrkdwn: "\n" };
    case "link": {
      const wiki = node.data as WikiLinkData | undefined;
      if (wiki?.wikiPage) {
        return renderWikiLink(
          wiki,
          renderPhrasing(node.children, context),
          context,
          node.position?.start,
        );
      }
      return renderLink(
        node.url,
        renderPhrasing(node.children, context),
        context,
        node.position?.start,
      );
    }
    case "linkReference": {
      const label = renderPhrasing(node.children, context);
      const url = context.definitions.get(node.identifier);
      return url === undefined ? label : renderLink(url, label, context, node.position?.start);
    }
    case "image":
    case "imageReference": {
      const alt = cleanText(node.alt ?? "").trim();
      return { text: alt, mrkdwn: escapeProse(alt) };
    }
    case "footnoteReference": {
      const marker = `[${context.footnote(node.identifier)}]`;
      return { text: marker, mrkdwn: marker };
    }
    case "mdxJsxTextElement":
      return renderInlineComponent(node, context);
    case "html": {
      // Only reached for HTML that foldInlineHtml kept as text (placeholders like `<name>`).
      const value = decodeEntities(node.value);
      return { text: value, mrkdwn: escapeProse(value) };
    }
    default:
      return EMPTY;
  }
}

// ---------------------------------------------------------------------------------------------
// MDX components

function jsxAttribute(node: MdxJsxFlowElement | MdxJsxTextElement, name: string) {
  for (const attribute of node.attributes) {
    if (attribute.type === "mdxJsxAttribute" && attribute.name === name) {
      return typeof attribute.value === "string" ? attribute.value.trim() : undefined;
    }
  }
  return undefined;
}

/** Attributes that hold a component's words when it has no children (`<Owner name="…" />`). */
const TEXT_ATTRIBUTES = ["label", "title", "name", "text", "alt", "value"];

/** `SupportTeam` → "Support team": what a self-closing component stands for in a sentence. */
function componentWords(name: string): string {
  const last = name.split(".").pop() ?? name;
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An inline component renders its children; HTML-named ones (`<a>`, `<strong>`) as markdown
 * would. One with no children stands in a sentence for something ("Maintained by
 * <Owner />."): it reads as its text attribute, else its name in words ("Maintained by
 * Owner."), so the sentence keeps its shape.
 */
function renderInlineComponent(node: MdxJsxTextElement, context: RenderContext): Rendered {
  const name = node.name ?? "";
  const children = node.children;
  switch (name) {
    case "a":
      return renderLink(
        jsxAttribute(node, "href") ?? "",
        renderPhrasing(children, context),
        context,
        node.position?.start,
      );
    case "strong":
    case "b":
      return renderInline({ type: "strong", children }, context);
    case "em":
    case "i":
      return renderInline({ type: "emphasis", children }, context);
    case "code":
    case "kbd":
      return renderInline({ type: "inlineCode", value: mdastToString(children) }, context);
    case "br":
      return { text: "\n", mrkdwn: "\n" };
    case "img": {
      const alt = jsxAttribute(node, "alt") ?? "";
      return { text: alt, mrkdwn: escapeProse(alt) };
    }
    default:
      break;
  }
  if (HIDDEN_INLINE.has(name)) return EMPTY;
  if (children.length > 0) return renderPhrasing(children, context);
  if (!/^[A-Z]/.test(name)) return EMPTY;
  const words =
    TEXT_ATTRIBUTES.map((key) => jsxAttribute(node, key)).find(Boolean) ?? componentWords(name);
  return { text: words, mrkdwn: escapeProse(words) };
}

/** A `<details>` element's children without its `<summary>`. */
function withoutSummary(node: MdxJsxFlowElement): RootContent[] {
  const rest: RootContent[] = [];
  for (const child of node.children) {
    if (child.type === "mdxJsxFlowElement" && child.name === "summary") continue;
    if (child.type === "paragraph") {
      const others = child.children.filter(
        (inner) => !(inner.type === "mdxJsxTextElement" && inner.name === "summary"),
      );
      if (others.length !== child.children.length) {
        if (others.some((inner) => inner.type !== "text" || inner.value.trim())) {
          rest.push({ ...child, children: others });
        }
        continue;
      }
    }
    rest.push(child);
  }
  return rest;
}

/**
 * MDX flow components. Tab items (`<TabItem label="macOS">`) and `<details>` lead with their
 * label or summary, so the steps for each tab stay told apart; other components (`<Tabs>`,
 * layout wrappers) are their children's blocks.
 */
function renderComponent(node: MdxJsxFlowElement, context: RenderContext): ContentBlock[] {
  const name = node.name ?? "";
  if (HIDDEN_INLINE.has(name) || name === "summary") return [];
  if (name === "TabItem" || name === "Tab") {
    const label =
      jsxAttribute(node, "label") ?? jsxAttribute(node, "title") ?? jsxAttribute(node, "value");
    return titled(
      label ? { text: label, mrkdwn: escapeProse(label) } : undefined,
      renderBlocks(node.children, context),
    );
  }
  if (name === "details") {
    const rest = withoutSummary(node);
    const summaryNode = findSummary(node);
    const summary = summaryNode ? tidy(renderPhrasing(summaryNode, context)) : undefined;
    return titled(summary?.text ? summary : undefined, renderBlocks(rest, context));
  }
  if (name === "Admonition") {
    const kind = jsxAttribute(node, "type") ?? "note";
    return [
      renderNote(kind, jsxAttribute(node, "title"), renderBlocks(node.children, context)),
    ].filter((block): block is ContentBlock => block !== undefined);
  }
  return renderBlocks(node.children, context);
}

function findSummary(node: MdxJsxFlowElement): PhrasingContent[] | undefined {
  for (const child of node.children) {
    if (child.type === "mdxJsxFlowElement" && child.name === "summary") {
      return child.children.flatMap((inner) => (inner.type === "paragraph" ? inner.children : []));
    }
    if (child.type === "paragraph") {
      for (const inner of child.children) {
        if (inner.type === "mdxJsxTextElement" && inner.name === "summary") return inner.children;
      }
    }
  }
  return undefined;
}

/** Blocks under a bold label, as one block: the label stays with what it labels. */
function titled(label: Rendered | undefined, blocks: ContentBlock[]): ContentBlock[] {
  if (!label) return blocks;
  if (blocks.length === 0) return [{ text: label.text, mrkdwn: `*${label.mrkdwn}*` }];
  return [
    {
      text: [label.text, ...blocks.map((block) => block.text)].join("\n"),
      mrkdwn: [`*${label.mrkdwn}*`, ...blocks.map((block) => block.mrkdwn)].join("\n"),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Notes: admonitions (Docusaurus, MkDocs), callouts (Obsidian), alerts (GitHub), hints (GitBook)

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}

/**
 * A titled note, quoted: `> *Freeze windows*` over its body. The title is the author's, else the
 * kind ("Warning"). Without a title the kind leads the first line, as GitHub alerts read.
 */
function renderNote(
  kind: string,
  title: string | undefined,
  blocks: ContentBlock[],
): ContentBlock | undefined {
  const label = title?.trim() || capitalise(kind.replace(/[-_]+/g, " "));
  let text: string;
  let mrkdwn: string;
  if (blocks.length === 0) {
    text = label;
    mrkdwn = `*${escapeProse(label)}*`;
  } else if (title?.trim()) {
    text = [label, ...blocks.map((block) => block.text)].join("\n");
    mrkdwn = [`*${escapeProse(label)}*`, ...blocks.map((block) => block.mrkdwn)].join("\n");
  } else {
    text = `${label}: ${blocks.map((block) => block.text).join("\n")}`;
    mrkdwn = `*${escapeProse(label)}:* ${blocks.map((block) => block.mrkdwn).join("\n")}`;
  }
  return { text, mrkdwn: prefixLines(mrkdwn, "> ", "> ").join("\n") };
}

function renderDirective(
  node: ContainerDirective,
  context: RenderContext,
): ContentBlock | undefined {
  const [first, ...rest] = node.children;
  const hasLabel = first?.type === "paragraph" && first.data?.directiveLabel === true;
  const label = hasLabel ? tidy(renderPhrasing(first.children, context)).text : undefined;
  const title = label || node.attributes?.title || undefined;
  return renderNote(
    node.name,
    title ?? undefined,
    renderBlocks(hasLabel ? rest : node.children, context),
  );
}

// ---------------------------------------------------------------------------------------------
// Blocks

function tidy(rendered: Rendered): Rendered {
  return { text: rendered.text.trim(), mrkdwn: rendered.mrkdwn.trim() };
}

function renderParagraph(node: Paragraph, context: RenderContext): ContentBlock | undefined {
  const rendered = tidy(renderPhrasing(node.children, context));
  if (!rendered.text && !rendered.mrkdwn) return undefined;
  // A hard-break backslash with nothing after it stays literal in CommonMark; it means nothing.
  if (rendered.text.endsWith("\\")) {
    return {
      text: rendered.text.slice(0, -1).trimEnd(),
      mrkdwn: rendered.mrkdwn.replace(/\\$/, "").trimEnd(),
    };
  }
  return rendered;
}

function prefixLines(value: string, first: string, rest: string): string[] {
  return value.split("\n").map((line, index) => (index === 0 ? first : rest) + line);
}

interface Lines {
  text: string[];
  mrkdwn: string[];
}

function renderList(list: List, depth: number, context: RenderContext): Lines {
  const lines: Lines = { text: [], mrkdwn: [] };
  const indentText = "  ".repeat(depth);
  const indentMrkdwn = "    ".repeat(depth);
  list.children.forEach((item, index) => {
    const marker = list.ordered ? `${(list.start ?? 1) + index}.` : "•";
    const check = item.checked === true ? "☑ " : item.checked === false ? "☐ " : "";
    let first = true;
    for (const child of item.children) {
      if (child.type === "list") {
        const nested = renderList(child, depth + 1, context);
        lines.text.push(...nested.text);
        lines.mrkdwn.push(...nested.mrkdwn);
        continue;
      }
      const block = renderBlock(child, context);
      if (!block) continue;
      const lead = first ? `${indentMrkdwn}${marker} ${check}` : `${indentMrkdwn}   `;
      const continuation = `${indentMrkdwn}   `;
      lines.mrkdwn.push(
        ...(child.type === "code"
          ? [
              first ? `${indentMrkdwn}${marker} ${check}`.trimEnd() : "",
              ...block.mrkdwn.split("\n"),
            ]
          : prefixLines(block.mrkdwn, lead, continuation)),
      );
      lines.text.push(...prefixLines(block.text, `${indentText}${first ? check : ""}`, indentText));
      first = false;
    }
  });
  return { text: lines.text, mrkdwn: lines.mrkdwn.filter((line) => line.trim() !== "") };
}

/**
 * Tables with more columns than this become one block per row. Slack has no tables: a row is
 * its cells as `*Header*: value` lines, and past three columns a row no longer reads as one
 * line, so each row is a record of its own and an excerpt starts at a row, labels included.
 */
export const WIDE_TABLE_COLUMNS = 3;

/** One block per row, each cell labelled by its column header. */
function tableRows(table: Table, context: RenderContext): ContentBlock[] {
  const [head, ...body] = table.children;
  if (!head) return [];
  const headers = head.children.map((cell) => renderPhrasing(cell.children, context).text.trim());
  const hasHeaders = headers.some((header) => header.length > 0);
  const rows = (hasHeaders ? body : table.children).map((row) =>
    row.children.map((cell) => tidy(renderPhrasing(cell.children, context))),
  );
  const records: ContentBlock[] = [];
  for (const cells of rows) {
    if (!hasHeaders) {
      const filled = cells.filter((cell) => cell.text || cell.mrkdwn);
      if (filled.length === 0) continue;
      records.push({
        text: filled.map((cell) => cell.text).join(" · "),
        mrkdwn: filled.map((cell) => cell.mrkdwn).join(" · "),
      });
      continue;
    }
    const rowText: string[] = [];
    const rowMrkdwn: string[] = [];
    cells.forEach((cell, index) => {
      if (!cell.text && !cell.mrkdwn) return;
      const header = headers[index] ?? "";
      rowText.push(header ? `${header}: ${cell.text}` : cell.text);
      rowMrkdwn.push(header ? `*${escapeProse(header)}*: ${cell.mrkdwn}` : cell.mrkdwn);
    });
    if (rowText.length === 0) continue;
    records.push({ text: rowText.join("\n"), mrkdwn: rowMrkdwn.join("\n") });
  }
  if (records.length === 0) {
    // A table with only a header row still says something.
    const line = headers.filter(Boolean).join(" · ");
    return line ? [{ text: line, mrkdwn: escapeProse(line) }] : [];
  }
  return records;
}

function renderTable(table: Table, context: RenderContext): ContentBlock | undefined {
  const records = tableRows(table, context);
  if (records.length === 0) return undefined;
  return {
    text: records.map((record) => record.text).join("\n\n"),
    mrkdwn: records.map((record) => record.mrkdwn).join("\n\n"),
  };
}

/**
 * GitHub alerts (`> [!NOTE]`) and Obsidian callouts (`> [!warning] Severity matters`, any kind,
 * `-`/`+` for folding): the marker goes, the rest of its line is the title.
 */
const CALLOUT_MARKER = /^\[!([A-Za-z][\w-]*)\][+-]?[ \t]*([^\n]*)\n?/;

function renderBlockquote(node: Blockquote, context: RenderContext): ContentBlock | undefined {
  const [first, ...others] = node.children;
  const lead = first?.type === "paragraph" ? first.children[0] : undefined;
  const marker = lead?.type === "text" ? CALLOUT_MARKER.exec(lead.value) : null;
  if (first?.type === "paragraph" && lead?.type === "text" && marker) {
    const remainder = lead.value.slice(marker[0].length);
    const children = [
      ...(remainder ? [{ ...lead, value: remainder }] : []),
      ...first.children.slice(1),
    ];
    // The title is the marker line's text; anything after a line break is the body.
    const title = (marker[2] ?? "").trim();
    const body: RootContent[] = [
      ...(children.length > 0 ? [{ ...first, children } as Paragraph] : []),
      ...others,
    ];
    return renderNote(marker[1] ?? "note", title || undefined, renderBlocks(body, context));
  }
  const blocks = renderBlocks(node.children, context);
  if (blocks.length === 0) return undefined;
  const text = blocks.map((block) => block.text).join("\n");
  const mrkdwn = blocks.map((block) => block.mrkdwn).join("\n");
  return { text, mrkdwn: prefixLines(mrkdwn, "> ", "> ").join("\n") };
}

export function renderBlock(node: RootContent, context: RenderContext): ContentBlock | undefined {
  switch (node.type) {
    case "paragraph":
      return renderParagraph(node, context);
    case "heading": {
      const rendered = tidy(renderPhrasing(node.children, context));
      if (!rendered.text) return undefined;
      return { text: rendered.text, mrkdwn: `*${escapeProse(rendered.text)}*` };
    }
    case "list": {
      if (node.children.length === 1 && /\{:\s*toc\s*\}/i.test(mdastToString(node))) {
        return undefined;
      }
      const lines = renderList(node, 0, context);
      if (lines.mrkdwn.length === 0) return undefined;
      return { text: lines.text.join("\n"), mrkdwn: lines.mrkdwn.join("\n") };
    }
    case "table":
      return renderTable(node, context);
    case "code": {
      const code = node.value.replace(/^(?:[ \t]*\n)+|\s+$/g, "");
      // Only punctuation left (a template example whose tags were removed): nothing to show.
      if (!/[\p{L}\p{N}]/u.test(code)) return undefined;
      return { text: codeText(code), mrkdwn: codeBlock(code) };
    }
    case "blockquote":
      return renderBlockquote(node, context);
    case "html":
      return renderHtmlBlock(node.value);
    case "containerDirective":
      return renderDirective(node, context);
    default:
      // thematicBreak, definition, footnoteDefinition (rendered by the section), yaml, …
      return undefined;
  }
}

export function renderBlocks(
  nodes: readonly RootContent[],
  context: RenderContext,
): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const node of nodes) {
    if (node.type === "mdxJsxFlowElement") {
      blocks.push(...renderComponent(node, context).filter((block) => block.text || block.mrkdwn));
      continue;
    }
    if (
      node.type === "table" &&
      node.children.length > 0 &&
      (node.children[0]?.children.length ?? 0) > WIDE_TABLE_COLUMNS
    ) {
      blocks.push(...tableRows(node, context));
      continue;
    }
    const block = renderBlock(node, context);
    if (block && (block.text || block.mrkdwn)) blocks.push(block);
  }
  return blocks;
}

/** Plain heading text: no markup, template tags or HTML. */
export function headingText(node: Nodes & { children: PhrasingContent[] }, context: RenderContext) {
  return renderPhrasing(node.children, context).text.replace(/\s+/g, " ").trim();
}
