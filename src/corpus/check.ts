/**
 * content:check rules: strict where loading is lenient. Pure over parsed documents and the list
 * of markdown files, so it can run in tests, in CI and before a reload.
 */
import path from "node:path";
import { documentFreshness, formatInterval, parseReviewInterval } from "./freshness.js";
import { isHttpUrl, isRecord, readDate } from "./frontmatter.js";
import { LEAD_KEY, type ParsedDocument } from "./parse.js";
import { findRawSyntax } from "./raw-syntax.js";
import type { LoadWarning, Section } from "./types.js";

export type Severity = "error" | "warning";

export interface ContentProblem {
  /** Path relative to the content root. */
  file: string;
  /** 1-based line in the file. */
  line: number;
  severity: Severity;
  /** The kind of problem, for the summary: "broken link", "section too long", … */
  kind: string;
  message: string;
}

export interface CheckInput {
  documents: readonly ParsedDocument[];
  warnings: readonly LoadWarning[];
  /** Every markdown file under the root (relative paths), loaded or not. */
  files: readonly string[];
  /** Today, for pages past their review date; the current time when omitted. */
  now?: Date;
}

export interface CheckOptions {
  /**
   * Also check this project's authoring fields: `tags`, `order` and `sources` must be present
   * and well-formed, `url` absolute, titles unique. Off by default: a handbook written for
   * another site works without them.
   */
  strict?: boolean;
}

/**
 * Section length limits, in characters of the section's mrkdwn.
 * - Slack shows at most 50 blocks of 3,000 characters in one message: beyond that a section
 *   cannot be sent whole at all.
 * - Past 12,000 characters a section is too long to read in a chat reply (it is also Slack's
 *   cap for markdown blocks in one message): an error, split it.
 * - Past 3,000 characters it no longer fits one section block and gets cut into several,
 *   with "see more" folds: a warning, worth splitting.
 */
export const SECTION_LIMITS = {
  slackMessageChars: 50 * 3000,
  readableChars: 12_000,
  singleBlockChars: 3000,
} as const;

/** Load warnings for files that read fine but hold no text (see loadDocumentFile). */
const EMPTY_PAGE = /^(?:empty file|no content after the frontmatter)/;
const OWNER_ID = /^[UCWG][A-Z0-9]+$/;
/** A workspace (`T…`) or, for an org-wide install, an enterprise (`E…`). */
const WORKSPACE_ID = /^[TE][A-Z0-9]+$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isValidDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "object" ? "a map" : `${typeof value} ${JSON.stringify(value)}`;
}

