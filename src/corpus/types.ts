/**
 * The knowledge base as the rest of the bot sees it: documents cut into sections.
 * Everything here is plain data, so it can be built once, shared, and swapped on reload.
 */

/** Where a document's facts came from, as declared in its `sources` frontmatter. */
export interface SourceRef {
  title: string;
  url?: string;
}

export interface Document {
  /** Path relative to the content root, with forward slashes: `roles/scrum-master.md`. */
  path: string;
  title: string;
  tags: string[];
  /** `order` (or Docusaurus `sidebar_position`); documents without one sort last. */
  order: number;
  sources: SourceRef[];
  /** Other names for the document's subject; an author's lever on retrieval. */
  aliases: string[];
  /** An explicit link for the document (`url` frontmatter); otherwise DOCS_BASE_URL + path. */
  url?: string;
  /**
   * The page's path on the published site when its frontmatter moves it (Docusaurus and Hugo
   * `slug`, Docusaurus `id`), relative to the site root with no leading slash; otherwise the
   * site path follows the file path.
   */
  sitePath?: string;
  /** Slack user (`U…`) or channel (`C…`) id responsible for the document. */
  owner?: string;
  /**
   * Owners per workspace (`owners: { T012AB3CD: U045EF6GH }`): with the bot installed in several
   * workspaces, a Slack id is valid in one only, so each workspace names its own.
   */
  owners?: Readonly<Record<string, string>>;
  /** `updated` or `last_reviewed`, as an ISO date (YYYY-MM-DD). */
  updated?: string;
  /** `last_reviewed` or tech docs' `last_reviewed_on`, as an ISO date: when a person last checked it. */
  reviewed?: string;
  /** How often the page is to be reviewed (tech docs' `review_in: 6 months`). */
  reviewIn?: ReviewInterval;
  /**
   * `draft: true`: not reviewed yet, so searched only with SERVE_DRAFTS. `slack` for an answer
   * captured from Slack with "Add to handbook" (`captured_from: slack`), `page` for any other.
   */
  draft?: DraftKind;
}

export type DraftKind = "slack" | "page";

export type ReviewUnit = "day" | "week" | "month" | "year";

/** A review period as written in frontmatter: "6 months" is `{ count: 6, unit: "month" }`. */
export interface ReviewInterval {
  count: number;
  unit: ReviewUnit;
}

/** One block of a section body (paragraph, list, table, code, quote), in two renderings. */
export interface ContentBlock {
  /** Plain text: no markup, words of adjacent items never glued together. */
  text: string;
  /** Slack mrkdwn: *bold*, _italic_, `code`, <url|text>, • bullets. Never raw markdown syntax. */
  mrkdwn: string;
}

export interface Section {
  /** `path#slug`, stable across loads and unique within the knowledge base. */
  id: string;
  document: Document;
  /** This section's heading; the document title for text before the first heading. */
  heading: string;
  /** Heading path down to this section; a top heading equal to the title is left out. */
  breadcrumb: string[];
  /** 0 for text before the first heading, otherwise the heading depth (1–6). */
  depth: number;
  /** Global reading order: by document order, then position in the document. */
  order: number;
  /** 1-based line of the heading (or of the first body line) in the source file. */
  line: number;
  blocks: ContentBlock[];
  /** The blocks' plain text joined with blank lines. */
  text: string;
  /** Sample questions an author attached to this section (frontmatter `questions`). */
  questions: string[];
  /**
   * Where the section is on the published page, when that is not its id's anchor: a bold line
   * read as a heading (pseudo-headings.ts) has no anchor of its own, so this is the last real
   * heading's before it, or "" for the top of the page.
   */
  anchor?: string;
}

export interface LoadWarning {
  /** Path relative to the content root. */
  file: string;
  line?: number;
  reason: string;
}

export interface KnowledgeBase {
  /** Absolute path of the content root. */
  root: string;
  documents: Document[];
  sections: Section[];
  /** Files that were skipped, and why. */
  warnings: LoadWarning[];
}

/** Sort key for documents without `order`: after every ordered one. */
export const UNORDERED = Number.MAX_SAFE_INTEGER;

/** One reference to another page, as the author wrote it. */
export interface PageReference {
  /**
   * `title`: a Hugo `ref` printed in prose, read as the page's title. `wiki`: a wiki link, which
   * names a page loosely (by file name, as Obsidian does). `link`: a markdown link, which names
   * a file by its path.
   */
  kind: "title" | "wiki" | "link";
  /** The page as written: `travel-policy.md`, `Oncall-Rotation`, `../guides/x.md`. */
  target: string;
  /** The heading anchor, without `#`, as it goes into the page's URL. */
  anchor?: string;
  /** 1-based line in the file (a wiki link's, for content:check). */
  line?: number;
}

/** A link found in the body, for the link checker. */
export interface DocumentLink {
  url: string;
  /** 1-based line in the file. */
  line: number;
}

export interface EmptyHeading {
  heading: string;
  line: number;
  /** True when subsections follow it (it heads them); false when it heads nothing at all. */
  hasSubsections: boolean;
  /** The heading of the section it became a line of, when it heads nothing. */
  keptIn?: string;
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
  /**
   * The same headings' anchors as other site generators write them, for link checking: links
   * in a handbook follow its own generator's convention, not GitHub's.
   */
  anchorAliases: string[];
  /**
   * Wiki links (`[[Page]]`) naming a page the handbook does not have: they read as words. Known
   * once references are resolved against the handbook (references.ts); empty before.
   */
  missingPages: DocumentLink[];
  /** Headings with no text of their own, folded away (see parseDocument). */
  emptyHeadings: EmptyHeading[];
  /**
   * Other pages this document refers to (links, wiki links, Hugo `ref`s), whose markers its text
   * holds until `resolvePageReferences` fills them in; empty once resolved or when there are none.
   */
  pageReferences: PageReference[];
}
