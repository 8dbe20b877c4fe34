/**
 * Liquid / Nunjucks / Hugo template tags, removed before markdown parsing.
 *
 * Static-site handbooks (Jekyll, Eleventy, Hugo) put template tags in link destinations
 * (`[x]({% page "/x/" %})`), which CommonMark cannot parse as links while the tag is there,
 * so the tags must go before remark sees the text. Tags that carry meaning a reader needs
 * (a link target, an image's alt text, a Slack channel, an alert title) become that text;
 * the rest disappear.
 *
 * Removing a tag that spans lines would shift every later line number, so the result keeps a
 * record of removed line breaks and `originalLine` maps a line of the output back to the input.
 */
import { isAbsoluteUrl } from "./mrkdwn.js";

export interface StrippedSource {
  text: string;
  /** Maps a 1-based line and 0-based offset in `text` to the 1-based line in the input. */
  originalLine(line: number, offset: number): number;
}

/** Tags are bounded in length so that an unclosed `{%` cannot make matching quadratic. */
const TAG_PATTERN =
  /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}|\{%[\s\S]{0,2000}?%\}|\{\{[\s\S]{0,2000}?\}\}|\{#\s[\s\S]{0,2000}?#\}|<%[\s\S]{0,2000}?%>/g;

const INNER_TAG_PATTERN = /\{%[\s\S]{0,2000}?%\}|\{\{[\s\S]{0,2000}?\}\}/g;

/** Quoted arguments of a tag: `page "/x/"` → `["/x/"]`. */
function quotedArguments(tag: string): string[] {
  const args: string[] = [];
  for (const match of tag.matchAll(/"([^"]*)"|'([^']*)'/g)) {
    args.push(match[1] ?? match[2] ?? "");
  }
  return args;
}

