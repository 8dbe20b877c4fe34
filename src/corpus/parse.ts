/**
 * One markdown file → a Document and its Sections. Pure: no file system, no clock.
 *
 * A section is a heading and the blocks up to the next heading (of any depth); text before the
 * first heading is the document's lead section.
 */
import GithubSlugger from "github-slugger";
import type { FootnoteDefinition, Heading, Root, RootContent } from "mdast";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { withoutDocumentExtension } from "./file-types.js";
import {
  DocumentParseError,
  readDate,
  readFrontmatter,
  readNumber,
  readQuestions,
  readSources,
  readString,
  readStringList,
} from "./frontmatter.js";
import { escapeProse, mrkdwnLink } from "./mrkdwn.js";
import { findDeepNesting, MAX_NESTING } from "./nesting.js";
import {
  headingText,
  isAbsoluteLink,
  type Point,
  type RenderContext,
  renderBlocks,
} from "./render.js";
import { stripTemplateTags } from "./template-tags.js";
import type { ContentBlock, Document, Section } from "./types.js";

export { DocumentParseError } from "./frontmatter.js";

/** Sort key for documents without `order`: after every ordered one. */
export const UNORDERED = Number.MAX_SAFE_INTEGER;

/** Frontmatter `questions` key for the lead section (text before the first heading). */
export const LEAD_KEY = "_lead";

/** A link found in the body, for the link checker. */
export interface DocumentLink {
  url: string;
  /** 1-based line in the file. */
  line: number;
}

export interface ParsedDocument {
  document: Document;
  sections: Section[];
  /** The raw frontmatter fields, for content:check. */
  frontmatter: Record<string, unknown>;
  /** 1-based file line of each frontmatter key. */
  frontmatterLines: Record<string, number>;
  links: DocumentLink[];
  /** Every heading anchor in the document (section slugs), for link checking. */
  anchors: string[];
  /** True when the document has a first-level heading to take its title from. */
  hasHeadingTitle: boolean;
}

/**
 * GFM without literal autolinks (bare `www.`/`https://`/emails becoming links). That one
 * extension tries to match at the start of every word and nearly doubles parse time; Slack
 * links bare URLs and addresses by itself, so nothing is lost. Everything else of GFM —
 * tables, footnotes, strike-through, task lists — is kept. Same packages remark-gfm uses.
 */
const markdownParser = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [gfmTable(), gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()])
  .data("fromMarkdownExtensions", [
    gfmTableFromMarkdown(),
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ])
  .freeze();

/**
 * The parse, with a stack overflow (structures the nesting pre-scan does not see, such as
 * thousands of nested emphasis markers) reported as the file's problem rather than a crash.
 */
function parseMarkdown(text: string): Root {
  try {
    return markdownParser.parse(text) as Root;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DocumentParseError(`markdown too deeply nested to parse (${error.message})`);
    }
    throw error;
  }
}

