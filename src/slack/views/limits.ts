/**
 * Slack's Block Kit limits, named once so every view (and every test) checks the same numbers.
 * Slack rejects a payload that breaks any of them with `invalid_blocks`, so views must stay
 * inside them for any content, not just the handbook we happen to ship.
 * https://docs.slack.dev/reference/block-kit/blocks
 */
export const SlackLimits = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or Home tab view. */
  viewBlocks: 100,
  /** `text` of a section block. */
  sectionText: 3000,
  /** Each of a section block's `fields`. */
  sectionField: 2000,
  /** `text` of a header block (plain text). */
  headerText: 150,
  /** `text` of a button. */
  buttonText: 75,
  /** `value` of a button. */
  buttonValue: 2000,
  /** `action_id` of any interactive element. */
  actionId: 255,
  /** `block_id` of any block. */
  blockId: 255,
  /** Modal `title`, `close` and `submit` texts. */
  modalTitle: 24,
  /** Each text element of a context block. */
  contextText: 3000,
  /** Elements in a context block. */
  contextElements: 10,
  /** Elements in an actions block. */
  actionsElements: 25,
  /** Options of a static select. */
  selectOptions: 100,
  /** `text` of a select option (plain text). */
  optionText: 75,
  /** `value` of a select option. */
  optionValue: 150,
  /** Select placeholder text. */
  placeholderText: 150,
  /** Input block label. */
  inputLabel: 2000,
  /** Modal `private_metadata`. */
  privateMetadata: 3000,
  /** Top-level `text` of a message; Slack truncates beyond this. */
  messageText: 40000,
} as const;

const ELLIPSIS = "…";

/**
 * The largest index ≤ `end` at which `text` can be cut without splitting a grapheme
 * (emoji sequences, combining marks), a Slack `<…>` token (link, mention) or an `&…;` entity.
 * Falls back to a grapheme-safe hard cut when a single token is longer than the room.
 */
export function safeCutIndex(text: string, end: number): number {
  if (end >= text.length) return text.length;
  if (end <= 0) return 0;
  let cut = graphemeBoundaryAtOrBefore(text, end);

  const open = text.lastIndexOf("<", cut - 1);
  if (open !== -1) {
    const close = text.indexOf(">", open);
    if (close >= cut && open > 0) cut = open;
  }
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp !== -1 && cut - amp < 10) {
    const entity = /^&[#a-zA-Z0-9]{1,8};/.exec(text.slice(amp, amp + 11));
    if (entity && amp + entity[0].length > cut && amp > 0) cut = amp;
  }
  return cut;
}

function graphemeBoundaryAtOrBefore(text: string, end: number): number {
  // Segment only a window around the cut: segmenting a 100 kB section body per cut is wasteful,
  // and no grapheme cluster a reader would care about is longer than the window.
  const start = Math.max(0, end - 64);
  const window = text.slice(start, Math.min(text.length, end + 64));
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let boundary = start;
  for (const { index } of segmenter.segment(window)) {
    const at = start + index;
    if (at > end) break;
    boundary = at;
  }
  // The window start may itself sit inside a cluster; that only happens for absurd clusters.
  return boundary === start && start > 0 ? end : boundary;
}

/**
 * Shortens `text` to at most `max` characters (UTF-16 code units, which is at least Slack's
 * count), ending with "…" when cut. Prefers a word boundary near the end; never cuts a
 * `<url|text>` token, an `&amp;` entity or an emoji in half.
 */
export function truncate(text: string, max: number): string {
  if (max < 1) return "";
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = max - ELLIPSIS.length;
  let cut = safeCutIndex(text, room);
  const space = text.lastIndexOf(" ", cut);
  if (space > 0 && cut - space <= 20 && space <= room) cut = safeCutIndex(text, space);
  const head = text.slice(0, cut).trimEnd();
  return `${head}${ELLIPSIS}`;
}

const FENCE = "```";

/**
 * Splits mrkdwn into chunks of at most `max` characters, at paragraph boundaries when it can,
 * then line boundaries, then spaces, then a token-safe hard cut. Never returns empty chunks;
 * a code fence cut in two is closed and reopened so each chunk renders on its own.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  if (max < 1) throw new RangeError(`splitMrkdwn: max must be ≥ 1, got ${max}`);
  const hasFence = text.includes(FENCE);
  // Room for the "\n```" / "```\n" added when a fence is split.
  const reserve = hasFence && max > 2 * (FENCE.length + 1) + 1 ? 2 * (FENCE.length + 1) : 0;
  const room = max - reserve;
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > room) {
    const cut = findSplit(rest, room);
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk.length > 0) chunks.push(chunk);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0) chunks.push(rest);
  return reserve > 0 ? balanceFences(chunks) : chunks;
}

function findSplit(text: string, room: number): number {
  const minUseful = Math.floor(room * 0.3);
  for (const boundary of ["\n\n", "\n", " "]) {
    const at = text.lastIndexOf(boundary, room - boundary.length);
    if (at > minUseful) return safeCutIndex(text, at) || at;
  }
  const cut = safeCutIndex(text, room);
  return cut > 0 ? cut : room;
}

function balanceFences(chunks: string[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const chunk of chunks) {
    let piece: string = open ? `${FENCE}\n${chunk}` : chunk;
    const fences: number = piece.split(FENCE).length - 1;
    open = fences % 2 === 1;
    if (open) piece = `${piece}\n${FENCE}`;
    out.push(piece);
  }
  return out;
}
