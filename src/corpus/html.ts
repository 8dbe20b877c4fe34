/**
 * Just enough HTML for markdown documents: tags go, their text stays. Raw HTML in handbooks is
 * mostly layout (`<div>`, `<table>` of office details, `<details>`, `<br>`), so a small
 * tokenizer is enough; a full HTML parser would be a dependency for no gain.
 */

import { escapeProse, isAbsoluteUrl, mrkdwnLink, wrapMarker } from "./mrkdwn.js";
import type { ContentBlock } from "./types.js";

/**
 * Markdown link syntax that was never parsed as a link: inside HTML blocks (CommonMark does not
 * parse markdown there), after escaped brackets, or around a broken destination.
 */
export const LITERAL_LINK = /!?\[([^[\]\n]{0,300})\]\((?:[^()\n]|\([^()\n]{0,200}\)){0,500}\)/g;

/** Markers authors put where a generated table of contents should go. */
const TOC_MARKER = /\[\[_?toc_?\]\]|^\s*\[toc\]\s*$|\{:\s*toc\s*\}|\$\{toc\}/gi;
/** Kramdown attribute lists (`{: .class}`) are styling, not text. */
const ATTRIBUTE_LIST = /\{:[^}\n]*\}/g;

/** Removes markup that survives as literal text: TOC markers, attribute lists, link syntax. */
export function stripLiteralMarkup(value: string): string {
  return value.replace(TOC_MARKER, "").replace(ATTRIBUTE_LIST, "").replace(LITERAL_LINK, "$1");
}

export type HtmlToken =
  | { kind: "text"; value: string }
  | { kind: "open"; name: string; attributes: Record<string, string>; selfClosing: boolean }
  | { kind: "close"; name: string };