/** Docusaurus-style explicit heading ids: `## Heading {#custom-id}`. */
const EXPLICIT_ID = /\s*\{#([\w-]+)\}\s*$/;

function normaliseSource(source: string): string {
  const withoutBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return withoutBom.includes("\r") ? withoutBom.replace(/\r\n?/g, "\n") : withoutBom;
}

/** MDX: ESM lines and `{/* comments *\/}` are code, not text. Line breaks are kept. */
function stripMdxSyntax(body: string): string {
  const blank = (chunk: string) => chunk.replace(/[^\n]/g, "");
  return body
    .replace(/^(?:import|export)\s[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*/gm, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank);
}

/**
 * Docusaurus admonitions (`:::tip Title` … `:::`): the fences go, a title stays as a bold lead.
 * Line breaks are kept so line numbers stay true.
 */
function stripAdmonitionFences(body: string): string {
  if (!body.includes(":::")) return body;
  return body.replace(/^[ \t]*:::+[ \t]*([A-Za-z]*)[ \t]*(.*)$/gm, (_line, _kind, title: string) =>
    title.trim() ? `**${title.trim()}${/[.!?:]$/.test(title.trim()) ? "" : ":"}**` : "",
  );
}

function titleFromPath(path: string): string {
  const parts = path.split("/");
  let name = withoutDocumentExtension(parts[parts.length - 1] ?? path);
  if (/^(?:index|readme|_index)$/i.test(name) && parts.length > 1) {
    name = parts[parts.length - 2] ?? name;
  }
  const words =
    name
      .replace(/^\d+[-_.]\s*/, "")
      .replace(/[-_]+/g, " ")
      .trim() || name;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function sameTitle(a: string, b: string): boolean {
  const normalise = (value: string) => value.toLowerCase().replace(/\s+/g, " ").trim();
  return normalise(a) === normalise(b);
}

interface Group {
  heading: Heading | undefined;
  headingText: string;
  explicitId: string | undefined;
  nodes: RootContent[];
}

export function parseDocument(path: string, source: string): ParsedDocument {
  const normalised = normaliseSource(source);
  const frontmatter = readFrontmatter(normalised);
  const data = frontmatter.data;
  let body = frontmatter.body;
  if (/\.mdx$/i.test(path)) body = stripMdxSyntax(body);
  body = stripAdmonitionFences(body);
  const stripped = stripTemplateTags(body);

  const fileLine = (point: Point | undefined): number => {
    if (!point) return frontmatter.bodyLineOffset + 1;
    return frontmatter.bodyLineOffset + stripped.originalLine(point.line, point.offset ?? 0);
  };

  // Checked before parsing: the parser's cost and stack depth grow with nesting.
  const deep = findDeepNesting(stripped.text);
  if (deep !== undefined) {
    throw new DocumentParseError(
      `lists or quotes nested more than ${MAX_NESTING} levels deep; the file is skipped (flatten that line)`,
      fileLine({ line: deep.line, offset: deep.offset }),
    );
  }
  const tree = parseMarkdown(stripped.text);

  const definitions = new Map<string, string>();
  const footnoteDefinitions = new Map<string, FootnoteDefinition>();
  const referencedFootnotes = new Set<string>();
  visit(tree, (node) => {
    if (node.type === "definition") {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    } else if (node.type === "footnoteDefinition") {
      footnoteDefinitions.set(node.identifier, node);
    } else if (node.type === "footnoteReference") {
      referencedFootnotes.add(node.identifier);
    }
  });

  const links: DocumentLink[] = [];
  const footnoteNumbers = new Map<string, number>();
  let sectionFootnotes: string[] = [];
  const context: RenderContext = {
    definitions,
    footnote(identifier) {
      let number = footnoteNumbers.get(identifier);
      if (number === undefined) {
        number = footnoteNumbers.size + 1;
        footnoteNumbers.set(identifier, number);
      }
      if (!sectionFootnotes.includes(identifier)) sectionFootnotes.push(identifier);
      return number;
    },
    link(url, at) {
      links.push({ url, line: fileLine(at) });
    },
  };

  // Cut the top-level nodes into groups at headings.
  const groups: Group[] = [
    { heading: undefined, headingText: "", explicitId: undefined, nodes: [] },
  ];
  for (const node of tree.children) {
    if (node.type === "heading") {
      let text = headingText(node, context);
      const explicitId = EXPLICIT_ID.exec(text)?.[1];
      if (explicitId) text = text.replace(EXPLICIT_ID, "");
      // A heading with no words (only a template tag, say) cannot head a section.
      if (text) {
        groups.push({ heading: node, headingText: text, explicitId, nodes: [] });
        continue;
      }
    }
    groups[groups.length - 1]?.nodes.push(node);
  }

  const firstH1 = groups.find((group) => group.heading?.depth === 1)?.headingText;
  const frontmatterTitle = readString(data.title);
  const title = frontmatterTitle ?? firstH1 ?? titleFromPath(path);

  const document: Document = {
    path,
    title,
    tags: readStringList(data.tags),
    order: readNumber(data.order) ?? readNumber(data.sidebar_position) ?? UNORDERED,
    sources: readSources(data.sources),
    // `keywords` is the same lever under the name Jekyll, Hugo and MkDocs sites already use.
    aliases: [...new Set([...readStringList(data.aliases), ...readStringList(data.keywords)])],
  };
  const url = readString(data.url);
  if (url) document.url = url;
  const owner = readString(data.owner);
  if (owner) document.owner = owner;
  const updated =
    readDate(data.updated) ?? readDate(data.last_reviewed) ?? readDate(data.last_reviewed_on);
  if (updated) document.updated = updated;

  const questions = readQuestions(data.questions);
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  const anchors: string[] = [];
  const trail: { depth: number; text: string }[] = [];
  // The text before the first heading, or a redirect's pointer: titled by the document.
  const leadSection = (blocks: ContentBlock[], line: number): Section => ({
    id: path,
    document,
    heading: title,
    breadcrumb: [],
    depth: 0,
    order: sections.length,
    line,
    blocks,
    text: joinText(blocks),
    questions: questions.get(LEAD_KEY) ?? [],
  });

  for (const group of groups) {
    sectionFootnotes = [];
    const blocks: ContentBlock[] = [];
    let firstBlockAt: Point | undefined;
    for (const node of group.nodes) {
      const before = blocks.length;
      if (node.type === "footnoteDefinition") {
        // Cited notes travel with the citing section (below); uncited ones stay where they are.
        if (!referencedFootnotes.has(node.identifier)) {
          blocks.push(...footnoteBlocks(node, node.label ?? node.identifier, context));
        }
      } else {
        blocks.push(...renderBlocks([node], context));
      }
      if (blocks.length > before && !firstBlockAt) firstBlockAt = node.position?.start;
    }
    // Footnotes travel with the section that cites them; an answer shows the note with it.
    for (let i = 0; i < sectionFootnotes.length; i++) {
      const identifier = sectionFootnotes[i] ?? "";
      const definition = footnoteDefinitions.get(identifier);
      if (definition) {
        const number = footnoteNumbers.get(identifier) ?? 0;
        blocks.push(...footnoteBlocks(definition, String(number), context));
      }
    }

    if (!group.heading) {
      if (blocks.length > 0) sections.push(leadSection(blocks, fileLine(firstBlockAt)));
      continue;
    }

    const depth = group.heading.depth;
    const slug = slugger.slug(group.explicitId ?? group.headingText);
    anchors.push(slug);
    while (trail.length > 0 && (trail[trail.length - 1]?.depth ?? 0) >= depth) trail.pop();
    trail.push({ depth, text: group.headingText });
    const breadcrumb = trail.map((entry) => entry.text);
    if (breadcrumb.length > 0 && sameTitle(breadcrumb[0] ?? "", title)) breadcrumb.shift();

    sections.push({
      id: `${path}#${slug}`,
      document,
      heading: group.headingText,
      breadcrumb,
      depth,
      order: sections.length,
      line: fileLine(group.heading.position?.start),
      blocks,
      text: joinText(blocks),
      questions: questions.get(slug) ?? [],
    });
  }

  // A page that only redirects elsewhere (Jekyll `redirect_to`) still answers "where is X?".
  // A site path cannot be linked from here (the site's base URL is configuration), so it is
  // named as code rather than dropped: the page still loads and still tells the reader where.
  const redirect = readString(data.redirect_to);
  if (sections.length === 0 && redirect) {
    const target = isAbsoluteLink(redirect)
      ? mrkdwnLink(redirect, escapeProse(title))
      : `\`${escapeProse(redirect)}\``;
    const blocks = [
      {
        text: `${title} has moved to ${redirect}`,
        mrkdwn: `${escapeProse(title)} has moved to ${target}.`,
      },
    ];
    sections.push(leadSection(blocks, frontmatter.keyLines.redirect_to ?? 1));
  }

  // `_lead` questions belong to the opening text; with no lead section, to the first section.
  const leadQuestions = questions.get(LEAD_KEY);
  const first = sections[0];
  if (leadQuestions && first && first.depth !== 0 && first.questions.length === 0) {
    first.questions = leadQuestions;
  }

  return {
    document,
    sections,
    frontmatter: data,
    frontmatterLines: frontmatter.keyLines,
    links,
    anchors,
    hasHeadingTitle: firstH1 !== undefined,
  };
}

function footnoteBlocks(
  definition: FootnoteDefinition,
  label: string,
  context: RenderContext,
): ContentBlock[] {
  const blocks = renderBlocks(definition.children, context);
  if (blocks.length === 0) return [];
  const text = blocks.map((block) => block.text).join("\n");
  const mrkdwn = blocks.map((block) => block.mrkdwn).join("\n");
  const marker = `[${escapeProse(label)}]`;
  return [{ text: `[${label}] ${text}`, mrkdwn: `${marker} ${mrkdwn}` }];
}

function joinText(blocks: readonly ContentBlock[]): string {
  return blocks.map((block) => block.text).join("\n\n");
}
