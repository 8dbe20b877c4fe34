import { describe, expect, it } from "vitest";
import { createShareAnswerListener } from "../../../../src/slack/listeners/actions/share-answer.js";
import { renderSectionAnswer } from "../../../../src/slack/replies/section-answer.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  retroSection,
  textOf,
} from "../fakes.js";

const value = encodeActionValue({ sectionId: retroSection.id, query: "how do we run a retro?" });
const shareArgs = () =>
  actionArgs({
    actionId: ActionId.shareInChannel,
    value,
    container: ephemeralContainer,
    channel: { id: "C0TEAM001", name: "team" },
  });

describe("Share in channel", () => {
  it("posts the answer publicly, shared by the clicker, then deletes the ephemeral copy", async () => {
    const { deps, knowledge, log } = makeDeps();
    const { args, ack, client, respond } = shareArgs();
    await createShareAnswerListener(deps)(args);
    expect(ack).toHaveBeenCalled();
    const expected = renderSectionAnswer(
      knowledge,
      { sectionId: retroSection.id, query: "how do we run a retro?" },
      { sharedBy: "U0CLICK01" },
    );
    expect(onlyCall(client.chat.postMessage)).toEqual({ channel: "C0TEAM001", ...expected });
    expect(textOf(expected.blocks)).toContain("<@U0CLICK01>");
    expect(textOf(expected.blocks)).not.toContain(ActionId.shareInChannel);
    expect(onlyCall(respond)).toEqual({ delete_original: true });
    // Sharing is not a new question.
    expect(log.events("query")).toEqual([]);
    // Replies under the shared answer are followed (the fake client posts at ts …000900).
    expect(deps.threads.recall("C0TEAM001", "1700000000.000900")).toEqual({
      question: "how do we run a retro?",
    });
  });

  it("shares through response_url where the bot cannot post itself", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = shareArgs();
    client.chat.postMessage.mockRejectedValue(platformError("not_in_channel"));
    await createShareAnswerListener(deps)(args);
    expect(respond).toHaveBeenCalledTimes(2);
    expect(respond.mock.calls[0]?.[0]).toMatchObject({
      response_type: "in_channel",
      replace_original: false,
    });
    expect(textOf(respond.mock.calls[0]?.[0])).toContain("Running a retrospective");
    expect(respond.mock.calls[1]?.[0]).toEqual({ delete_original: true });
    expect(log.events("share_fallback")[0]).toMatchObject({ code: "not_in_channel" });
  });

  it("ignores a button whose value is not an answer reference", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = actionArgs({
      actionId: ActionId.shareInChannel,
      value: "garbage",
      container: ephemeralContainer,
    });
    await createShareAnswerListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(respond).not.toHaveBeenCalled();
    expect(log.events("ignored_action")).toHaveLength(1);
  });

  it("logs a failed post with its code, keeps the private copy and apologizes", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = shareArgs();
    client.chat.postMessage.mockRejectedValue(platformError("is_archived"));
    await expect(createShareAnswerListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")).toEqual([
      expect.objectContaining({ method: "chat.postMessage", code: "is_archived" }),
    ]);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      ...renderApology(),
    });
  });
});
