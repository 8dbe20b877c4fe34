/**
 * One markdown file → a Document and its Sections. Pure: no file system, no clock.
 *
 * A section is a heading and the blocks up to the next heading (of any depth); text before the
 * first heading is the document's lead section.
 */

import { posix } from "node:path";
import GithubSlugger from "github-slugger";
import type { FootnoteDefinition, Heading, Root, RootContent } from "mdast";
import { directiveFromMarkdown } from "mdast-util-directive";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { toString as mdastToString } from "mdast-util-to-string";
import { directive } from "micromark-extension-directive";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { mdxjs } from "micromark-extension-mdxjs";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { rewriteDialects } from "./dialects.js";
import {
  DocumentParseError,
  readDate,
  readFrontmatter,
  readNumber,
  readQuestions,
  readReviewFields,
  readSources,
  readString,
  readStringList,
  readStringMap,
} from "./frontmatter.js";
import { linkMarker, MARKER_CHARACTERS, titleMarker } from "./markers.js";
import { escapeProse, mrkdwnLink } from "./mrkdwn.js";
import { findDeepNesting, MAX_NESTING } from "./nesting.js";
import { pseudoHeadingOf, readsAsTitle } from "./pseudo-headings.js";
import {
  NO_PAGES,
  type PageReference,
  resolveDocumentReferences,
  titleFromPath,
  withFileNameTitles,
} from "./references.js";
import {
  headingText,
  isAbsoluteLink,
  type Point,
  type RenderContext,
  renderBlocks,
} from "./render.js";
import { replaceWikiLinks, restoreLiteralDirectives } from "./syntax-tree.js";
import { stripTemplateTags } from "./template-tags.js";
import {
  type ContentBlock,
  type Document,
  type DocumentLink,
  type EmptyHeading,
  type ParsedDocument,
  type Section,
  UNORDERED,
} from "./types.js";

export type { DocumentLink, EmptyHeading, ParsedDocument } from "./types.js";
export { UNORDERED } from "./types.js";
export { DocumentParseError };

/** Frontmatter `questions` key for the lead section (text before the first heading). */
export const LEAD_KEY = "_lead";

/**
 * The section a heading at `index` sits in: the nearest one above it of a lower level (its
 * parent, or the page's opening text), else the one just above; undefined for a page's first.
 */
function enclosingSection(sections: readonly Section[], index: number): Section | undefined {
  const depth = sections[index]?.depth ?? 0;
  for (let j = index - 1; j >= 0; j--) {
    const candidate = sections[j];
    if (candidate !== undefined && candidate.depth < depth) return candidate;
  }
  return sections[index - 1];
}

/**
 * GFM without literal autolinks (bare `www.`/`https://`/emails becoming links). That one
 * extension tries to match at the start of every word and nearly doubles parse time; Slack
 * links bare URLs and addresses by itself, so nothing is lost. Everything else of GFM —
 * tables, footnotes, strike-through, task lists — is kept. Same packages remark-gfm uses.
 *
 * Directives (`:::note[Title]`) are Docusaurus' admonition syntax, and the form MkDocs
 * admonitions are rewritten to (dialects.ts). Text and leaf directives (`:name`) are rarely
 * meant in a handbook (`10:30` would be one), so they are put back as the text they were.
 */
const gfmExtensions = [gfmTable(), gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()];
const gfmFromMarkdown = [
  gfmTableFromMarkdown(),
  gfmFootnoteFromMarkdown(),
  gfmStrikethroughFromMarkdown(),
  gfmTaskListItemFromMarkdown(),
];
const markdownParser = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [...gfmExtensions, directive()])
  .data("fromMarkdownExtensions", [...gfmFromMarkdown, directiveFromMarkdown()])
  .freeze();

/**
 * MDX (`.mdx` only: MDX is strict, and ordinary markdown — HTML comments, a stray `{` — is not
 * valid MDX). ESM, expressions and JSX become syntax-tree nodes, so imports are dropped and
 * components keep their text by meaning, not by pattern.
 */
