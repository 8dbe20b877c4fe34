import { describe, expect, it } from "vitest";
import { createFeedbackListener } from "../../../../src/slack/listeners/actions/feedback.js";
import { renderOwnerNotice } from "../../../../src/slack/owner-notice.js";
import { renderSectionAnswer } from "../../../../src/slack/section-answer.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { FEEDBACK_BLOCK_ID } from "../../../../src/slack/views/answer.js";
import { renderFeedbackThanks } from "../../../../src/slack/views/apology.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  retroSection,
  riskSection,
  textOf,
} from "../fakes.js";

const onRetro = encodeActionValue({
  sectionId: retroSection.id,
  query: "how long is a retro <really>?",
});

describe("feedback", () => {
  it("logs Helpful and swaps the buttons of a private answer for a thank-you", async () => {
    const { deps, knowledge, log } = makeDeps();
    const { args, respond, client } = actionArgs({
      actionId: ActionId.helpful,
      value: onRetro,
      container: ephemeralContainer,
    });
    await createFeedbackListener(deps)(args);

    expect(log.events("feedback")).toEqual([
      expect.objectContaining({
        sectionId: retroSection.id,
        query: "how long is a retro <really>?",
        helpful: true,
        user: "U0CLICK01",
      }),
    ]);
    const answer = renderSectionAnswer(
      knowledge,
      { sectionId: retroSection.id, query: "how long is a retro <really>?" },
      { ephemeral: true },
    );
    const sent = onlyCall(respond) as { blocks: { block_id?: string }[] };
    expect(sent).toMatchObject({
      response_type: "ephemeral",
      replace_original: true,
      text: answer.text,
    });
    expect(sent.blocks).toHaveLength(answer.blocks.length);
    expect(sent.blocks.find((block) => block.block_id === FEEDBACK_BLOCK_ID)).toEqual(
      renderFeedbackThanks(true),
    );
    expect(textOf(sent.blocks)).not.toContain(ActionId.helpful);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("on Not helpful updates a public answer in place and tells the document's owner", async () => {
    const { deps, knowledge, log } = makeDeps();
    const original = renderSectionAnswer(
      knowledge,
      { sectionId: retroSection.id, query: "how long is a retro <really>?" },
      {},
    );
    const { args, client, respond } = actionArgs({
      actionId: ActionId.notHelpful,
      value: onRetro,
      container: {
        type: "message",
        message_ts: "1700000000.000700",
        channel_id: "C0TEAM001",
        is_ephemeral: false,
      },
      channel: { id: "C0TEAM001", name: "team" },
      message: {
        type: "message",
        ts: "1700000000.000700",
        text: original.text,
        blocks: original.blocks,
      },
    });
    await createFeedbackListener(deps)(args);

    const update = onlyCall(client.chat.update) as { blocks: { block_id?: string }[] };
    expect(update).toMatchObject({
      channel: "C0TEAM001",
      ts: "1700000000.000700",
      text: original.text,
    });
    expect(update.blocks.find((block) => block.block_id === FEEDBACK_BLOCK_ID)).toEqual(
      renderFeedbackThanks(false),
    );
    expect(respond).not.toHaveBeenCalled();

    const notice = onlyCall(client.chat.postMessage);
    expect(notice).toEqual({
      channel: "U0OWNER",
      ...renderOwnerNotice({
        section: retroSection,
        query: "how long is a retro <really>?",
        user: "U0CLICK01",
      }),
    });
    // The question is echoed to the owner escaped, never as raw markup.
    expect(textOf(notice)).toContain("&lt;really&gt;");
    expect(textOf(notice)).not.toContain("<really>");
    expect(log.events("feedback")[0]).toMatchObject({ helpful: false });
  });

  it("tells the owner when the section was picked from suggestions rather than answering", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.notHelpful,
      value: encodeActionValue({
        sectionId: retroSection.id,
        query: "how do I bake sourdough",
        picked: true,
      }),
      container: ephemeralContainer,
    });
    await createFeedbackListener(deps)(args);
    const notice = onlyCall(client.chat.postMessage);
    expect(notice).toEqual({
      channel: "U0OWNER",
      ...renderOwnerNotice({
        section: retroSection,
        query: "how do I bake sourdough",
        user: "U0CLICK01",
        picked: true,
      }),
    });
    expect(textOf(notice)).toContain("they picked this section from the suggested topics");
  });

  it("does not notify anyone when the document has no owner", async () => {
    const { deps } = makeDeps();
    const { args, client, respond } = actionArgs({
      actionId: ActionId.notHelpful,
      value: encodeActionValue({ sectionId: riskSection.id, query: "risk" }),
      container: ephemeralContainer,
    });
    await createFeedbackListener(deps)(args);
    expect(respond).toHaveBeenCalledTimes(1);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("ignores a value it cannot read, without logging feedback", async () => {
    const { deps, log } = makeDeps();
    const { args, respond } = actionArgs({
      actionId: ActionId.helpful,
      value: "{}",
      container: ephemeralContainer,
    });
    await createFeedbackListener(deps)(args);
    expect(respond).not.toHaveBeenCalled();
    expect(log.events("feedback")).toEqual([]);
  });

  it("logs failing Slack calls with method and code, and still notifies the owner", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.notHelpful,
      value: onRetro,
      container: {
        type: "message",
        message_ts: "1.7",
        channel_id: "C0TEAM001",
        is_ephemeral: false,
      },
      message: { type: "message", ts: "1.7", text: "x", blocks: [] },
    });
    client.chat.update.mockRejectedValue(platformError("cant_update_message"));
    client.chat.postMessage.mockRejectedValue(platformError("user_not_found"));
    await expect(createFeedbackListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error").map((line) => [line.method, line.code])).toEqual([
      ["chat.update", "cant_update_message"],
      ["chat.postMessage", "user_not_found"],
    ]);
  });
});
