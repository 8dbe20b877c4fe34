/**
 * Line-level markdown dialects, rewritten before parsing into syntax the parser already reads.
 *
 * - MkDocs Material admonitions (`!!! note "Title"`, collapsible `??? tip`) are indented
 *   blocks: they become directive containers (`:::note[Title]`), which the directive extension
 *   parses like Docusaurus admonitions. Tabs (`=== "Label"`) become a bold label over their
 *   dedented content. Icons (`:material-lock:`) and attribute lists (`{ .md-button }`) go.
 * - Docusaurus v2 admonition titles (`:::tip Title`) become directive labels (`:::tip[Title]`).
 * - Obsidian embeds (`![[diagram.png]]`) and lines of only tags (`#process #oncall`) go.
 * - Headings without a space after their hashes (`##Salary`), as GitHub rendered them before
 *   its 2017 move to CommonMark and older handbooks still have them, get the space.
 *
 * No micromark extension parses MkDocs' indentation-based blocks (they are Python-Markdown
 * extensions), and Obsidian embeds and tag lines are layout with no text to keep, so these are
 * small line rewrites of our own. Fenced code is left exactly as written. Every line stays on
 * its line except the closing fence of an admonition that is not followed by a blank line;
 * `originalLine` maps those back.
 */

export interface RewrittenSource {
  text: string;
  /** Maps a 1-based line of `text` to the 1-based line of the input. */
  originalLine(line: number): number;
}

