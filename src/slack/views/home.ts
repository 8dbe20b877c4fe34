import type { KnowledgeBase } from "../../corpus/types.js";
import { ActionId, encodePageValue, indexedActionId } from "./actions.js";
import { renderAnswerBlocks } from "./answer.js";
import {
  actions,
  button,
  divider,
  echoText,
  header,
  mrkdwnContext,
  mrkdwnSection,
  oneLine,
} from "./blocks.js";
import { escapeText } from "./escape.js";
import { commandName } from "./help.js";
import { SlackLimits, truncate } from "./limits.js";
import { renderNoAnswerBlocks } from "./no-answer.js";
import { countLabel, groupSectionsByDocument, sectionLabel, type TocEntry } from "./toc.js";
import type { Button, HomeView, HomeViewOptions, KnownBlock } from "./types.js";

/**
 * Documents per table-of-contents page. Each takes two blocks (title, buttons), so a page is
 * 40 blocks, leaving room under Slack's 100 for the intro, the search box and a result.
 */
export const HOME_DOCUMENTS_PER_PAGE = 20;
/** Section buttons per document on Home; the rest are one click away ("All n sections…"). */
export const HOME_SECTIONS_PER_DOCUMENT = 10;
/** `block_id` of the Home search input; with a `:hash` suffix while it shows a query. */
export const HOME_SEARCH_BLOCK_ID = "home_search";

/**
 * The App Home tab: what the bot does, how to ask, a search box whose result appears above
 * the table of contents, and the contents themselves, paginated by document so the view stays
 * within Slack's 100 blocks for a handbook of any size.
 */
export function renderHomeView(base: KnowledgeBase, opts: HomeViewOptions = {}): HomeView {
  const entries = groupSectionsByDocument(base);
  const sectionCount = entries.reduce((n, e) => n + e.sections.length, 0);
  const blocks: KnownBlock[] = [
    header("Ask the handbook"),
    mrkdwnSection(
      `I answer questions from your team handbook (${countLabel(entries.length, "document")}, ${countLabel(sectionCount, "section")}). ` +
        "I quote the section I found and link to its source; when the handbook does not cover something, I say so instead of guessing.",
    ),
    mrkdwnContext(
      `Ask anywhere with \`${commandName(opts)} &lt;question&gt;\` · mention me in a channel and I answer in a thread · send me a direct message · or search below.`,
    ),
    searchInput(opts.query),
  ];

  const query = opts.query?.trim();
  // Home is private to the viewer already: nothing to share, no shared-by line, and no
  // feedback buttons (a message control).
  const ctx = { docsBaseUrl: opts.docsBaseUrl, ephemeral: false, surface: "home" as const };
  if (query && opts.answer) {
    blocks.push(divider(), resultsHeading(query), ...renderAnswerBlocks(opts.answer, ctx));
  } else if (query && opts.response) {
    blocks.push(divider(), resultsHeading(query));
    const { response } = opts;
    const [top, ...rest] = response.results;
    if (response.decision.tier !== "none" && top) {
      const tentative = response.decision.tier === "best-match";
      blocks.push(
        ...renderAnswerBlocks(
          { query, result: top, related: rest, ...(tentative && { tentative }) },
          ctx,
        ),
      );
    } else {
      blocks.push(...renderNoAnswerBlocks(query, response.results, opts));
    }
  }

  blocks.push(divider(), ...tableOfContents(entries, opts.page ?? 0));
  return { type: "home", callback_id: "home", blocks };
}

function searchInput(query: string | undefined): KnownBlock {
  const element: Extract<KnownBlock, { type: "input" }>["element"] = {
    type: "plain_text_input",
    action_id: ActionId.homeSearch,
    placeholder: { type: "plain_text", text: "e.g. How do I run a retrospective?" },
    dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
    max_length: 500,
  };
  const initial = query ? truncate(oneLine(query), 500) : "";
  if (initial) element.initial_value = initial;
  return {
    type: "input",
    // Slack keeps what was typed in an input whose block_id and action_id are unchanged, and
    // ignores initial_value; a block_id per query lets "Clear" really empty the box.
    block_id: initial ? `${HOME_SEARCH_BLOCK_ID}:${fnv1a(initial)}` : HOME_SEARCH_BLOCK_ID,
    dispatch_action: true,
    label: { type: "plain_text", text: "Search the handbook", emoji: true },
    element,
  };
}

function resultsHeading(query: string): KnownBlock {
  return mrkdwnSection(
    `*Results for* “${echoText(query)}”`,
    button({ label: "Clear", actionId: ActionId.homeClearSearch, value: "clear" }),
  );
}

function tableOfContents(entries: readonly TocEntry[], requestedPage: number): KnownBlock[] {
  const pages = Math.max(1, Math.ceil(entries.length / HOME_DOCUMENTS_PER_PAGE));
  const page = Number.isInteger(requestedPage)
    ? Math.min(Math.max(0, requestedPage), pages - 1)
    : 0;
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      pages > 1 ? `*Table of contents* · page ${page + 1} of ${pages}` : "*Table of contents*",
    ),
  ];
  if (entries.length === 0) {
    blocks.push(mrkdwnContext("The knowledge base is empty."));
    return blocks;
  }

  const start = page * HOME_DOCUMENTS_PER_PAGE;
  const onPage = entries.slice(start, start + HOME_DOCUMENTS_PER_PAGE);
  let buttonIndex = 0;
  onPage.forEach(({ document, sections }, i) => {
    const docIndex = start + i;
    blocks.push(
      mrkdwnSection(
        `*${escapeText(oneLine(document.title))}* · ${countLabel(sections.length, "section")}`,
      ),
    );
    const buttons: Button[] = sections
      .filter((s) => s.id.length <= SlackLimits.buttonValue)
      .slice(0, HOME_SECTIONS_PER_DOCUMENT)
      .map((s) =>
        button({
          label: sectionLabel(s),
          actionId: indexedActionId(ActionId.homeOpenSection, buttonIndex++),
          value: s.id,
          accessibilityLabel: `Open ${sectionLabel(s)} in ${document.title}`,
        }),
      );
    if (
      sections.length > HOME_SECTIONS_PER_DOCUMENT &&
      document.path.length <= SlackLimits.buttonValue
    ) {
      buttons.push(
        button({
          label: `All ${countLabel(sections.length, "section")}…`,
          actionId: indexedActionId(ActionId.homeMoreSections, docIndex),
          value: document.path,
        }),
      );
    }
    blocks.push(...actions(buttons, `toc_${docIndex}`));
  });

  if (pages > 1) {
    const nav: Button[] = [];
    if (page > 0) {
      nav.push(
        button({
          label: "← Previous page",
          actionId: indexedActionId(ActionId.homePage, 0),
          value: encodePageValue(page - 1),
        }),
      );
    }
    if (page < pages - 1) {
      nav.push(
        button({
          label: "Next page →",
          actionId: indexedActionId(ActionId.homePage, 1),
          value: encodePageValue(page + 1),
        }),
      );
    }
    blocks.push(...actions(nav, "toc_pages"));
  }
  return blocks;
}

/** A short stable hash (FNV-1a, 32 bits, base 36) of `text`. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
