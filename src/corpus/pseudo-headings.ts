import type { Paragraph, PhrasingContent, RootContent } from "mdast";

/**
 * Bold lines that stand for headings. Handbooks exported from word processors, and many written
 * by hand, title their parts with a paragraph in bold (`**Cadence**`) instead of a heading, and
 * write FAQs as a bold question with the answer under it (`**Q: How much is the budget?**` then
 * `A: …`). Read as paragraphs, a whole page of them is one section whose heading names none of
 * its parts; read as headings, each part is a section named by its own title.
 *
 * A paragraph is a heading when it is only bold text that reads as a title (`readsAsTitle`:
 * `**Important: do not share it.**` stays a paragraph), and text follows it; a bold
 * question followed, in the same paragraph, by its answer on the next line is a heading over
 * that answer. Bold at the start of a line of prose (`**Note:** see…`) is emphasis, not a title.
 */

/** Longest bold line read as a heading: a title, not a sentence set in bold. */
export const MAX_PSEUDO_HEADING_CHARS = 120;

export interface PseudoHeading {
  /** The heading's inline content (the bold text's). */
  heading: PhrasingContent[];
  /** What follows it in the same paragraph (a FAQ's answer), as a paragraph; else undefined. */
  rest: Paragraph | undefined;
}

/**
 * Whether a bold line's text reads as a title: capitalised, of a title's length, and not ending a
 * sentence or introducing what follows (`**Where they differ:**` before a list is a label of the
 * section it is in; `**a → b → c**` after "the ladder is:" is the text itself).
 */
export function readsAsTitle(text: string): boolean {
  const trimmed = text.trim();
  return (
    trimmed.length >= 3 &&
    trimmed.length <= MAX_PSEUDO_HEADING_CHARS &&
    /^[\p{Lu}\p{N}]/u.test(trimmed) &&
    /\p{L}/u.test(trimmed) &&
    !/[.!,;:]$/.test(trimmed)
  );
}

const isBlank = (node: PhrasingContent) => node.type === "text" && node.value.trim() === "";

/**
 * The heading a top-level node stands for, if it is a bold line (see above) and `next`, the node
 * after it, is text of its own rather than another heading. The caller checks the heading's
 * words with `readsAsTitle`.
 */
export function pseudoHeadingOf(
  node: RootContent,
  next: RootContent | undefined,
): PseudoHeading | undefined {
  if (node.type !== "paragraph") return undefined;
  const children = node.children.filter((child, i) => !(i === 0 && isBlank(child)));
  const [first, ...others] = children;
  if (first?.type !== "strong" || first.children.length === 0) return undefined;
  // A bold link or image alone is a call to action or a picture, not a title (a link inside a
  // bold question is still the question's).
  const inner = first.children.filter((child) => !isBlank(child));
  if (inner.every((child) => child.type === "link" || child.type === "image")) return undefined;
  const rest = others.filter((child) => !isBlank(child));
  if (rest.length === 0) {
    // A bold line alone: a title when text of its own follows.
    if (next === undefined || next.type === "heading" || next.type === "thematicBreak") {
      return undefined;
    }
    return { heading: first.children, rest: undefined };
  }
  // A bold question with its answer on the next line of the same paragraph.
  const [separator] = others;
  const breaksLine =
    separator?.type === "break" || (separator?.type === "text" && separator.value.startsWith("\n"));
  const last = first.children[first.children.length - 1];
  const asks = last?.type === "text" && /\?\s*$/.test(last.value);
  if (!breaksLine || !asks) return undefined;
  const answer = others
    .slice(separator?.type === "break" ? 1 : 0)
    .map((child, i) =>
      i === 0 && child.type === "text"
        ? { ...child, value: child.value.replace(/^\n+/, "") }
        : child,
    );
  return {
    heading: first.children,
    rest: {
      type: "paragraph",
      children: answer,
      ...(node.position && { position: node.position }),
    },
  };
}
