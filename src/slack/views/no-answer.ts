import type { SearchResult } from "../../search/types.js";
import { ActionId, encodeActionValue, indexedActionId, NO_SECTION } from "./actions.js";
import { actions, button, echoText, mrkdwnContext, mrkdwnSection } from "./blocks.js";
import { commandName } from "./help.js";
import type { KnownBlock, ReplyContext, SlackMessage } from "./types.js";

const MAX_SUGGESTIONS = 3;

/**
 * The honest reply when the knowledge base has no good answer: says so, offers the closest
 * topics as buttons, and suggests what to try next.
 */
export function renderNoAnswer(
  query: string,
  suggestions: readonly SearchResult[],
  ctx: ReplyContext = {},
): SlackMessage {
  // Messages offer a person; the Home tab (which renders the blocks alone) does not.
  const blocks = renderNoAnswerBlocks(query, suggestions, { ...ctx, askExpert: true });
  const quoted = echoText(query);
  return {
    text: quoted
      ? `The knowledge base has no good answer to “${quoted}”.`
      : "The knowledge base has no good answer to that.",
    blocks,
  };
}

export function renderNoAnswerBlocks(
  query: string,
  suggestions: readonly SearchResult[],
  ctx: Pick<ReplyContext, "command"> & { askExpert?: boolean } = {},
): KnownBlock[] {
  const quoted = echoText(query);
  const command = commandName(ctx);
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      quoted
        ? `:thinking_face: The knowledge base has no good answer to “${quoted}”.`
        : `:thinking_face: Ask me a question, for example \`${command} how do I run a retrospective?\``,
    ),
  ];
  const unique = dedupe(suggestions).slice(0, MAX_SUGGESTIONS);
  if (unique.length > 0) {
    blocks.push(mrkdwnSection("The closest topics I know about:"));
    blocks.push(
      ...actions(
        unique.map((s, i) =>
          button({
            label: `${s.section.heading} (${s.section.document.title})`,
            actionId: indexedActionId(ActionId.suggestedTopic, i),
            value: encodeActionValue({ sectionId: s.section.id, query }),
            accessibilityLabel: `Open ${s.section.heading} in ${s.section.document.title}`,
          }),
        ),
        "no_answer_topics",
      ),
    );
  }
  blocks.push(
    mrkdwnContext(
      `Try rephrasing with the words your handbook would use, or see everything it covers with \`${command} topics\`.`,
    ),
  );
  if (ctx.askExpert && query.trim() !== "") {
    blocks.push(
      ...actions(
        [
          button({
            label: "Ask an expert",
            actionId: ActionId.askExpert,
            value: encodeActionValue({ sectionId: unique[0]?.section.id ?? NO_SECTION, query }),
          }),
        ],
        "no_answer_expert",
      ),
    );
  }
  return blocks;
}

function dedupe(results: readonly SearchResult[]): SearchResult[] {
  const seen = new Set<string>();
  return results.filter((r) => {
    if (seen.has(r.section.id)) return false;
    seen.add(r.section.id);
    return true;
  });
}