const ADMONITION = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"]*)")?[ \t]*$/;
const TAB = /^([ \t]*)===\+?[ \t]+"([^"]*)"[ \t]*$/;
const LEGACY_ADMONITION = /^([ \t]*)(:{3,})([A-Za-z][\w-]*)[ \t]+([^[{\s].*?)[ \t]*$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const ICON = /:(?:material|fontawesome|octicons|simple)-[\w-]+:/g;
/** Class lists only: `{ #id }` on a heading is its explicit anchor, read by the parser. */
const ATTRIBUTE_LIST = /[ \t]*\{[ \t]*\.[\w-]+(?:[ \t]+[.#][\w-]+)*[ \t]*\}/g;
const EMBED = /!\[\[[^[\]\n]*\]\]/g;
/** A line of Obsidian tags only: each tag has a letter, so `#1` stays (it is not a tag). */
const TAG_LINE =
  /^ {0,3}#[\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*(?:[ \t]+#[\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*)*[ \t]*$/u;

/**
 * A heading written without the space: two hashes or more anywhere; one only on the first line
 * of text, where it is the page's title — elsewhere `#travel` at the start of a line is a Slack
 * channel, not a heading.
 */
const SPACELESS_HEADING = /^( {0,3}#{2,6})(?=[^\s#])/;
const SPACELESS_TITLE = /^( {0,3}#)(?=[^\s#])/;

const QUICK_TEST =
  /!!!|\?\?\?|===|:::|:(?:material|fontawesome|octicons|simple)-|\{[ \t]*[.#]|!\[\[|^[ \t]*#[^\s#]|^ {0,3}#{2,6}[^\s#]/m;

function indentWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === " ") width++;
    else if (char === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Removes up to `width` columns of indentation. */
function dedent(line: string, width: number): string {
  let removed = 0;
  let index = 0;
  while (index < line.length && removed < width) {
    const char = line[index];
    if (char === " ") removed++;
    else if (char === "\t") removed += 4 - (removed % 4);
    else break;
    index++;
  }
  return line.slice(index);
}

interface Line {
  text: string;
  /** 1-based input line. */
  source: number;
}

function cleanLine(text: string, first: boolean): string {
  if (TAG_LINE.test(text)) return "";
  const spaceless = SPACELESS_HEADING.exec(text) ?? (first ? SPACELESS_TITLE.exec(text) : null);
  const heading = spaceless ? `${spaceless[1]} ${text.slice(spaceless[1]?.length ?? 0)}` : text;
  return heading.replace(EMBED, "").replace(ICON, "").replace(ATTRIBUTE_LIST, "");
}

function longestColonFence(lines: readonly Line[]): number {
  let longest = 0;
  for (const line of lines) {
    const colons = /^[ \t]*(:{3,})/.exec(line.text)?.[1]?.length ?? 0;
    longest = Math.max(longest, colons);
  }
  return longest;
}

/** The indented body after line `start`: its end (exclusive, trailing blank lines left out). */
function bodyEnd(lines: readonly Line[], start: number, indent: number): number {
  let end = start;
  for (let i = start; i < lines.length; i++) {
    const text = lines[i]?.text ?? "";
    if (text.trim() === "") continue;
    if (indentWidth(text) < indent + 4) break;
    end = i + 1;
  }
  return end;
}

function rewrite(lines: readonly Line[], top = true): Line[] {
  const out: Line[] = [];
  let fence: string | undefined;
  /** Whether a line with text came before (a page's title can only be its first line). */
  let seenText = !top;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const firstText = !seenText && line.text.trim() !== "";
    if (firstText) seenText = true;
    const fenceMarker = FENCE.exec(line.text)?.[1];
    if (fence !== undefined) {
      out.push(line);
      if (fenceMarker && fenceMarker[0] === fence[0] && fenceMarker.length >= fence.length) {
        fence = undefined;
      }
      continue;
    }
    if (fenceMarker) {
      fence = fenceMarker;
      out.push(line);
      continue;
    }
    const admonition = ADMONITION.exec(line.text);
    const tab = admonition ? null : TAB.exec(line.text);
    if (admonition || tab) {
      const indentText = (admonition ?? tab)?.[1] ?? "";
      const indent = indentWidth(indentText);
      const end = bodyEnd(lines, i + 1, indent);
      const body = rewrite(
        lines
          .slice(i + 1, end)
          .map((entry) => ({ text: dedent(entry.text, 4), source: entry.source })),
        false,
      );
      if (tab) {
        // The label leads the tab's first paragraph ("Small changes: Reviewed the same day.");
        // before a list, code or a quote it stands on its own line.
        const label = (tab[2] ?? "").trim();
        const lead = label ? `**${label}:**` : "";
        const first = body.findIndex((entry) => entry.text.trim() !== "");
        const firstLine = body[first];
        if (
          lead &&
          firstLine &&
          /^[ \t]*[\p{L}\p{N}(*_"']/u.test(firstLine.text) &&
          !/^[ \t]*(?:[-*+]|\d+[.)])[ \t]/.test(firstLine.text)
        ) {
          body[first] = {
            ...firstLine,
            text: `${indentText}${lead} ${firstLine.text.trimStart()}`,
          };
          out.push({ text: "", source: line.source });
        } else {
          out.push({ text: lead ? `${indentText}${lead}` : "", source: line.source });
        }
        out.push(...body);
      } else {
        const kind = admonition?.[2] ?? "note";
        const title = (admonition?.[3] ?? "").trim().replace(/[[\]]/g, "\\$&");
        const colons = ":".repeat(Math.max(3, longestColonFence(body) + 1));
        out.push({
          text: `${indentText}${colons}${kind}${title ? `[${title}]` : ""}`,
          source: line.source,
        });
        out.push(...body);
        const next = lines[end];
        if (next !== undefined && next.text.trim() === "") {
          out.push({ text: `${indentText}${colons}`, source: next.source });
          i = end;
          continue;
        }
        out.push({ text: `${indentText}${colons}`, source: lines[end - 1]?.source ?? line.source });
      }
      i = end - 1;
      continue;
    }
    const legacy = LEGACY_ADMONITION.exec(line.text);
    if (legacy) {
      const title = (legacy[4] ?? "").replace(/[[\]]/g, "\\$&");
      out.push({ text: `${legacy[1]}${legacy[2]}${legacy[3]}[${title}]`, source: line.source });
      continue;
    }
    out.push({ text: cleanLine(line.text, firstText), source: line.source });
  }
  return out;
}

export function rewriteDialects(body: string): RewrittenSource {
  if (!QUICK_TEST.test(body)) return { text: body, originalLine: (line) => line };
  const lines = rewrite(body.split("\n").map((text, index) => ({ text, source: index + 1 })));
  return {
    text: lines.map((line) => line.text).join("\n"),
    originalLine: (line) => lines[line - 1]?.source ?? line,
  };
}
