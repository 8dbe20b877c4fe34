/**
 * Markup that must never reach an answer: the syntax of every handbook format the loader reads.
 * Seeing one in a section means the loader missed a case; content:check reports it and the
 * format tests assert it never happens on their fixtures.
 */
import type { Section } from "./types.js";

export interface RawSyntax {
  /** What the author wrote, as content:check names it. */
  name: string;
  pattern: RegExp;
}

export const RAW_SYNTAX: readonly RawSyntax[] = [
  { name: "wiki link or embed `[[…]]`", pattern: /\[\[[^\]\n]*\]\]/ },
  { name: "callout marker `[!kind]`", pattern: /\[![A-Za-z][\w-]*\]/ },
  { name: "MkDocs admonition `!!!`/`???`", pattern: /^(?:!!!|\?\?\?\+?)[ \t]+\w/m },
  { name: "MkDocs tab `===`", pattern: /^===\+?[ \t]+"/m },
  { name: "admonition fence `:::`", pattern: /^:::/m },
  { name: "icon `:material-…:`", pattern: /:(?:material|fontawesome|octicons|simple)-[\w-]+:/ },
  { name: "template tag `{% %}`", pattern: /\{%|%\}/ },
  { name: "template output `{{ }}`", pattern: /\{\{|\}\}/ },
  { name: "ERB tag `<% %>`", pattern: /<%|%>/ },
  {
    name: "MDX import/export",
    pattern: /^(?:import\s+[\w{*][^\n]*\sfrom\s|export\s+(?:const|default|function|let)\b)/m,
  },
  { name: "MDX comment `{/* */}`", pattern: /\{\/\*/ },
  {
    name: "JSX or HTML tag",
    pattern: /<\/?(?:[A-Z][\w.]*|div|span|details|summary|br|img|p|a)(?:\s[^<>\n]*)?\/?>/,
  },
  { name: "frontmatter delimiter `+++`", pattern: /^\+\+\+[ \t]*$/m },
  { name: "markdown link syntax `](`", pattern: /\]\(/ },
  { name: "escaped character `\\(`", pattern: /\\[()[\]_*#`{}]/ },
  // A reference to another page left unresolved (references.ts): a loader skipped linkDocuments.
  { name: "unresolved page reference", pattern: /[\uE000-\uE004]/ },
];

/**
 * What a reader sees of a section, without code: code blocks and spans show code as written
 * (template syntax included, when that is the subject), so they are left out.
 */
export function sectionProse(section: Pick<Section, "blocks"> & { heading?: string }): string {
  // The heading is shown too (in the breadcrumb and the section's title).
  const heading = section.heading === undefined ? [] : [section.heading];
  return heading
    .concat(
      section.blocks
        .filter((block) => !block.mrkdwn.trimStart().startsWith("```"))
        .map((block) =>
          block.mrkdwn
            .replace(/```[\s\S]*?```/g, "")
            .replace(/`[^`\n]*`/g, "")
            .replace(/^(?:> ?)+/gm, "")
            .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/g, "$2")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&amp;/g, "&"),
        ),
    )
    .join("\n\n");
}

/** The raw syntax a section would show, if any. */
export function findRawSyntax(
  section: Pick<Section, "blocks"> & { heading?: string },
): RawSyntax | undefined {
  const prose = sectionProse(section);
  return RAW_SYNTAX.find((entry) => entry.pattern.test(prose));
}
