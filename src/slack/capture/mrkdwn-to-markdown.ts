/**
 * Slack mrkdwn (a message's `text`, as the Web API returns it) to CommonMark, for answers
 * captured with "Add to handbook". No maintained library does this direction (the npm ones turn
 * markdown into mrkdwn), and Slack's syntax is small: `*bold*`, `_italic_`, `~strike~`, code,
 * `<url|label>`, `<@U…>`, `<#C…|name>`, `<!here>`, `&amp;`-escaped `&<>`, `•` bullets and `>`
 * quotes. Text that markdown would read as syntax (`[`, `*`, `<`, `#` at a line's start…) is
 * backslash-escaped, so a captured answer says what it said in Slack and nothing more.
 */

/** Private-use placeholders: a converted token is kept out of the escaping of the text around it. */
const HOLE = "\uE000";
const HOLE_PATTERN = /\uE000(\d+)\uE001/g;

function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** A `<…>` token inside code, where nothing is a link: what Slack showed, as plain text. */
function plainTokens(code: string): string {
  return unescapeEntities(
    code.replace(/<([^<>\n]+)>/g, (_match, inner: string) => {
      const bar = inner.indexOf("|");
      const target = bar === -1 ? inner : inner.slice(0, bar);
      const label = bar === -1 ? "" : inner.slice(bar + 1);
      if (/^[@#]/.test(target))
        return `${target[0]}${label.replace(/^[@#]/, "") || target.slice(1)}`;
      if (target.startsWith("!")) return label || `@${target.slice(1).split("^")[0] ?? ""}`;
      return label || target;
    }),
  );
}

/** Characters markdown reads as syntax anywhere in a line. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (char) => `\\${char}`);
}

/** A Slack `<…>` token as markdown: a link, or the readable name of a mention. */
function convertToken(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? "" : unescapeEntities(inner.slice(bar + 1));
  if (target.startsWith("@")) return escapeInline(`@${label || target.slice(1)}`);
  if (target.startsWith("#")) return escapeInline(`#${label || target.slice(1)}`);
  if (target.startsWith("!")) {
    // `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`: the words people saw.
    const word = target.slice(1).split("^")[0] ?? "";
    return escapeInline(label || `@${word}`);
  }
  const url = unescapeEntities(target).replace(/[\s()<>]/g, (char) => encodeURI(char));
  if (!/^(?:https?|mailto|tel):/i.test(url)) return escapeInline(unescapeEntities(inner));
  if (!label || label === url) return `<${url}>`;
  return `[${escapeInline(label).replace(/\n/g, " ")}](${url})`;
}

/**
 * Bold and strike markers where Slack would apply them: not inside a word, not around spaces.
 * Bold becomes a placeholder until the text around it is escaped; italic `_x_` is the same in both.
 */
function convertEmphasis(text: string): string {
  const convert = (value: string, marker: string, to: string) =>
    value.replace(
      new RegExp(
        `(^|[\\s(\uE001"'])\\${marker}(?=\\S)([^${marker}\\n]*?\\S)\\${marker}(?=$|[\\s).,;:!?"'\uE000])`,
        "g",
      ),
      (_match, before: string, inner: string) => `${before}${to}${inner}${to}`,
    );
  return convert(convert(text, "*", "\uE002"), "~", "~~");
}

/** One line of prose (no code): tokens and emphasis converted, everything else escaped. */
function convertProse(line: string, holes: string[]): string {
  const keep = (markdown: string) => {
    holes.push(markdown);
    return `${HOLE}${holes.length - 1}\uE001`;
  };
  let text = line.replace(/`([^`\n]+)`/g, (_match, code: string) =>
    keep(`\`${plainTokens(code)}\``),
  );
  text = text.replace(/<([^<>\n]+)>/g, (_match, inner: string) => keep(convertToken(inner)));
  text = convertEmphasis(text);
  text = escapeInline(unescapeEntities(text))
    .replace(/\uE002/g, "**")
    .replace(/(^|[^~])~(?!~)/g, "$1\\~");
  return text;
}

/** A line's own markup: quote, bullet, or text markdown would take for a heading or list. */
function convertLine(line: string, holes: string[]): string {
  const quote = /^&gt;\s?(.*)$/.exec(line);
  if (quote) return `> ${convertLine(quote[1] ?? "", holes)}`;
  const bullet = /^(\s*)[•◦▪▸‣-]\s+(.*)$/.exec(line);
  // An empty bullet would read as a setext underline, turning the line above into a heading.
  if (bullet && (bullet[2] ?? "").trim() === "") return "";
  if (bullet) {
    const depth = Math.floor((bullet[1] ?? "").replace(/\t/g, "    ").length / 4);
    return `${"  ".repeat(depth)}- ${convertProse(bullet[2] ?? "", holes)}`;
  }
  const numbered = /^(\s*)(\d{1,9})[.)]\s+(.*)$/.exec(line);
  if (numbered) return `${numbered[2]}. ${convertProse(numbered[3] ?? "", holes)}`;
  // A line markdown would read as a heading, list, rule or underline keeps its first character.
  if (/^\s*_[_\s]*$/.test(line)) return line.replace(/_/g, "\\_");
  return convertProse(line, holes)
    .replace(/^(\s*)([#+=-]|\d+(?=[.)]\s))/, "$1\\$2")
    .replace(/^ {4,}/, "");
}

/** Slack mrkdwn → markdown; see the module comment for what is converted. Pure, never throws. */
export function mrkdwnToMarkdown(mrkdwn: string): string {
  const out: string[] = [];
  const parts = mrkdwn.replace(/\r\n?/g, "\n").split("```");
  parts.forEach((part, index) => {
    // Odd parts sit between a pair of fences; a last unpaired fence opens no block.
    const isCode = index % 2 === 1 && index < parts.length - 1;
    if (isCode) {
      const code = plainTokens(part).replace(/^\n/, "").replace(/\n$/, "");
      const fence = code.includes("```") ? "~~~~" : "```";
      out.push(`\n${fence}\n${code}\n${fence}\n`);
      return;
    }
    const holes: string[] = [];
    const text = part
      .split("\n")
      .map((line) => convertLine(line, holes))
      .join("\n")
      .replace(HOLE_PATTERN, (_match, index: string) => holes[Number(index)] ?? "");
    out.push(index % 2 === 1 ? `\\\`\\\`\\\`${text}` : text);
  });
  return out
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