function checkFrontmatter(parsed: ParsedDocument, report: Report, strict: boolean): void {
  const data = parsed.frontmatter;
  const lineOf = (key: string) => parsed.frontmatterLines[key] ?? 1;
  const error = (key: string, message: string, kind = "invalid frontmatter field") =>
    report(lineOf(key), "error", kind, message);

  // A title is needed only when neither the frontmatter nor a first heading gives one (the file
  // name is a poor title for an answer).
  if (!("title" in data)) {
    if (!parsed.hasHeadingTitle) {
      report(
        1,
        "warning",
        "no title",
        "no `title` in frontmatter and no `# heading`: the file name is used",
      );
    }
  } else if (typeof data.title !== "string" || !data.title.trim()) {
    error("title", `\`title\` must be a non-empty string, not ${describe(data.title)}`);
  }

  // This project's authoring fields: required and checked with --strict only. Real handbooks
  // rarely carry them, and the bot does well without them.
  if (strict) {
    for (const key of ["tags", "order", "sources"]) {
      if (!(key in data) && !(key === "order" && "sidebar_position" in data)) {
        report(1, "error", "missing authoring field", `no \`${key}\` in frontmatter (--strict)`);
      }
    }
    if ("tags" in data && !isStringArray(data.tags)) {
      error("tags", `\`tags\` must be a list of strings, not ${describe(data.tags)}`);
    }
    const orderKey =
      "order" in data ? "order" : "sidebar_position" in data ? "sidebar_position" : "";
    if (orderKey && (typeof data[orderKey] !== "number" || !Number.isFinite(data[orderKey]))) {
      error(orderKey, `\`${orderKey}\` must be a number, not ${describe(data[orderKey])}`);
    }
    if ("sources" in data && !Array.isArray(data.sources)) {
      error("sources", `\`sources\` must be a list, not ${describe(data.sources)}`);
    } else if (Array.isArray(data.sources)) {
      data.sources.forEach((source: unknown, index) => {
        if (typeof source === "string" && source.trim()) return;
        if (!isRecord(source) || typeof source.title !== "string" || !source.title.trim()) {
          error("sources", `\`sources[${index}]\` needs a \`title\` (or be a plain string)`);
        } else if (
          source.url !== undefined &&
          (typeof source.url !== "string" || !isHttpUrl(source.url))
        ) {
          error("sources", `\`sources[${index}].url\` must be an absolute http(s) URL`);
        }
      });
    }
  }

  // A comma-separated string reads as a list when loading; only --strict asks for a list.
  for (const field of ["aliases", "keywords"]) {
    const value = data[field];
    if (field in data && !isStringArray(value) && (strict || typeof value !== "string")) {
      error(field, `\`${field}\` must be a list of strings, not ${describe(data[field])}`);
    }
  }

  // Other sites use `questions` for their own lists: only a map is ours (or any, with --strict).
  if ("questions" in data) {
    if (!isRecord(data.questions)) {
      if (strict) {
        error("questions", "`questions` must map heading slugs (or `_lead`) to lists of questions");
      }
    } else {
      const anchors = new Set(parsed.anchors);
      for (const [key, list] of Object.entries(data.questions)) {
        if (key !== LEAD_KEY && !anchors.has(key)) {
          const known = parsed.anchors.slice(0, 8).join(", ");
          error("questions", `\`questions.${key}\` matches no heading (slugs: ${known || "none"})`);
        }
        if (!isStringArray(list))
          error("questions", `\`questions.${key}\` must be a list of strings`);
      }
    }
  }

  // Static-site generators use `url` for a site path (`/about/`): only an absolute one is a
  // link the bot can use, so anything else is ignored unless --strict.
  if ("url" in data && (typeof data.url !== "string" || !isHttpUrl(data.url))) {
    if (strict || typeof data.url !== "string")
      error("url", "`url` must be an absolute http(s) URL");
  }

  if ("owner" in data && (typeof data.owner !== "string" || !OWNER_ID.test(data.owner))) {
    error("owner", "`owner` must be a Slack user or channel id such as U012AB3CD or C012AB3CD");
  }

  if ("owners" in data) {
    const owners = data.owners;
    const valid =
      typeof owners === "object" &&
      owners !== null &&
      !Array.isArray(owners) &&
      Object.entries(owners as Record<string, unknown>).every(
        ([team, owner]) =>
          WORKSPACE_ID.test(team) && typeof owner === "string" && OWNER_ID.test(owner),
      );
    if (!valid)
      error(
        "owners",
        "`owners` must map workspace ids to Slack user or channel ids, such as `owners: { T012AB3CD: U045EF6GH }`",
      );
  }

  for (const key of ["updated", "last_reviewed"]) {
    if (!(key in data)) continue;
    const value = data[key];
    const valid =
      (value instanceof Date && !Number.isNaN(value.getTime())) ||
      (typeof value === "string" && isValidDay(value.trim()));
    if (!valid) error(key, `\`${key}\` must be a date written YYYY-MM-DD`);
  }
}

function mrkdwnLength(section: Section): number {
  return (
    section.blocks.reduce((sum, block) => sum + block.mrkdwn.length, 0) +
    Math.max(0, section.blocks.length - 1) * 2
  );
}

