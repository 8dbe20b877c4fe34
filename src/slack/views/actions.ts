import { SlackLimits } from "./limits.js";

/**
 * Every interactive element's `action_id`, shared by the views that render them and the
 * listeners that handle them. Where a view holds several elements of one kind (related
 * results, table-of-contents buttons) each gets a `:n` suffix, because Slack wants action ids
 * unique within a view; listeners match with {@link actionIdPattern}.
 */
export const ActionId = {
  /** Ephemeral answer → post it in the channel. Value: {@link encodeActionValue}. */
  shareInChannel: "answer_share",
  /** Open the whole section in a modal. Value: {@link encodeActionValue}. */
  showFullSection: "answer_show_section",
  /** "Related: …" button under an answer. Value: {@link encodeActionValue}. Suffixed. */
  relatedResult: "answer_related",
  /** A closest topic offered by the "no answer" reply. Value: {@link encodeActionValue}. Suffixed. */
  suggestedTopic: "no_answer_topic",
  /**
   * Slack's feedback buttons (a `feedback_buttons` element in a `context_actions` block) under an
   * answer. Each button's value: {@link encodeActionValue} with `helpful` set.
   */
  feedback: "answer_feedback",
  /**
   * The 👍 / 👎 buttons of answers posted before the feedback buttons; still handled, so a click
   * on an old message is answered. Value: {@link encodeActionValue}.
   */
  helpful: "feedback_helpful",
  notHelpful: "feedback_not_helpful",
  /**
   * "Ask an expert" under an answer or a no-answer. Value: {@link encodeActionValue}, with
   * {@link NO_SECTION} as the section when the handbook had nothing.
   */
  askExpert: "answer_ask_expert",
  /** "Mark resolved" under a request to an expert. Value: the escalation's id. */
  resolveEscalation: "escalation_resolve",
  /** Home search box (plain_text_input, dispatches on enter). Read `action.value`. */
  homeSearch: "home_search",
  /** Clears the Home search results. Value: "clear". */
  homeClearSearch: "home_clear_search",
  /** Table-of-contents button on Home or in a document modal. Value: the section id. Suffixed. */
  homeOpenSection: "home_open_section",
  /** "All n sections…" on Home: open the document's sections in a modal. Value: document path. Suffixed. */
  homeMoreSections: "home_more_sections",
  /** Home table-of-contents pagination. Value: {@link encodePageValue}. Suffixed (previous/next). */
  homePage: "home_page",
  /** Section picker (static_select) in the `/dm topics` reply. Read `selected_option.value`: the section id. Suffixed. */
  topicsOpenSection: "topics_open_section",
} as const;

/** The section id an "Ask an expert" button carries when the handbook offered no section. */
export const NO_SECTION = "-";

export type ActionIdValue = (typeof ActionId)[keyof typeof ActionId];

/** Matches an action id with or without its `:n` suffix; pass to `app.action(...)`. */
export function actionIdPattern(base: ActionIdValue): RegExp {
  return new RegExp(`^${base}(?::\\d+)?$`);
}

/** `base` for the first element of its kind in a view, `base:n` for the later ones. */
export function indexedActionId(base: ActionIdValue, index: number): string {
  return index === 0 ? base : `${base}:${index}`;
}

export interface ActionValue {
  sectionId: string;
  /** The question that led to the section; "" when opened from a table of contents. */
  query: string;
  /**
   * The asker picked the section from the topics suggested for a question it did not answer,
   * so the section is not an answer to `query`.
   */
  picked?: boolean;
  /** On a feedback button: whether it is the positive one. */
  helpful?: boolean;
}

/**
 * Encodes a section reference and the question for a button `value` (≤ 2000 chars). The query
 * is shortened as needed; a section id too long to fit is a bug in the content path, so throws.
 */
export function encodeActionValue({ sectionId, query, picked, helpful }: ActionValue): string {
  const max = SlackLimits.buttonValue;
  const encode = (q: string) =>
    JSON.stringify({
      s: sectionId,
      q,
      ...(picked ? { p: 1 } : {}),
      ...(helpful === undefined ? {} : { h: helpful ? 1 : 0 }),
    });
  let q = query;
  let json = encode(q);
  while (json.length > max && q.length > 0) {
    // JSON escaping can expand a character up to 6x, so cut by the overflow and re-measure.
    q = dropTail(q, json.length - max);
    json = encode(q);
  }
  if (json.length > max) {
    throw new RangeError(`Section id too long for a button value: ${sectionId.slice(0, 80)}…`);
  }
  return json;
}

function dropTail(s: string, count: number): string {
  let end = Math.max(0, s.length - Math.max(1, count));
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

/** Reads a value written by {@link encodeActionValue}; undefined for anything else. */
export function decodeActionValue(value: unknown): ActionValue | undefined {
  if (
    typeof value !== "string" ||
    value.length === 0 ||
    value.length > 10 * SlackLimits.buttonValue
  ) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const { s, q, p, h } = parsed as Record<string, unknown>;
  if (typeof s !== "string" || s.length === 0) return undefined;
  if (q !== undefined && typeof q !== "string") return undefined;
  return {
    sectionId: s,
    query: q ?? "",
    ...(p === 1 ? { picked: true } : {}),
    ...(h === 1 || h === 0 ? { helpful: h === 1 } : {}),
  };
}

export function encodePageValue(page: number): string {
  return String(page);
}

/** A 0-based page number from a pagination button; undefined for anything else. */
export function decodePageValue(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{1,6}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The value a listener should read from a block action, whichever element sent it:
 * a button's `value`, a select's `selected_option.value`, an input's `value`.
 */
export function readActionValue(action: {
  value?: string | null;
  selected_option?: { value?: string } | null;
}): string | undefined {
  if (typeof action.value === "string") return action.value;
  const selected = action.selected_option?.value;
  return typeof selected === "string" ? selected : undefined;
}