const TOKEN_PATTERN =
  /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<!\[CDATA\[[\s\S]*?\]\]>|<!doctype[^>]*>|<\?[\s\S]*?\?>|<\/([A-Za-z][\w:-]*)\s*>|<([A-Za-z][\w:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;

const ATTRIBUTE_PATTERN = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const KNOWN_TAGS = new Set(
  (
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas " +
    "caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em " +
    "embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr " +
    "html i iframe img input ins kbd label legend li link main map mark menu meta meter nav " +
    "noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp " +
    "script search section select slot small source span strike strong style sub summary sup svg " +
    "path g table tbody td template textarea tfoot th thead time title tr track u ul var video wbr"
  ).split(" "),
);

const VOID_TAGS = new Set(
  "area base br col embed hr img input link meta param source track wbr".split(" "),
);

/** Elements that start a new line of text. */
const BLOCK_TAGS = new Set(
  (
    "address article aside blockquote body center details dialog div dl dd dt fieldset " +
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section " +
    "summary table tbody tfoot thead tr ul caption"
  ).split(" "),
);

/** Elements whose content is never reader text. */
const HIDDEN_TAGS = new Set(["script", "style", "template", "head", "svg", "iframe", "noscript"]);

/**
 * A tag is dropped when it is a real HTML element or a JSX component (MDX's `<Tabs>`);
 * anything else in angle brackets (`<project>-partners`, `<your name>`) is a placeholder an
 * author meant as text.
 */
export function isMarkupTag(name: string): boolean {
  return KNOWN_TAGS.has(name.toLowerCase()) || /^[A-Z]/.test(name) || name.includes(":");
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  times: "×",
  rarr: "→",
  larr: "←",
  check: "✓",
  zwj: "",
  zwnj: "",
  shy: "",
};

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X"
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let last = 0;
  for (const match of html.matchAll(TOKEN_PATTERN)) {
    if (match.index > last) tokens.push({ kind: "text", value: html.slice(last, match.index) });
    last = match.index + match[0].length;
    const closeName = match[2];
    const openName = match[3];
    if (closeName !== undefined) {
      if (isMarkupTag(closeName)) tokens.push({ kind: "close", name: closeName.toLowerCase() });
      else tokens.push({ kind: "text", value: match[0] });
    } else if (openName !== undefined) {
      if (!isMarkupTag(openName)) {
        tokens.push({ kind: "text", value: match[0] });
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const attribute of (match[4] ?? "").matchAll(ATTRIBUTE_PATTERN)) {
        const key = attribute[1];
        if (key) attributes[key.toLowerCase()] = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
      }
      const name = openName.toLowerCase();
      tokens.push({
        kind: "open",
        name,
        attributes,
        selfClosing: match[5] === "/" || VOID_TAGS.has(name),
      });
    }
    // Comments, doctypes, processing instructions and script/style bodies produce nothing.
  }
  if (last < html.length) tokens.push({ kind: "text", value: html.slice(last) });
  // Placeholders kept as text split the text around them; rejoin so later passes see it whole.
  const merged: HtmlToken[] = [];
  for (const token of tokens) {
    const previous = merged[merged.length - 1];
    if (token.kind === "text" && previous?.kind === "text") previous.value += token.value;
    else merged.push(token);
  }
  return merged;
}

interface HtmlElement {
  name: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
}
type HtmlNode = HtmlElement | string;

function buildTree(tokens: readonly HtmlToken[]): HtmlElement {
  const root: HtmlElement = { name: "#root", attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  for (const token of tokens) {
    const parent = stack[stack.length - 1] ?? root;
    if (token.kind === "text") {
      parent.children.push(token.value);
    } else if (token.kind === "open") {
      const element: HtmlElement = { name: token.name, attributes: token.attributes, children: [] };
      parent.children.push(element);
      if (!token.selfClosing) stack.push(element);
    } else {
      const index = stack.findLastIndex((element) => element.name === token.name);
      if (index > 0) stack.length = index;
    }
  }
  return root;
}

interface Rendered {
  text: string;
  mrkdwn: string;
}

/** Elements whose direct text is only indentation between their rows, cells or items. */
const STRUCTURE_TAGS = new Set(["table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl"]);

function renderNodes(
  nodes: readonly HtmlNode[],
  preformatted: boolean,
  parent = "#root",
): Rendered {
  let text = "";
  let mrkdwn = "";
  let cell = 0;
  for (const node of nodes) {
    if (typeof node === "string") {
      if (STRUCTURE_TAGS.has(parent) && !node.trim()) continue;
      const value = decodeEntities(
        preformatted
          ? node
          : // CommonMark leaves markdown inside HTML blocks unparsed; drop its bold markers.
            stripLiteralMarkup(node.replace(/\s+/g, " ")).replace(/(\*\*|__)(?=\S)(.+?)\1/g, "$2"),
      );
      text += value;
      mrkdwn += escapeProse(value);
      continue;
    }
    const rendered = renderElement(node, preformatted);
    if (node.name === "td" || node.name === "th") {
      // Key/value rows (`<td>Location</td><td>…</td>`) read as "Location: …".
      const separator = cell === 0 ? "" : cell === 1 ? ": " : " · ";
      cell++;
      if (rendered.text.trim()) {
        text += separator + rendered.text.trim();
        mrkdwn += separator + rendered.mrkdwn.trim();
      }
      continue;
    }
    text += rendered.text;
    mrkdwn += rendered.mrkdwn;
  }
  return { text, mrkdwn };
}

function renderElement(element: HtmlElement, preformatted: boolean): Rendered {
  const name = element.name;
  if (HIDDEN_TAGS.has(name)) return { text: "", mrkdwn: "" };
  if (name === "br") return { text: "\n", mrkdwn: "\n" };
  if (name === "hr") return { text: "\n", mrkdwn: "\n" };
  if (name === "img") {
    const alt = decodeEntities(element.attributes.alt ?? "").trim();
    return { text: alt, mrkdwn: escapeProse(alt) };
  }
  const inner = renderNodes(element.children, preformatted || name === "pre", name);
  switch (name) {
    case "a": {
      const href = decodeEntities(element.attributes.href ?? "");
      if (isAbsoluteUrl(href)) {
        return { text: inner.text, mrkdwn: mrkdwnLink(href, inner.mrkdwn.trim()) };
      }
      return inner;
    }
    case "strong":
    case "b":
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn, "*") };
    case "em":
    case "i":
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn, "_") };
    case "del":
    case "s":
    case "strike":
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn, "~") };
    case "code":
    case "kbd":
      if (preformatted) return inner;
      return { text: inner.text, mrkdwn: wrapMarker(inner.mrkdwn.replace(/`/g, "ˋ"), "`") };
    case "pre":
      return {
        text: `\n${inner.text}\n`,
        mrkdwn: `\n\`\`\`\n${inner.mrkdwn.replace(/```/g, "ˋˋˋ")}\n\`\`\`\n`,
      };
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "summary":
      return { text: `\n${inner.text}\n`, mrkdwn: `\n${wrapMarker(inner.mrkdwn.trim(), "*")}\n` };
    case "li":
      return { text: `\n${inner.text}\n`, mrkdwn: `\n• ${inner.mrkdwn.trim()}\n` };
    default:
      if (BLOCK_TAGS.has(name)) return { text: `\n${inner.text}\n`, mrkdwn: `\n${inner.mrkdwn}\n` };
      return inner;
  }
}

function tidyLines(value: string): string {
  return value
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}

/** An HTML block as a content block, or undefined when it holds no reader text. */
export function renderHtmlBlock(html: string): ContentBlock | undefined {
  const rendered = renderNodes(buildTree(tokenizeHtml(html)).children, false);
  const text = tidyLines(rendered.text);
  if (!text) return undefined;
  return { text, mrkdwn: tidyLines(rendered.mrkdwn) };
}

/** Plain text of an HTML fragment (used for heading text and inline fallbacks). */
export function htmlToText(html: string): string {
  return renderNodes(buildTree(tokenizeHtml(html)).children, false).text;
}
