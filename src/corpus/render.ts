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
import { toString as mdastToString } from "mdast-util-to-string";
import {
  decodeEntities,
  LITERAL_LINK,
  renderHtmlBlock,
  stripLiteralMarkup,
  tokenizeHtml,
} from "./html.js";
import {
  codeBlock,
  escapeCode,
  escapeProse,
  isAbsoluteUrl,
  mrkdwnLink,
  wrapMarker,
} from "./mrkdwn.js";
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
}

interface Rendered {
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
    const flatLabel = label.mrkdwn
      .replace(/<(?:https?:\/\/|mailto:|tel:)[^|>]*\|([^>]*)>/g, "$1")
      .replace(/<((?:https?:\/\/|mailto:|tel:)[^>]*)>/g, "$1")
      .trim();
    return { text, mrkdwn: mrkdwnLink(absolute, flatLabel) };
  }
  // Relative and template links point into a site we cannot link to: keep the words.
  return label;
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
    case "link":
      return renderLink(
        node.url,
        renderPhrasing(node.children, context),
        context,
        node.position?.start,
      );
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

function renderTable(table: Table, context: RenderContext): ContentBlock | undefined {
  const [head, ...body] = table.children;
  if (!head) return undefined;
  const headers = head.children.map((cell) => renderPhrasing(cell.children, context).text.trim());
  const hasHeaders = headers.some((header) => header.length > 0);
  const rows = (hasHeaders ? body : table.children).map((row) =>
    row.children.map((cell) => tidy(renderPhrasing(cell.children, context))),
  );
  const text: string[] = [];
  const mrkdwn: string[] = [];
  for (const cells of rows) {
    if (!hasHeaders) {
      const filled = cells.filter((cell) => cell.text || cell.mrkdwn);
      text.push(filled.map((cell) => cell.text).join(" · "));
      mrkdwn.push(filled.map((cell) => cell.mrkdwn).join(" · "));
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
    text.push(rowText.join("\n"));
    mrkdwn.push(rowMrkdwn.join("\n"));
  }
  if (text.length === 0) {
    // A table with only a header row still says something.
    const line = headers.filter(Boolean).join(" · ");
    return line ? { text: line, mrkdwn: escapeProse(line) } : undefined;
  }
  return { text: text.join("\n\n"), mrkdwn: mrkdwn.join("\n\n") };
}

/** GitHub alert syntax: `> [!NOTE]` becomes a bold label. */
const ALERT_MARKER = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;

function renderBlockquote(node: Blockquote, context: RenderContext): ContentBlock | undefined {
  const blocks = renderBlocks(node.children, context);
  if (blocks.length === 0) return undefined;
  let text = blocks.map((block) => block.text).join("\n");
  let mrkdwn = blocks.map((block) => block.mrkdwn).join("\n");
  const alert = ALERT_MARKER.exec(text);
  if (alert?.[1]) {
    const label = alert[1].charAt(0).toUpperCase() + alert[1].slice(1).toLowerCase();
    text = `${label}: ${text.slice(alert[0].length)}`;
    mrkdwn = `*${label}:* ${mrkdwn.replace(ALERT_MARKER, "")}`;
  }
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
    const block = renderBlock(node, context);
    if (block && (block.text || block.mrkdwn)) blocks.push(block);
  }
  return blocks;
}

/** Plain heading text: no markup, template tags or HTML. */
export function headingText(node: Nodes & { children: PhrasingContent[] }, context: RenderContext) {
  return renderPhrasing(node.children, context).text.replace(/\s+/g, " ").trim();
}
