/**
 * A draft handbook page from an answer given in Slack ("Add to handbook"): frontmatter that says
 * who asked, who answered, where and when, marked `draft: true` so it is searched only with
 * SERVE_DRAFTS, and the answer as markdown. Pure: the file is written by knowledge/drafts.ts.
 */
import { slug } from "github-slugger";
import { stringify } from "yaml";

export interface DraftInput {
  /** The question, as edited in the modal (markdown). */
  question: string;
  /** The answer, as edited in the modal (markdown). */
  answer: string;
  /** Slack user ids; undefined when not known (a bot's message, a thread that could not be read). */
  askedBy?: string;
  answeredBy?: string;
  /** Who saved it with the shortcut. */
  capturedBy: string;
  permalink?: string;
  /** Where the answer probably belongs: a document's path and one of its headings. */
  suggestedDocument?: string;
  suggestedHeading?: string;
  /** When it was captured. */
  date: Date;
}

export interface Draft {
  /** A file name stem: lowercase letters, digits and hyphens only, never empty. */
  stem: string;
  text: string;
}

/** Longest title a draft gets from its question; the full question stays in the body. */
const TITLE_MAX = 120;
/** Longest slug in a draft's file name, so names stay readable and well inside any file system's. */
const STEM_SLUG_MAX = 60;

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}

/** The page title: the question's first line (or the answer's), shortened at a word. */
export function draftTitle(input: Pick<DraftInput, "question" | "answer">): string {
  const line = (firstLine(input.question) || firstLine(input.answer))
    // Markdown escapes and emphasis read badly in a title.
    .replace(/\\(.)/g, "$1")
    .replace(/[*_~`]+/g, "");
  if (line.length <= TITLE_MAX) return line || "Answer from Slack";
  const cut = line.lastIndexOf(" ", TITLE_MAX - 1);
  return `${line.slice(0, cut > TITLE_MAX / 2 ? cut : TITLE_MAX - 1)}…`;
}

/** `2024-05-01-how-do-we-run-a-retro`: the day, then the title as a slug. */
export function draftStem(title: string, date: Date): string {
  const words = slug(title)
    .replace(/[^a-z0-9-]+/g, "")
    .replace(/-+/g, "-")
    .slice(0, STEM_SLUG_MAX)
    .replace(/^-+|-+$/g, "");
  return `${date.toISOString().slice(0, 10)}-${words || "answer"}`;
}

/** The draft's file text and name stem. */
export function composeDraft(input: DraftInput): Draft {
  const title = draftTitle(input);
  const frontmatter: Record<string, unknown> = {
    title,
    draft: true,
    captured_from: "slack",
    ...(input.askedBy !== undefined && { asked_by: input.askedBy }),
    ...(input.answeredBy !== undefined && { answered_by: input.answeredBy }),
    captured_by: input.capturedBy,
    ...(input.permalink !== undefined && { permalink: input.permalink }),
    date: input.date.toISOString().slice(0, 10),
    ...(input.suggestedDocument && { suggested_document: input.suggestedDocument }),
    ...(input.suggestedHeading && { suggested_heading: input.suggestedHeading }),
  };
  const question = input.question.trim();
  // The question is kept whole as the reviewer's context, quoted above the answer.
  const asked = question === "" ? "" : `${question.replace(/^/gm, "> ")}\n\n`;
  const text = `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${asked}${input.answer.trim()}\n`;
  return { stem: draftStem(title, input.date), text };
}
