import { describe, expect, it } from "vitest";
import { createFeedbackListener } from "../../../../src/slack/listeners/actions/feedback.js";
import { renderOwnerNotice } from "../../../../src/slack/replies/owner-notice.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { renderFeedbackReply } from "../../../../src/slack/views/feedback-reply.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  respondError,
  retroSection,
  riskSection,
  textOf,
} from "../fakes.js";

const QUESTION = "how long is a retro <really>?";

/** Slack's feedback buttons: one action id, the pressed button's value. */
function vote(helpful: boolean, sectionId = retroSection.id, extra: { picked?: boolean } = {}) {
  return {
    actionId: ActionId.feedback,
    type: "feedback_buttons",
    value: encodeActionValue({ sectionId, query: QUESTION, helpful, ...extra }),
  };
}

/** A public answer in a channel thread, as others see it. */
const publicAnswer = {
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
    thread_ts: "1700000000.000100",
    text: "<!channel> whatever the payload says",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: "<!channel> injected" } }],
  },
};

describe("feedback", () => {
  it("logs Helpful and thanks the clicker privately, editing nothing", async () => {
    const { deps, log } = makeDeps();
    const { args, respond, client } = actionArgs({ ...vote(true), ...publicAnswer });
    await createFeedbackListener(deps)(args);

    expect(log.events("feedback")).toEqual([
      expect.objectContaining({
        sectionId: retroSection.id,
        query: QUESTION,
        helpful: true,
        user: "U0CLICK01",
      }),
    ]);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      ...renderFeedbackReply({
        helpful: true,
        ownerNotified: false,
        documentTitle: retroSection.document.title,
        owner: "U0OWNER",
      }),
    });
    expect(client.chat.update).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("never sends back what the payload's message says", async () => {
    const { deps } = makeDeps();
    const { args, respond, client } = actionArgs({ ...vote(false), ...publicAnswer });
    await createFeedbackListener(deps)(args);
    const sent = [...respond.mock.calls, ...client.chat.postMessage.mock.calls];
    expect(sent.length).toBeGreaterThan(0);
    for (const call of sent) {
      expect(textOf(call)).not.toContain("<!channel>");
      expect(textOf(call)).not.toContain("whatever the payload says");
    }
  });

  it("on Not helpful tells the document's owner, and tells the clicker it did", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = actionArgs({ ...vote(false), ...publicAnswer });
    await createFeedbackListener(deps)(args);

    const notice = onlyCall(client.chat.postMessage);
    expect(notice).toEqual({
      channel: "U0OWNER",
      ...renderOwnerNotice({
        section: retroSection,
        query: QUESTION,
        user: "U0CLICK01",
        owner: "U0OWNER",
      }),
    });
    // The question is echoed to the owner escaped, never as raw markup.
    expect(textOf(notice)).toContain("&lt;really&gt;");
    expect(textOf(notice)).not.toContain("<really>");
    const reply = onlyCall(respond);
    expect(reply).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(textOf(reply)).toContain("<@U0OWNER>");
    expect(textOf(reply)).toContain(retroSection.document.title);
    expect(log.events("feedback")[0]).toMatchObject({ helpful: false });
  });

  it("says there is no owner, and notifies nobody, when the document names none", async () => {
    const { deps } = makeDeps();
    const { args, client, respond } = actionArgs({
      ...vote(false, riskSection.id),
      container: ephemeralContainer,
    });
    await createFeedbackListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    const reply = onlyCall(respond);
    expect(textOf(reply)).toContain("no owner listed");
    expect(textOf(reply)).not.toContain("<@");
  });

  it("names an owner given by name without pinging anyone", () => {
    const reply = renderFeedbackReply({
      helpful: false,
      ownerNotified: false,
      documentTitle: "Risks",
      owner: "Delivery <!here> team",
    });
    expect(textOf(reply)).toContain("looked after by Delivery &lt;!here&gt; team");
    expect(textOf(reply)).not.toContain("<!here>");
  });

  it("tells the owner when the section was picked from suggestions rather than answering", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({
      ...vote(false, retroSection.id, { picked: true }),
      container: ephemeralContainer,
    });
    await createFeedbackListener(deps)(args);
    const notice = onlyCall(client.chat.postMessage);
    expect(notice).toEqual({
      channel: "U0OWNER",
      ...renderOwnerNotice({
        section: retroSection,
        query: QUESTION,
        user: "U0CLICK01",
        owner: "U0OWNER",
        picked: true,
      }),
    });
    expect(textOf(notice)).toContain("they picked this section from the suggested topics");
  });

  it("still answers a click on the old 👍 / 👎 buttons of earlier answers", async () => {
    const { deps, log } = makeDeps();
    const { args, respond, client } = actionArgs({
      actionId: ActionId.notHelpful,
      value: encodeActionValue({ sectionId: riskSection.id, query: "risk" }),
      ...publicAnswer,
    });
    await createFeedbackListener(deps)(args);
    expect(log.events("feedback")[0]).toMatchObject({ helpful: false, query: "risk" });
    expect(onlyCall(respond)).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    expect(client.chat.update).not.toHaveBeenCalled();
  });

  it.each([
    ["an unreadable value", { actionId: ActionId.feedback, type: "feedback_buttons", value: "{}" }],
    [
      "a feedback value that does not say which button",
      {
        actionId: ActionId.feedback,
        type: "feedback_buttons",
        value: encodeActionValue({ sectionId: retroSection.id, query: "q" }),
      },
    ],
  ])("ignores %s, without logging feedback", async (_name, spec) => {
    const { deps, log } = makeDeps();
    const { args, respond, client } = actionArgs({ ...spec, container: ephemeralContainer });
    await createFeedbackListener(deps)(args);
    expect(respond).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("feedback")).toEqual([]);
    expect(log.events("ignored_action")).toHaveLength(1);
  });

  it("logs failing Slack calls with method and code, and says no owner was told", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = actionArgs({ ...vote(false), ...publicAnswer });
    client.chat.postMessage.mockRejectedValue(platformError("user_not_found"));
    respond.mockRejectedValue(respondError(404));
    await expect(createFeedbackListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error").map((line) => [line.method, line.code])).toEqual([
      ["chat.postMessage", "user_not_found"],
      ["response_url", "slack_bolt_respond_error"],
    ]);
    // The owner could not be told, so the clicker is not told they were.
    expect(textOf(onlyCall(respond))).not.toContain("I have told");
  });
});
