import { encodeCaptureMetadata } from "../../capture/metadata.js";
import { mrkdwnToMarkdown } from "../../capture/mrkdwn-to-markdown.js";
import type { ListenerDeps } from "../../deps.js";
import { extractQuestion } from "../../replies/question-text.js";
import { callSlack } from "../../send/slack-call.js";
import { renderAddToHandbookModal } from "../../views/add-to-handbook.js";
import { renderApology } from "../../views/apology.js";
import { mrkdwnSection } from "../../views/blocks.js";
import { findRequest } from "../events/escalation-reply.js";
import type { MessageShortcutArgs } from "./ask-handbook.js";

/** The manifest's `callback_id` of the "Add to handbook" message shortcut. */
export const ADD_TO_HANDBOOK_CALLBACK = "add_to_handbook";

const NOTHING_TO_ADD = "That message has no text to add to the handbook.";

/**
 * "Add to handbook" on a message (typically an expert's answer in a thread): opens a modal with
 * the thread's first message as the question, this message as the answer, both in markdown, and
 * the document and heading the bot would answer the question from. Submitting it writes a draft
 * (listeners/views/save-draft.ts). A thread that cannot be read leaves the question empty to fill.
 */
export function createAddToHandbookListener(deps: ListenerDeps) {
  return async ({
    ack,
    shortcut,
    client,
    respond,
    context,
  }: MessageShortcutArgs): Promise<void> => {
    await ack();
    const { message } = shortcut;
    const answer = typeof message?.text === "string" ? message.text : "";
    if (answer.trim() === "") {
      await respond({
        response_type: "ephemeral",
        text: NOTHING_TO_ADD,
        blocks: [mrkdwnSection(NOTHING_TO_ADD)],
      });
      return;
    }
    const channel = shortcut.channel.id;
    const threadTs = typeof message.thread_ts === "string" ? message.thread_ts : undefined;
    let question = "";
    let askedBy: string | undefined;
    // A store that cannot be read counts as no request: the thread's first message is used.
    const escalation =
      threadTs === undefined ? undefined : await findRequest(deps, channel, threadTs);
    if (escalation !== undefined) {
      // An expert's reply to "Ask an expert": the question is the one the asker put to the bot.
      question = escalation.question;
      askedBy = escalation.asker;
    } else if (threadTs !== undefined && threadTs !== message.ts) {
      // The shortcut on a reply: the question is the thread's first message.
      const replies = await callSlack(deps.logger, "conversations.replies", () =>
        client.conversations.replies({ channel, ts: threadTs, limit: 1 }),
      );
      const first = replies.ok ? replies.value.messages?.[0] : undefined;
      if (first?.ts === threadTs) {
        // "@Handbook how long is a retro?": the question is what follows the mention.
        const bot = context.botUserId;
        question = (first.text ?? "")
          .split(bot ? `<@${bot}>` : "\u0000")
          .join("")
          .trim();
        askedBy = first.user;
      }
    }
    const answeredBy = typeof message.user === "string" ? message.user : undefined;
    const lookup = extractQuestion(question) || extractQuestion(answer);
    const best = deps.knowledge.current().index.search(lookup).results[0]?.section;
    const view = renderAddToHandbookModal({
      question: mrkdwnToMarkdown(question),
      answer: mrkdwnToMarkdown(answer),
      ...(best !== undefined && { document: best.document.path, heading: best.heading }),
      privateMetadata: encodeCaptureMetadata({
        channel,
        messageTs: message.ts,
        ...(askedBy !== undefined && { askedBy }),
        ...(answeredBy !== undefined && { answeredBy }),
      }),
    });
    const opened = await callSlack(deps.logger, "views.open", () =>
      client.views.open({ trigger_id: shortcut.trigger_id, view }),
    );
    if (!opened.ok) {
      await callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "ephemeral", ...renderApology() }),
      );
    }
  };
}