const mdxParser = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [...gfmExtensions, directive(), mdxjs()])
  .data("fromMarkdownExtensions", [...gfmFromMarkdown, directiveFromMarkdown(), mdxFromMarkdown()])
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
const EXPLICIT_ID = /\s*\{#([^\s{}]+)\}\s*$/;

function normaliseSource(source: string): string {
  const withoutBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = withoutBom.includes("\r") ? withoutBom.replace(/\r\n?/g, "\n") : withoutBom;
  // The reference markers' characters are ours alone (markers.ts): a page cannot forge one.
  return lines.replace(MARKER_CHARACTERS, "");
}

/**
 * Where Docusaurus or Hugo publish a page whose frontmatter moves it: `slug: /x` from the site
 * root, `slug: x` or `id: x` beside the file.
 */
function readSitePath(path: string, data: Record<string, unknown>): string | undefined {
  const slug = readString(data.slug);
  const id = readString(data.id);
  const directory = posix.dirname(path);
  const beside = (name: string) => (directory === "." ? name : `${directory}/${name}`);
  if (slug) return slug.startsWith("/") ? slug.replace(/^\/+/, "") : beside(slug);
  if (id && !id.includes("/")) return beside(id);
  return undefined;
}

/**
 * A heading's anchor in the two other common conventions: every run of non-alphanumerics as one
 * hyphen (Eleventy's slugify, GitBook: "cloud.gov" → `cloud-gov`), and spaces as
 * hyphens with punctuation kept (markdown-it-anchor's default: `x-(y)`).
 */
function otherSlugs(heading: string): string[] {
  const lower = heading.toLowerCase().trim();
  const hyphenate = (value: string) =>
    value.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  const spaced = lower.replace(/\s+/g, "-");
  // @sindresorhus/slugify (Eleventy) also spells `&` out: "M&IE" → `m-and-ie`.
  return [hyphenate(lower), hyphenate(lower.replace(/&/g, " and ")), spaced];
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
  /** A bold line read as a heading (pseudo-headings.ts): it has no anchor on the page. */
  pseudo?: boolean;
}

/** A FAQ's question marker, not words of the question: "Q: How much…" heads as "How much…". */
const QUESTION_MARKER = /^Q\s*[:.)]\s*/;

export interface ParseOptions {
  /**
   * Leave references to other pages as markers, listed in `pageReferences`, for
   * `resolvePageReferences` to fill in once the whole handbook is parsed (the loaders do). By
   * default a page parsed on its own resolves them against no handbook: links keep their words
   * and a Hugo `ref` reads as its target's file name.
   */
  deferReferences?: boolean;
}