/** Link targets must not contain spaces or parentheses, or the markdown link breaks. */
function asDestination(value: string): string {
  return value.trim().replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

/** Replacement for one `{% … %}` tag; `inDestination` when it sits inside `](…)`. */
function replaceBlockTag(tag: string, inDestination: boolean, atLineStart = false): string {
  const inner = tag.replace(/^\{%-?\s*/, "").replace(/\s*-?%\}$/, "");
  const name = /^[A-Za-z_][\w-]*/.exec(inner)?.[0]?.toLowerCase() ?? "";
  const args = quotedArguments(inner);
  const first = args[0] ?? "";
  switch (name) {
    case "page":
    case "link":
    case "download":
    case "post_url":
    case "asset":
      if (inDestination) return asDestination(first);
      return isAbsoluteUrl(first) ? first : "";
    case "image":
    case "image_with_class":
      // The alt text is the last argument; the first is the file.
      return args.length > 1 ? (args[args.length - 1] ?? "") : "";
    case "slack_channel": {
      if (!first) return "";
      const label = args[1];
      return label ? `${label} (#${first})` : `#${first}`;
    }
    case "alert":
      // The alert's title leads its body, which follows on the next lines.
      return boldLead(first);
    // GitBook blocks. A hint's style names the kind of note; its body follows on the next lines.
    case "hint": {
      // On a line of its own a hint opens a directive container, parsed as every other note.
      const style = attribute(inner, "style") ?? "info";
      const kind = NOTE_STYLES[style.toLowerCase()] ?? capitalise(style);
      return atLineStart ? `:::${kind.toLowerCase()}` : boldLead(kind);
    }
    case "endhint":
      return atLineStart ? ":::" : "";
    case "tab":
      return boldLead(attribute(inner, "title") ?? "");
    case "embed": {
      // An embedded video or page is still worth pointing at: its address stays as text.
      const url = attribute(inner, "url") ?? "";
      if (inDestination) return asDestination(url);
      return isAbsoluteUrl(url) ? url : "";
    }
    default:
      return "";
  }
}

/** GitBook hint styles as the reader knows them. */
const NOTE_STYLES: Record<string, string> = {
  info: "Note",
  success: "Tip",
  warning: "Warning",
  danger: "Danger",
};

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** A bold lead for the lines that follow: `**Title:**`. */
function boldLead(title: string): string {
  const value = title.trim();
  return value ? `**${value}${/[.!?:]$/.test(value) ? "" : ":"}**` : "";
}

/** `name="value"` (or single quotes) inside a tag. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[1] ?? match[2] ?? "") : undefined;
}

/**
 * Hugo shortcodes (`{{< name args >}}`, `{{% name %}}`): `ref` and `relref` print a page's
 * address, which in prose means the page, so they become its title (or, inside a link
 * destination, the target path, so the link keeps its words). Every other shortcode is layout.
 */
function replaceShortcode(
  tag: string,
  inDestination: boolean,
  pageTitle: (target: string) => string,
): string {
  const inner = tag.replace(/^\{\{[<%]-?\s*/, "").replace(/\s*-?[>%]\}\}$/, "");
  const name = /^[A-Za-z_][\w-]*/.exec(inner)?.[0]?.toLowerCase() ?? "";
  if (name !== "ref" && name !== "relref") return "";
  const target = quotedArguments(inner)[0] ?? inner.slice(name.length).trim();
  if (!target) return "";
  return inDestination ? asDestination(target) : pageTitle(target);
}

/**
 * ERB (Middleman, GOV.UK tech docs): `<%= warning_text('…') %>` and similar helpers print their
 * quoted text, which a reader needs; `<%= current_page.data.title %>` (the page title, which the
 * frontmatter already gives), partials and control flow (`<% end %>`) print nothing we can use.
 */
function replaceErbTag(tag: string): string {
  if (!tag.startsWith("<%=")) return "";
  const helper = /^<%=\s*(\w+)\s*\(?\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
  if (helper === null || helper[1] === "partial") return "";
  return (helper[2] ?? helper[3] ?? "").trim();
}

/** `{{ "literal" }}` prints the literal; any other expression is site data we cannot resolve. */
function replaceOutputTag(tag: string): string {
  const literal = /^\{\{-?\s*(?:"([^"]*)"|'([^']*)')\s*-?\}\}$/.exec(tag);
  if (!literal) return "";
  const value = literal[1] ?? literal[2] ?? "";
  return value.replace(/\{%-?|-?%\}|\{\{|\}\}/g, "").trim();
}

function countNewlines(value: string): number {
  let count = 0;
  for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) count++;
  return count;
}

export interface TemplateOptions {
  /** The title of the page a Hugo `ref` names (a path as the author wrote it). */
  pageTitle?: (target: string) => string;
}

/** Without a handbook to look in, a reference reads as the target's file name. */
function fileNameTitle(target: string): string {
  const name =
    target
      .replace(/[#?].*$/, "")
      .replace(/\/+$/, "")
      .split("/")
      .pop() ?? target;
  const words = name
    .replace(/\.[a-z]+$/i, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return capitalise(words || name);
}

export function stripTemplateTags(source: string, options: TemplateOptions = {}): StrippedSource {
  const pageTitle = options.pageTitle ?? fileNameTitle;
  if (
    !source.includes("{%") &&
    !source.includes("{{") &&
    !source.includes("{#") &&
    !source.includes("<%")
  ) {
    return { text: source, originalLine: (line) => line };
  }
  // Output offsets where line breaks were removed, with the running total removed so far.
  const removedAt: number[] = [];
  const removedTotal: number[] = [];
  let removed = 0;
  // Pieces joined once at the end, with the output's length and its last characters kept on the
  // side: reading the tail of a growing string (`out.slice(-32)`) flattens it every time, which
  // made a 2 MB file with a thousand tags take 30 s instead of 0.1 s.
  const pieces: string[] = [];
  let length = 0;
  let tail = "";
  const append = (piece: string) => {
    if (piece === "") return;
    pieces.push(piece);
    length += piece.length;
    tail = piece.length >= 32 ? piece.slice(-32) : (tail + piece).slice(-32);
  };
  let last = 0;
  for (const match of source.matchAll(TAG_PATTERN)) {
    const tag = match[0];
    const start = match.index;
    append(source.slice(last, start));
    let replacement: string;
    if (match[1] !== undefined) {
      // Inside {% raw %} the tags are examples of template syntax: meaningless to a reader here.
      // A link whose target was a tag is left with an empty target; keep just its words.
      replacement = match[1]
        .replace(INNER_TAG_PATTERN, (inner) => "\n".repeat(countNewlines(inner)))
        .replace(/\[([^\]]*)\]\s*\(\s*\)/g, "$1")
        .replace(/\n(?:[ \t]*\n){2,}/g, "\n\n");
    } else if (tag.startsWith("{%")) {
      // Only the tail matters; testing all of the output would make long documents quadratic.
      const inDestination = /(?:\]\(\s*|\]:\s*|href=["'])$/.test(tail);
      const atLineStart =
        /(?:^|\n)[ \t]*$/.test(tail.slice(-8)) &&
        /^[ \t]*(?:\n|$)/.test(source.slice(start + tag.length, start + tag.length + 8));
      replacement = /^\{%-?\s*(?:comment|endcomment)\b/.test(tag)
        ? ""
        : replaceBlockTag(tag, inDestination, atLineStart);
    } else if (/^\{\{[<%]/.test(tag)) {
      const inDestination = /(?:\]\(\s*|\]:\s*|href=["'])$/.test(tail);
      replacement = replaceShortcode(tag, inDestination, pageTitle);
    } else if (tag.startsWith("{{")) {
      replacement = replaceOutputTag(tag);
    } else if (tag.startsWith("<%")) {
      replacement = replaceErbTag(tag);
    } else {
      replacement = "";
    }
    append(replacement);
    const lost = countNewlines(tag) - countNewlines(replacement);
    if (lost > 0) {
      removed += lost;
      removedAt.push(length);
      removedTotal.push(removed);
    }
    last = start + tag.length;
  }
  append(source.slice(last));
  return {
    text: pieces.join(""),
    originalLine(line, offset) {
      // Binary search for the last removal at or before `offset`.
      let lo = 0;
      let hi = removedAt.length - 1;
      let total = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((removedAt[mid] ?? 0) <= offset) {
          total = removedTotal[mid] ?? 0;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return line + total;
    },
  };
}