function checkSections(parsed: ParsedDocument, report: Report): void {
  for (const empty of parsed.emptyHeadings) {
    if (!empty.hasSubsections) {
      report(
        empty.line,
        "warning",
        "empty heading",
        empty.keptIn === undefined
          ? `heading "${empty.heading}" has no text and no subsections: it is left out`
          : `heading "${empty.heading}" has no text and no subsections: it is shown as a line of "${empty.keptIn}"`,
      );
    }
  }
  for (const section of parsed.sections) {
    const length = mrkdwnLength(section);
    if (length > SECTION_LIMITS.slackMessageChars) {
      report(
        section.line,
        "error",
        "section too long",
        `section "${section.heading}" is ${length} characters: more than one Slack message can hold (${SECTION_LIMITS.slackMessageChars}); split it`,
      );
    } else if (length > SECTION_LIMITS.readableChars) {
      report(
        section.line,
        "error",
        "section too long",
        `section "${section.heading}" is ${length} characters: too long to read in Slack (limit ${SECTION_LIMITS.readableChars}); split it under more headings`,
      );
    } else if (length > SECTION_LIMITS.singleBlockChars) {
      report(
        section.line,
        "warning",
        "long section",
        `section "${section.heading}" is ${length} characters: over ${SECTION_LIMITS.singleBlockChars}, Slack will fold it; consider splitting`,
      );
    }
    const raw = findRawSyntax(section);
    if (raw) {
      report(
        section.line,
        "error",
        "raw syntax in an answer",
        `section "${section.heading}" would show ${raw.name}`,
      );
    }
  }
}

function splitLink(url: string): { target: string; anchor: string } {
  const hash = url.indexOf("#");
  const withoutAnchor = hash === -1 ? url : url.slice(0, hash);
  const anchor = hash === -1 ? "" : url.slice(hash + 1);
  return { target: withoutAnchor.replace(/\?.*$/, ""), anchor };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function checkLinks(
  parsed: ParsedDocument,
  files: ReadonlySet<string>,
  anchorsByFile: ReadonlyMap<string, ReadonlySet<string>>,
  report: Report,
): void {
  for (const missing of parsed.missingPages) {
    report(
      missing.line,
      "warning",
      "wiki link to a missing page",
      `wiki link [[${missing.url}]]: no such page in the handbook (its words are kept)`,
    );
  }
  const ownAnchors = anchorsByFile.get(parsed.document.path);
  for (const link of parsed.links) {
    const url = link.url.trim();
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) continue;
    const { target, anchor } = splitLink(url);
    const decodedAnchor = safeDecode(anchor);
    if (!target) {
      if (decodedAnchor && ownAnchors && !ownAnchors.has(decodedAnchor)) {
        report(
          link.line,
          "error",
          "broken link",
          `broken link: no heading #${decodedAnchor} in this document`,
        );
      }
      continue;
    }
    if (!/\.mdx?$/i.test(target)) continue; // site paths, images, downloads: not ours to check
    const decoded = safeDecode(target);
    const resolved = decoded.startsWith("/")
      ? path.posix.normalize(decoded.slice(1))
      : path.posix.join(path.posix.dirname(parsed.document.path), decoded);
    if (resolved.startsWith("../") || !files.has(resolved)) {
      report(
        link.line,
        "error",
        "broken link",
        `broken link: ${url} (no file ${resolved} in the content root)`,
      );
      continue;
    }
    const anchors = anchorsByFile.get(resolved);
    if (decodedAnchor && anchors && !anchors.has(decodedAnchor)) {
      report(
        link.line,
        "error",
        "broken link",
        `broken link: ${url} (no heading #${decodedAnchor} in ${resolved})`,
      );
    }
  }
}

type Report = (line: number, severity: Severity, kind: string, message: string) => void;