export function parseDocument(
  path: string,
  source: string,
  options: ParseOptions = {},
): ParsedDocument {
  const normalised = normaliseSource(source);
  const frontmatter = readFrontmatter(normalised);
  const data = frontmatter.data;
  const rewritten = rewriteDialects(frontmatter.body);
  const references: PageReference[] = [];
  const stripped = stripTemplateTags(rewritten.text, {
    pageTitle(target) {
      references.push({ kind: "title", target });
      return titleMarker(references.length - 1);
    },
  });
  const fileLine = (point: Point | undefined): number => {
    if (!point) return frontmatter.bodyLineOffset + 1;
    return (
      frontmatter.bodyLineOffset +
      rewritten.originalLine(stripped.originalLine(point.line, point.offset ?? 0))
    );
  };

  // Checked before parsing: the parser's cost and stack depth grow with nesting.
  const deep = findDeepNesting(stripped.text);
  if (deep !== undefined) {
    throw new DocumentParseError(
      `lists or quotes nested more than ${MAX_NESTING} levels deep; the file is skipped (flatten that line)`,
      fileLine({ line: deep.line, offset: deep.offset }),
    );
  }
  let tree: Root;
  if (/\.mdx$/i.test(path)) {
    try {
      tree = mdxParser.parse(stripped.text) as Root;
    } catch (error) {
      const place = error as { line?: number; reason?: string; message?: string };
      const line = typeof place.line === "number" ? fileLine({ line: place.line }) : undefined;
      throw new DocumentParseError(
        `not valid MDX: ${place.reason ?? place.message ?? String(error)}`,
        line,
      );
    }
  } else {
    tree = parseMarkdown(stripped.text);
  }
  restoreLiteralDirectives(tree, stripped.text);
  replaceWikiLinks(tree);

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
    pageLink(target, anchor, wiki, label, at) {
      const reference: PageReference = { kind: wiki ? "wiki" : "link", target, line: fileLine(at) };
      if (anchor !== undefined) reference.anchor = anchor;
      references.push(reference);
      return { text: label.text, mrkdwn: linkMarker(references.length - 1, label.mrkdwn) };
    },
  };

  // Cut the top-level nodes into groups at headings.
  const groups: Group[] = [
    { heading: undefined, headingText: "", explicitId: undefined, nodes: [] },
  ];
  // A bold line standing for a heading (pseudo-headings.ts) heads a section one level below the
  // real heading it follows.
  let realDepth = 1;
  tree.children.forEach((node, i) => {
    if (node.type === "heading") {
      let text = headingText(node, context);
      const explicitId = EXPLICIT_ID.exec(text)?.[1];
      if (explicitId) text = text.replace(EXPLICIT_ID, "");
      // A heading with no words (only a template tag, say) cannot head a section.
      if (text) {
        groups.push({ heading: node, headingText: text, explicitId, nodes: [] });
        realDepth = node.depth;
        return;
      }
    }
    const pseudo = pseudoHeadingOf(node, tree.children[i + 1]);
    // Judged on its words alone (no HTML around them) before it is rendered: rendering records
    // the links it holds, and must do so once.
    const words =
      pseudo === undefined
        ? ""
        : mdastToString(pseudo.heading, { includeHtml: false, includeImageAlt: false });
    if (pseudo && readsAsTitle(words.replace(QUESTION_MARKER, ""))) {
      const heading: Heading = {
        type: "heading",
        depth: Math.min(6, realDepth + 1) as Heading["depth"],
        children: pseudo.heading,
        ...(node.position && { position: node.position }),
      };
      const text = headingText(heading, context).replace(QUESTION_MARKER, "");
      if (text) {
        const nodes = pseudo.rest ? [pseudo.rest] : [];
        groups.push({ heading, headingText: text, explicitId: undefined, nodes, pseudo: true });
        return;
      }
    }
    groups[groups.length - 1]?.nodes.push(node);
  });

  const firstH1 = groups.find((group) => group.heading?.depth === 1)?.headingText;
  const frontmatterTitle = readString(data.title);
  const title = frontmatterTitle ?? firstH1 ?? titleFromPath(path);

  const document: Document = {
    path,
    title,
    tags: readStringList(data.tags),
    // Docusaurus calls it `sidebar_position`, Hugo `weight`.
    order:
      readNumber(data.order) ??
      readNumber(data.sidebar_position) ??
      readNumber(data.weight) ??
      UNORDERED,
    sources: readSources(data.sources),
    // `keywords` is the same lever under the name Jekyll, Hugo and MkDocs sites already use.
    aliases: [...new Set([...readStringList(data.aliases), ...readStringList(data.keywords)])],
  };
  const url = readString(data.url);
  if (url) document.url = url;
  const sitePath = readSitePath(path, data);
  if (sitePath !== undefined) document.sitePath = sitePath;
  const owner = readString(data.owner);
  if (owner) document.owner = owner;
  const owners = readStringMap(data.owners);
  if (owners !== undefined) document.owners = owners;
  // Hugo dates a page with `lastmod` (its last change) and `date` (when it was written).
  const updated =
    readDate(data.updated) ??
    readDate(data.last_reviewed) ??
    readDate(data.last_reviewed_on) ??
    readDate(data.lastmod) ??
    readDate(data.date);
  if (updated) document.updated = updated;
  Object.assign(document, readReviewFields(data));
  // Hugo and Jekyll spell an unpublished page the same way.
  if (data.draft === true || data.draft === "true")
    document.draft = data.captured_from === "slack" ? "slack" : "page";

  const questions = readQuestions(data.questions);
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  const anchors: string[] = [];
  const anchorAliases: string[] = [];
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

  // Anchors as the site makes them, in page order over the real headings; a bold line read as a
  // heading takes an id after them all, so it never shifts a real heading's anchor ("cadence"
  // stays the real heading's, the bold one is "cadence-1").
  const anchorTextOf = (group: Group) =>
    withFileNameTitles(group.explicitId ?? group.headingText, references);
  const slugs = new Map<Group, string>();
  for (const pass of [false, true]) {
    for (const group of groups) {
      if (group.heading && (group.pseudo ?? false) === pass) {
        slugs.set(group, slugger.slug(anchorTextOf(group)));
      }
    }
  }
  /** The anchor of the last real heading: where a bold line's section is on the page. */
  let realAnchor = "";

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
    // A heading's anchor never depends on other pages: a `ref` in it counts as its file name.
    const slug = slugs.get(group) ?? "";
    if (!group.pseudo) {
      anchors.push(slug);
      anchorAliases.push(...otherSlugs(anchorTextOf(group)));
      realAnchor = slug;
    }
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
      ...(group.pseudo && { anchor: realAnchor }),
    });
  }

  // The page's `description` (GitBook shows it under the title; Docusaurus, Hugo, MkDocs and
  // Jekyll sites use it as the page's summary) leads the page's opening section: the text before
  // the first heading, or the section under the title heading; a page that opens with another
  // heading gets a lead section for it. Done before folding, so a title heading with only a
  // description is not empty. A description the opening text already starts with (the first
  // sentence copied into the frontmatter, a common habit) is not repeated.
  const description = readString(data.description)?.replace(/\s+/g, " ");
  if (description) {
    const block: ContentBlock = { text: description, mrkdwn: escapeProse(description) };
    const first = sections[0];
    if (first && (first.depth === 0 || (first.depth === 1 && sameTitle(first.heading, title)))) {
      if (!sameTitle(first.text.slice(0, description.length), description)) {
        first.blocks.unshift(block);
        first.text = joinText(first.blocks);
      }
    } else {
      sections.unshift(leadSection([block], frontmatter.keyLines.description ?? 1));
    }
  }
  // A heading with no text of its own is folded into what follows: its subsections carry it in
  // their breadcrumbs (and inherit its author questions), so it is never an answer or a Home
  // entry by itself. A heading with neither text nor subsections says its one thing in the
  // heading ("4. Security reviews your completed eQIP" among numbered steps): it becomes a line
  // of the section it sits in, the nearest one above of a lower level, so its words are still
  // found and shown (content:check reports it). Only a page's first section has nowhere to go.
  const emptyHeadings: EmptyHeading[] = [];
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i] as Section;
    if (section.depth === 0 || section.blocks.length > 0) continue;
    const next = sections[i + 1];
    const hasSubsections = next !== undefined && next.depth > section.depth;
    if (hasSubsections && next.questions.length === 0) next.questions = section.questions;
    const keeper = hasSubsections ? undefined : enclosingSection(sections, i);
    if (keeper !== undefined) {
      keeper.blocks.push({ text: section.heading, mrkdwn: escapeProse(section.heading) });
      keeper.text = joinText(keeper.blocks);
    }
    emptyHeadings.push({
      heading: section.heading,
      line: section.line,
      hasSubsections,
      ...(keeper !== undefined && { keptIn: keeper.heading }),
    });
    sections.splice(i, 1);
    i--;
  }
  sections.forEach((section, index) => {
    section.order = index;
  });

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

  const parsed: ParsedDocument = {
    document,
    sections,
    frontmatter: data,
    frontmatterLines: frontmatter.keyLines,
    links,
    anchors,
    hasHeadingTitle: firstH1 !== undefined,
    pageReferences: references,
    emptyHeadings,
    anchorAliases,
    missingPages: [],
  };
  if (options.deferReferences) return parsed;
  return resolveDocumentReferences(parsed, NO_PAGES);
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
