/**
 * A linear pre-scan for container nesting (block quotes and lists), run before the markdown
 * parser sees a file. micromark and mdast handle containers recursively: 10,000 nested list
 * markers on one 20 KB line kept the parser busy for minutes and then overflowed the stack.
 * Handbooks nest a handful of levels; a file that opens more than MAX_NESTING on one line is
 * refused here, in time proportional to its size, before any recursion starts.
 */

/** Deepest container nesting a line may open (block quotes and list items together). */
export const MAX_NESTING = 50;

export interface DeepNesting {
  /** 1-based line in the scanned text. */
  line: number;
  /** Offset of that line's first character in the scanned text. */
  offset: number;
  /** Nesting the line opens, as estimated (at least `limit + 1`). */
  depth: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const GREATER_THAN = 0x3e;
const DASH = 0x2d;
const STAR = 0x2a;
const PLUS = 0x2b;
const DOT = 0x2e;
const PAREN = 0x29;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True when a list marker ending before `at` is followed by a space, a tab or the line end. */
function endsMarker(text: string, at: number): boolean {
  const next = text.charCodeAt(at);
  return Number.isNaN(next) || next === SPACE || next === TAB || next === NEWLINE;
}

/**
 * The first line whose container prefix opens more than `limit` levels, or undefined.
 * A line's depth is the number of `>` and list markers (`-`, `*`, `+`, `1.`, `1)`) that start
 * it, plus one level per two columns of indentation before the first marker (how lists nest
 * by indentation); a line with no marker opens nothing. Each character is looked at once.
 */
export function findDeepNesting(text: string, limit = MAX_NESTING): DeepNesting | undefined {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let at = start;
    let indent = 0;
    let markers = 0;
    while (at < end) {
      const code = text.charCodeAt(at);
      if (code === SPACE || code === TAB) {
        if (markers === 0) indent += code === TAB ? 4 : 1;
        at++;
      } else if (code === GREATER_THAN) {
        markers++;
        at++;
      } else if ((code === DASH || code === STAR || code === PLUS) && endsMarker(text, at + 1)) {
        markers++;
        at++;
      } else if (isDigit(code)) {
        let digits = at;
        while (digits < end && digits - at < 9 && isDigit(text.charCodeAt(digits))) digits++;
        const delimiter = text.charCodeAt(digits);
        if ((delimiter === DOT || delimiter === PAREN) && endsMarker(text, digits + 1)) {
          markers++;
          at = digits + 1;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    if (markers > 0) {
      const depth = markers + Math.floor(indent / 2);
      if (depth > limit) return { line, offset: start, depth };
    }
    start = end + 1;
    line++;
  }
  return undefined;
}
