import { describe, expect, it } from "vitest";
import { createOpenRelatedListener } from "../../../../src/slack/listeners/actions/open-related.js";
import {
  renderSectionAnswer,
  resolveSectionAnswer,
} from "../../../../src/slack/replies/section-answer.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import { renderHomeView } from "../../../../src/slack/views/home.js";
import { renderMessageAsText, renderViewAsText } from "../../../../src/slack/views/text.js";
import type { HomeView, SlackMessage } from "../../../../src/slack/views/types.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  respondError,
  riskSection,
} from "../fakes.js";

const choice = { sectionId: riskSection.id, query: "what goes in the risk log" };

describe("Related / suggested topic", () => {
  it("replaces a private answer with the chosen section's answer", async () => {
    const { deps, knowledge, search } = makeDeps();
    const { args, respond, client } = actionArgs({
      actionId: `${ActionId.relatedResult}:1`,
      value: encodeActionValue(choice),
      container: ephemeralContainer,
    });
    await createOpenRelatedListener(deps)(args);
    expect(search).toHaveBeenCalledWith("what goes in the risk log");
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      replace_original: true,
      ...renderSectionAnswer(knowledge, choice, { ephemeral: true }),
    });
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("posts after a public answer, in its thread, leaving it for everyone else", async () => {
    const { deps, knowledge } = makeDeps();
    const { args, respond, client } = actionArgs({
      actionId: ActionId.suggestedTopic,
      value: encodeActionValue(choice),
      container: {
        type: "message",
        message_ts: "1700000000.000500",
        channel_id: "C0TEAM001",
        is_ephemeral: false,
      },
      channel: { id: "C0TEAM001", name: "team" },
      message: {
        type: "message",
        ts: "1700000000.000500",
        thread_ts: "1700000000.000100",
        blocks: [],
      },
    });
    await createOpenRelatedListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "C0TEAM001",
      thread_ts: "1700000000.000100",
      ...renderSectionAnswer(knowledge, { ...choice, picked: true }, { ephemeral: false }),
    });
    expect(respond).not.toHaveBeenCalled();
  });

  it("shows a suggested topic as picked, not as the answer to the unanswered question", async () => {
    const { deps } = makeDeps();
    const unrelated = { sectionId: riskSection.id, query: "how do I bake sourdough" };
    const { args, respond } = actionArgs({
      actionId: `${ActionId.suggestedTopic}:2`,
      value: encodeActionValue(unrelated),
      container: ephemeralContainer,
    });
    await createOpenRelatedListener(deps)(args);
    const sent = onlyCall(respond) as unknown as SlackMessage;
    // What the asker reads: the buttons still carry the question, for feedback.
    const reply = renderMessageAsText(sent).text;
    expect(reply).toContain(`You picked: “${riskSection.heading}”`);
    expect(reply).toContain(riskSection.text);
    expect(reply).not.toContain("sourdough");
    expect(sent.text).not.toContain("sourdough");
  });

  it("keeps the question above a related result, which the question did lead to", async () => {
    const { deps } = makeDeps();
    const { args, respond } = actionArgs({
      actionId: ActionId.relatedResult,
      value: encodeActionValue(choice),
      container: ephemeralContainer,
    });
    await createOpenRelatedListener(deps)(args);
    const reply = renderMessageAsText(onlyCall(respond) as unknown as SlackMessage).text;
    expect(reply).toContain(`“${choice.query}”`);
    expect(reply).not.toContain("You picked");
  });

  it("ignores an empty value", async () => {
    const { deps } = makeDeps();
    const { args, respond, client } = actionArgs({
      actionId: ActionId.relatedResult,
      value: "",
      container: ephemeralContainer,
    });
    await createOpenRelatedListener(deps)(args);
    expect(respond).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("logs a failing response_url and apologizes", async () => {
    const { deps, log } = makeDeps();
    const { args, respond } = actionArgs({
      actionId: ActionId.relatedResult,
      value: encodeActionValue(choice),
      container: ephemeralContainer,
    });
    respond.mockRejectedValueOnce(respondError(500));
    await expect(createOpenRelatedListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "response_url",
      code: "slack_bolt_respond_error",
    });
    expect(respond.mock.calls[1]?.[0]).toEqual({
      response_type: "ephemeral",
      replace_original: true,
      ...renderApology(),
    });
  });

  it("logs a rejected chat.postMessage with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.relatedResult,
      value: encodeActionValue(choice),
      container: {
        type: "message",
        message_ts: "1.2",
        channel_id: "C0TEAM001",
        is_ephemeral: false,
        thread_ts: "1.1",
      },
    });
    client.chat.postMessage.mockRejectedValue(platformError("channel_not_found"));
    await createOpenRelatedListener(deps)(args);
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "chat.postMessage",
      code: "channel_not_found",
    });
  });

  it("answers only the clicker under an answer shared at the top of a channel", async () => {
    const { deps, knowledge } = makeDeps();
    const { args, respond, client } = actionArgs({
      actionId: ActionId.relatedResult,
      value: encodeActionValue(choice),
      container: {
        type: "message",
        message_ts: "1700000000.000500",
        channel_id: "C0TEAM001",
        is_ephemeral: false,
      },
      channel: { id: "C0TEAM001", name: "team" },
      message: { type: "message", ts: "1700000000.000500", blocks: [] },
    });
    await createOpenRelatedListener(deps)(args);
    // Not a new top-level message for everyone: a private answer, the shared one left as it was.
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      ...renderSectionAnswer(knowledge, choice, { ephemeral: true }),
    });
  });

  it("shows the related section in the Home tab it was pressed in", async () => {
    const { deps, knowledge, log } = makeDeps();
    const { args, client, respond } = actionArgs({
      actionId: `${ActionId.relatedResult}:1`,
      value: encodeActionValue(choice),
      container: { type: "view", view_id: "V0HOME" },
      view: { id: "V0HOME", type: "home" },
    });
    await createOpenRelatedListener(deps)(args);
    const published = onlyCall(client.views.publish) as { user_id: string; view: HomeView };
    expect(published.user_id).toBe("U0CLICK01");
    const found = resolveSectionAnswer(knowledge, choice);
    if (!("answer" in found)) throw new Error("the section should resolve");
    expect(published.view).toEqual(
      renderHomeView(knowledge.base, { query: choice.query, answer: found.answer }),
    );
    const shown = renderViewAsText(published.view).text;
    expect(shown).toContain(riskSection.text);
    expect(respond).not.toHaveBeenCalled();
    expect(log.events("ignored_action")).toEqual([]);
  });

  it("logs a failing views.publish from the Home tab", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.relatedResult,
      value: encodeActionValue(choice),
      container: { type: "view", view_id: "V0HOME" },
      view: { id: "V0HOME", type: "home" },
    });
    client.views.publish.mockRejectedValue(platformError("hash_conflict"));
    await expect(createOpenRelatedListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.publish",
      code: "hash_conflict",
    });
  });
});