function compareProblems(a: ContentProblem, b: ContentProblem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

export function checkContent(input: CheckInput, options: CheckOptions = {}): ContentProblem[] {
  const strict = options.strict === true;
  // A page with nothing to say (a GitBook folder page that is only a heading) loses the bot
  // nothing: a warning. A file that cannot be read or parsed is an error.
  const problems: ContentProblem[] = input.warnings.map((warning) => {
    const empty = EMPTY_PAGE.test(warning.reason);
    return {
      file: warning.file,
      line: warning.line ?? 1,
      severity: empty ? "warning" : "error",
      kind: empty ? "page with no text" : "file not loaded",
      message: `not loaded: ${warning.reason}`,
    };
  });
  const files = new Set(input.files);
  const anchorsByFile = new Map(
    input.documents.map(
      (parsed) =>
        [parsed.document.path, new Set([...parsed.anchors, ...parsed.anchorAliases])] as const,
    ),
  );
  const titles = new Map<string, string>();

  for (const parsed of input.documents) {
    const file = parsed.document.path;
    const report: Report = (line, severity, kind, message) =>
      problems.push({ file, line, severity, kind, message });
    checkFrontmatter(parsed, report, strict);
    checkSections(parsed, report);
    checkLinks(parsed, files, anchorsByFile, report);
    checkReview(parsed, input.now ?? new Date(), report);
    const key = parsed.document.title.toLowerCase().replace(/\s+/g, " ").trim();
    const first = titles.get(key);
    if (first === undefined) titles.set(key, file);
    else {
      // Answers still show the breadcrumb and path, so this hurts only a reader choosing by
      // title: an error for this project's own content, a warning for anyone's handbook.
      report(
        parsed.frontmatterLines.title ?? 1,
        strict ? "error" : "warning",
        "duplicate title",
        `duplicate title "${parsed.document.title}" (also ${first}); answers could not tell them apart`,
      );
    }
  }
  return problems.sort(compareProblems);
}

/**
 * Review dates (freshness.ts): a `review_in` the bot cannot read, a `last_reviewed_on` that is
 * not a date, and a page past its review date. All warnings: an old page still answers.
 */
function checkReview(parsed: ParsedDocument, now: Date, report: Report): void {
  const data = parsed.frontmatter;
  const lineOf = (key: string) => parsed.frontmatterLines[key] ?? 1;
  if ("review_in" in data) {
    const text = typeof data.review_in === "string" ? data.review_in : "";
    if (!parseReviewInterval(text)) {
      report(
        lineOf("review_in"),
        "warning",
        "unreadable review period",
        `\`review_in\` must be a period such as "6 months" or "1 year", not ${describe(data.review_in)}`,
      );
    }
  }
  if ("last_reviewed_on" in data) {
    const value = data.last_reviewed_on;
    const valid =
      (value instanceof Date && !Number.isNaN(value.getTime())) ||
      (typeof value === "string" && isValidDay(value.trim()));
    if (!valid) {
      report(
        lineOf("last_reviewed_on"),
        "warning",
        "unreadable review date",
        "`last_reviewed_on` must be a date written YYYY-MM-DD",
      );
    }
  }
  // Hugo's dates may carry a time (`2026-05-18T09:30:00Z`): anything a date can be read from.
  for (const key of ["lastmod", "date"]) {
    if (key in data && readDate(data[key]) === undefined) {
      report(
        lineOf(key),
        "warning",
        "unreadable page date",
        `\`${key}\` must be a date such as 2026-05-18; the page's age is not shown`,
      );
    }
  }
  const freshness = documentFreshness(parsed.document, now);
  if (freshness?.overdue && freshness.reviewIn && freshness.reviewDue) {
    const key =
      "last_reviewed_on" in data
        ? "last_reviewed_on"
        : "last_reviewed" in data
          ? "last_reviewed"
          : "updated";
    report(
      lineOf(key),
      "warning",
      "review overdue",
      `review overdue since ${freshness.reviewDue}: last ${freshness.kind} ${freshness.date}, to be reviewed every ${formatInterval(freshness.reviewIn)}; answers from it say so`,
    );
  }
}
