/**
 * Frontmatter: split off with gray-matter, then normalised leniently into Document fields.
 * Loading never rejects a document for an odd field (content:check is the strict side);
 * only YAML that cannot be parsed at all stops a file from loading.
 */
import matter from "gray-matter";
import { parse as parseToml, TomlError } from "smol-toml";
import { parseReviewInterval } from "./freshness.js";
import type { Document, SourceRef } from "./types.js";

/** A file that cannot be turned into a document; the loader reports it as a LoadWarning. */
export class DocumentParseError extends Error {
  readonly reason: string;
  /** 1-based line in the file, when known. */
  readonly line: number | undefined;
  constructor(reason: string, line?: number) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = "DocumentParseError";
    this.reason = reason;
    this.line = line;
  }
}

export interface Frontmatter {
  data: Record<string, unknown>;
  /** The markdown after the frontmatter. */
  body: string;
  /** Number of file lines before `body` (the frontmatter block and its delimiters). */
  bodyLineOffset: number;
  /** 1-based file line of each top-level frontmatter key. */
  keyLines: Record<string, number>;
}

interface YamlMark {
  line?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function countNewlines(value: string): number {
  let count = 0;
  for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) count++;
  return count;
}

const TOML_OPTIONS = {
  delimiters: "+++",
  language: "toml",
  engines: { toml: (text: string) => parseToml(text) as object },
};

/** Reads frontmatter from a source with LF line endings and no BOM. */
export function readFrontmatter(source: string): Frontmatter {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's module-level cache, which would otherwise keep
    // every file ever loaded alive across reloads. Hugo's `+++` blocks are TOML: gray-matter
    // takes custom delimiters and engines, so TOML gets a real TOML parser.
    parsed = source.startsWith("+++") ? matter(source, TOML_OPTIONS) : matter(source, {});
  } catch (error) {
    if (error instanceof TomlError) {
      // gray-matter hands smol-toml the text from the end of the opening `+++`, so its 1-based
      // line 1 is the delimiter line itself: the same numbering as the file.
      const reason = error.message.split("\n")[0];
      throw new DocumentParseError(`invalid frontmatter TOML: ${reason}`, error.line);
    }
    const mark = (error as { mark?: YamlMark }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    // gray-matter hands js-yaml the text from the end of the opening `---`, so js-yaml's
    // 0-based line 0 is the delimiter line itself.
    const line = typeof mark?.line === "number" ? mark.line + 1 : undefined;
    throw new DocumentParseError(`invalid frontmatter YAML: ${reason}`, line);
  }
  const data: unknown = parsed.data;
  if (!isRecord(data)) {
    throw new DocumentParseError("frontmatter is not a map of fields", 1);
  }
  const body = parsed.content;
  const head = source.slice(0, source.length - body.length);
  const keyLines: Record<string, number> = {};
  if (head.length > 0) {
    head.split("\n").forEach((line, index) => {
      const key = /^([A-Za-z_][\w-]*)\s*[:=]/.exec(line)?.[1];
      if (key && !(key in keyLines)) keyLines[key] = index + 1;
    });
  }
  return { data, body, bodyLineOffset: countNewlines(head), keyLines };
}

// ---------------------------------------------------------------------------------------------
// Lenient field readers

export function readString(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** A map of string to string (`owners: { T1: U1 }`); entries of another shape are dropped. */
export function readStringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const map: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const text = readString(raw);
    if (text !== undefined && key.trim() !== "") map[key.trim()] = text;
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

/** A list of strings, or a comma-separated string. */
export function readStringList(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value
      .map((item) => readString(item))
      .filter((item): item is string => item !== undefined);
  }
  if (typeof value === "string") {
    return value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  }
  return [];
}

export function readNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}

export function readSources(value: unknown): SourceRef[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const sources: SourceRef[] = [];
  for (const item of items) {
    if (typeof item === "string" && item.trim()) {
      const title = item.trim();
      sources.push(isHttpUrl(title) ? { title, url: title } : { title });
    } else if (isRecord(item)) {
      const url = readString(item.url);
      const title = readString(item.title) ?? url;
      if (title) sources.push(url ? { title, url } : { title });
    }
  }
  return sources;
}

/** YAML turns `2024-05-01` into a Date; everyone downstream wants the ISO day. */
export function readDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value === "string") {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(value.trim())?.[0];
    if (day) return day;
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
  }
  return undefined;
}

/** `questions: { slug: [..] }`, lenient: a single string counts as one question. */
export function readQuestions(value: unknown): Map<string, string[]> {
  const questions = new Map<string, string[]>();
  if (!isRecord(value)) return questions;
  for (const [key, list] of Object.entries(value)) {
    const items = typeof list === "string" ? [list.trim()].filter(Boolean) : readStringList(list);
    if (items.length > 0) questions.set(key, items);
  }
  return questions;
}

/**
 * The review fields: `last_reviewed` (or tech docs' `last_reviewed_on`) and `review_in`.
 * Lenient like every reader here: a value that cannot be read is left out (content:check says so).
 */
export function readReviewFields(
  data: Record<string, unknown>,
): Pick<Document, "reviewed" | "reviewIn"> {
  const reviewed = readDate(data.last_reviewed) ?? readDate(data.last_reviewed_on);
  const period = readString(data.review_in);
  const reviewIn = period === undefined ? undefined : parseReviewInterval(period);
  return {
    ...(reviewed !== undefined && { reviewed }),
    ...(reviewIn !== undefined && { reviewIn }),
  };
}

export { isHttpUrl, isRecord };
