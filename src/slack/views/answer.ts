import { ActionId, encodeActionValue, indexedActionId } from "./actions.js";
import {
  actions,
  button,
  divider,
  echoText,
  mrkdwnContext,
  mrkdwnSection,
  oneLine,
} from "./blocks.js";
import { escapeText } from "./escape.js";
import { createExcerpt } from "./excerpt.js";
import { SlackLimits, splitMrkdwn, truncate } from "./limits.js";
import {
  breadcrumbText,
  draftLabel,
  ownerMention,
  reviewDueNote,
  sourceLine,
  titleAndBreadcrumb,
} from "./source.js";
import type {
  ActionsBlock,
  Answer,
  Button,
  ContextActionsBlock,
  KnownBlock,
  ReplyContext,
  SlackMessage,
} from "./types.js";

/** `block_id` of the feedback buttons. */
export const FEEDBACK_BLOCK_ID = "feedback";
/** Excerpts are bounded by `createExcerpt`; this only guards against a runaway one. */
const MAX_EXCERPT_BLOCKS = 4;
const MAX_RELATED = 2;

/** Label above a best match: the bot is not sure it answers the question. */
export const TENTATIVE_LABEL =
  ":grey_question: Not sure this answers it. The closest match I found:";

/**
 * An answer: the document title, the breadcrumb, the excerpt, where it comes from, and the
 * buttons to share it, read the whole section, follow a related result, or give feedback.
 */
export function renderAnswer(answer: Answer, ctx: ReplyContext = {}): SlackMessage {
  const blocks = renderAnswerBlocks(answer, ctx);
  const { section } = answer.result;
  const crumb = breadcrumbText(section);
  const text = truncate(
    oneLine(
      `${section.document.title}${crumb ? ` › ${crumb}` : ""}: ${section.text || section.heading}`,
    ),
    300,
  );
  return { text: escapeText(text) || "Answer", blocks };
}

/** The answer's blocks alone, for surfaces that are not messages (the Home tab). */
export function renderAnswerBlocks(answer: Answer, ctx: ReplyContext = {}): KnownBlock[] {
  const { query, result, picked = false } = answer;
  const { section } = result;
  const blocks: KnownBlock[] = [];
  const asked = !picked && query.trim() !== "";
  const topic = echoText(section.heading);

  if (ctx.sharedBy) {
    const how = asked
      ? ` · asked “${echoText(query)}”`
      : picked
        ? ` · picked the topic “${topic}”`
        : "";
    blocks.push(mrkdwnContext(`Shared by ${ownerMention(ctx.sharedBy)}${how}`));
  } else if (picked) {
    // Not an answer to the question asked: say it is the topic picked, not echo the question.
    blocks.push(
      mrkdwnContext(
        ctx.ephemeral ? `You picked: “${topic}”` : `Picked from the suggested topics: “${topic}”`,
      ),
    );
  } else if (ctx.ephemeral && asked) {
    // A slash command's text is not shown anywhere, so the private answer repeats the question.
    blocks.push(mrkdwnContext(`:mag: “${echoText(query)}”`));
  }

  if (answer.tentative && !picked && !ctx.sharedBy) blocks.push(mrkdwnContext(TENTATIVE_LABEL));
  const draft = draftLabel(section);
  if (draft) blocks.push(mrkdwnContext(draft));
  blocks.push(mrkdwnSection(titleAndBreadcrumb(section)));

  const excerpt = createExcerpt(section, result.matchedTerms, result.asksForFigure ?? false);
  const chunks = splitMrkdwn(excerpt, SlackLimits.sectionText);
  for (const chunk of chunks.slice(0, MAX_EXCERPT_BLOCKS)) blocks.push(mrkdwnSection(chunk));
  if (chunks.length === 0) blocks.push(mrkdwnSection("_This heading has no text of its own._"));

  blocks.push(mrkdwnContext(sourceLine(section, ctx.docsBaseUrl, ctx.now, ctx.ownerOf)));
  const reviewDue = reviewDueNote(section, ctx.now);
  if (reviewDue) blocks.push(mrkdwnContext(reviewDue));
  blocks.push(...answerActions(answer, ctx));
  // Slack's feedback buttons belong to messages (context_actions); a view gets none.
  if (ctx.surface !== "home") blocks.push(divider(), feedbackBlock(section.id, query, picked));
  return blocks;
}

function answerActions(
  { query, result, related, picked = false, tentative = false }: Answer,
  ctx: ReplyContext,
): ActionsBlock[] {
  const { section } = result;
  const value = encodeActionValue({ sectionId: section.id, query, picked });
  const buttons: Button[] = [];
  if (ctx.ephemeral && !ctx.sharedBy) {
    buttons.push(
      button({
        label: "Share in channel",
        actionId: ActionId.shareInChannel,
        value,
        style: "primary",
      }),
    );
  }
  buttons.push(button({ label: "Show full section", actionId: ActionId.showFullSection, value }));
  const seen = new Set([section.id]);
  let index = 0;
  for (const other of related) {
    if (index >= MAX_RELATED) break;
    if (seen.has(other.section.id)) continue;
    seen.add(other.section.id);
    buttons.push(
      button({
        label: `${tentative ? "Or maybe" : "Related"}: ${other.section.heading}`,
        actionId: indexedActionId(ActionId.relatedResult, index),
        value: encodeActionValue({ sectionId: other.section.id, query, picked }),
        accessibilityLabel: `Related: ${other.section.heading} in ${other.section.document.title}`,
      }),
    );
    index += 1;
  }
  // A person is one click away wherever the bot's answer can be followed up (not the Home tab).
  if (ctx.surface !== "home" && query.trim() !== "") {
    buttons.push(button({ label: "Ask an expert", actionId: ActionId.askExpert, value }));
  }
  return actions(buttons, "answer_actions");
}

/** Labels of the feedback buttons, as people see them. */
export const FEEDBACK_LABELS = { positive: "👍 Helpful", negative: "👎 Not helpful" } as const;

/**
 * Slack's own feedback control: a `feedback_buttons` element in a `context_actions` block. Each
 * person's click is theirs: the listener answers the clicker privately and edits nothing.
 */
function feedbackBlock(sectionId: string, query: string, picked: boolean): ContextActionsBlock {
  const value = (helpful: boolean) => encodeActionValue({ sectionId, query, picked, helpful });
  return {
    type: "context_actions",
    block_id: FEEDBACK_BLOCK_ID,
    elements: [
      {
        type: "feedback_buttons",
        action_id: ActionId.feedback,
        positive_button: {
          text: { type: "plain_text", text: FEEDBACK_LABELS.positive, emoji: true },
          value: value(true),
          accessibility_label: "Mark this answer as helpful",
        },
        negative_button: {
          text: { type: "plain_text", text: FEEDBACK_LABELS.negative, emoji: true },
          value: value(false),
          accessibility_label: "Mark this answer as not helpful",
        },
      },
    ],
  };
}
