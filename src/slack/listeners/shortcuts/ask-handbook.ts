import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { answerQuestion } from "../../replies/answer-question.js";
import { extractQuestion } from "../../replies/question-text.js";
import { deliverReply } from "../../send/deliver.js";
import { mrkdwnSection } from "../../views/blocks.js";

/** The manifest's `callback_id` of the "Ask the handbook" message shortcut. */
export const ASK_HANDBOOK_CALLBACK = "ask_handbook";

export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

const NOTHING_TO_ASK = "That message has no text I could look up in the handbook.";

/**
 * "Ask the handbook" on any message: the message's text is the question, and the answer (or the
 * honest no-answer) goes to the person who used the shortcut only, through the response URL,
 * with "Share in channel" if they want others to see it.
 */
export function createAskHandbookListener(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond, context }: MessageShortcutArgs): Promise<void> => {
    await ack();
    const question = extractQuestion(shortcut.message?.text);
    const user = shortcut.user.id;
    await deliverReply({
      logger: deps.logger,
      method: "response_url",
      compose: async () =>
        question === ""
          ? { text: NOTHING_TO_ASK, blocks: [mrkdwnSection(NOTHING_TO_ASK)] }
          : answerQuestion({
              knowledge: deps.knowledge.current(),
              question,
              surface: "shortcut",
              user,
              logger: deps.logger,
              clock: deps.clock,
              context: { ...(await replyContext(deps, teamOf(context))), ephemeral: true },
            }).message,
      send: (message) => respond({ response_type: "ephemeral", ...message }),
    });
  };
}
