import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import GithubSlugger from "github-slugger";
import matter from "gray-matter";

/** The shipped knowledge base, resolved from this file so the tests run from any cwd. */
export const contentRoot = fileURLToPath(new URL("../../content/", import.meta.url));

export interface ContentHeading {
  depth: number;
  text: string;
  slug: string;
  /** Raw markdown between this heading and the next one. */
  body: string;
}

export interface ContentFile {
  /** Relative to the content root, forward slashes. */
  path: string;
  raw: string;
  data: Record<string, unknown>;
  /** Markdown after the frontmatter. */
  body: string;
  /** Raw markdown before the first heading. */
  lead: string;
  headings: ContentHeading[];
}

function listMarkdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdownFiles(full);
    return entry.isFile() && entry.name.endsWith(".md") ? [full] : [];
  });
}

function splitHeadings(body: string): { lead: string; headings: ContentHeading[] } {
  const slugger = new GithubSlugger();
  const headings: ContentHeading[] = [];
  const lead: string[] = [];
  let current: { depth: number; text: string; slug: string; lines: string[] } | undefined;
  let inFence = false;
  const flush = () => {
    if (current) headings.push({ ...current, body: current.lines.join("\n").trim() });
  };
  for (const line of body.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (match?.[1] && match[2]) {
      flush();
      current = {
        depth: match[1].length,
        text: match[2],
        slug: slugger.slug(match[2]),
        lines: [],
      };
    } else if (current) {
      current.lines.push(line);
    } else {
      lead.push(line);
    }
  }
  flush();
  return { lead: lead.join("\n").trim(), headings };
}

export function readContentFiles(root: string = contentRoot): ContentFile[] {
  return listMarkdownFiles(root)
    .sort()
    .map((full) => {
      const raw = readFileSync(full, "utf8");
      const parsed = matter(raw);
      const { lead, headings } = splitHeadings(parsed.content);
      return {
        path: relative(root, full).split("\\").join("/"),
        raw,
        data: parsed.data as Record<string, unknown>,
        body: parsed.content,
        lead,
        headings,
      };
    });
}

/** Markdown reduced to its words: links keep their text, emphasis and code marks go. */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*`]/g, "")
    .replace(/(^|\s)_+|_+(\s|$)/g, "$1$2")
    .replace(/^\s*(#{1,6}|[-+]|\d+\.)\s+/gm, "")
    .replace(/\|/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** For comparing prose regardless of case, punctuation and spacing. */
export function normaliseWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
