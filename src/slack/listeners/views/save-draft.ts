import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { composeDraft } from "../../capture/draft.js";
import { decodeCaptureMetadata } from "../../capture/metadata.js";
import type { ListenerDeps } from "../../deps.js";
import { callSlack } from "../../send/slack-call.js";
import {
  readAddToHandbookSubmission,
  renderDraftFailed,
  renderDraftSaved,
} from "../../views/add-to-handbook.js";

export type ViewSubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The "Add to handbook" modal submitted: writes the draft (frontmatter with who asked, who
 * answered, the message's permalink and the date; `draft: true`) into the drafts folder under
 * CONTENT_DIR, then tells the person privately where it is, or that it failed.
 */
export function createSaveDraftListener(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const metadata = decodeCaptureMetadata(view.private_metadata);
    if (metadata === undefined) {
      await ack();
      deps.logger.warn(
        { event: "view_ignored", reason: "no capture metadata", callbackId: view.callback_id },
        "an Add to handbook submission without its metadata",
      );
      return;
    }
    const form = readAddToHandbookSubmission(view.state.values);
    if (form.answer.trim() === "") {
      await ack({ response_action: "errors", errors: { answer_0: "Write the answer to save." } });
      return;
    }
    await ack();
    const user = body.user.id;
    const link = await callSlack(deps.logger, "chat.getPermalink", () =>
      client.chat.getPermalink({ channel: metadata.channel, message_ts: metadata.messageTs }),
    );
    const permalink = link.ok ? link.value.permalink : undefined;
    const draft = composeDraft({
      question: form.question,
      answer: form.answer,
      ...(metadata.askedBy !== undefined && { askedBy: metadata.askedBy }),
      ...(metadata.answeredBy !== undefined && { answeredBy: metadata.answeredBy }),
      capturedBy: user,
      ...(permalink !== undefined && { permalink }),
      suggestedDocument: form.document,
      suggestedHeading: form.heading,
      date: new Date((deps.now ?? Date.now)()),
    });
    let file: string;
    try {
      file = await deps.drafts.write(draft.stem, draft.text);
    } catch (error) {
      deps.logger.error({ event: "draft_failed", user, err: error }, "could not write a draft");
      await callSlack(deps.logger, "chat.postMessage", () =>
        client.chat.postMessage({ channel: user, ...renderDraftFailed() }),
      );
      return;
    }
    deps.logger.info({ event: "draft_saved", file, user }, "saved an answer from Slack as a draft");
    await callSlack(deps.logger, "chat.postMessage", () =>
      client.chat.postMessage({ channel: user, ...renderDraftSaved(file) }),
    );
  };
}
