/**
 * Placeholders a page's text holds for what only the whole handbook knows: another page's title
 * (a Hugo `ref` printed in prose) and a link to another page, with its label. parse.ts writes
 * them, references.ts fills them in once every page is parsed, render.ts strips them where a
 * link cannot go. Characters of the Unicode private-use area, which a source never means.
 */

export const TITLE_OPEN = "\uE000";
const TITLE_CLOSE = "\uE001";
export const LINK_OPEN = "\uE002";
const LINK_LABEL = "\uE003";
const LINK_CLOSE = "\uE004";

/** The marker characters, which a source must not contain (parse.ts removes them). */
export const MARKER_CHARACTERS = /[\uE000-\uE004]/g;

/** Where reference `index`'s page title goes. */
export function titleMarker(index: number): string {
  return `${TITLE_OPEN}${index}${TITLE_CLOSE}`;
}

/** Where reference `index`'s link goes, around its label (mrkdwn). */
export function linkMarker(index: number, labelMrkdwn: string): string {
  return `${LINK_OPEN}${index}${LINK_LABEL}${labelMrkdwn}${LINK_CLOSE}`;
}

export const TITLE_PATTERN = /\uE000(\d+)\uE001/g;
/** Innermost link markers: their labels hold no other link marker. */
export const LINK_PATTERN = /\uE002(\d+)\uE003([^\uE002-\uE004]*)\uE004/g;

/** A link's label alone, markers and all: for a place that cannot hold a link. */
export function withoutLinkMarkers(mrkdwn: string): string {
  let value = mrkdwn;
  while (value.includes(LINK_OPEN)) {
    const next = value.replace(LINK_PATTERN, "$2");
    if (next === value) break;
    value = next;
  }
  return value.replace(/[\uE002-\uE004]/g, "");
}
