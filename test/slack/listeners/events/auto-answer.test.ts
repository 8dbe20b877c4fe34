import { describe, expect, it } from "vitest";
import { createAutoAnswerListener } from "../../../../src/slack/listeners/events/auto-answer.js";
import { renderReply } from "../../../../src/slack/views/reply.js";
import { decisionOf } from "../../../helpers.js";
import {
  confidentResponse,
  eventArgs,
  makeDeps,
  onlyCall,
  platformError,
  unsureResponse,
} from "../fakes.js";

const HELP = "C0HELP";

function topLevel(event: Record<string, unknown> = {}) {
  return eventArgs<"message">({
    type: "message",
    channel_type: "channel",
    channel: HELP,
    user: "U0ASKER01",
    ts: "1700000000.000500",
    text: "how do we run a retro?",
    ...event,
  });
}

function autoChannel(options: Parameters<typeof makeDeps>[0] = {}) {
  const made = makeDeps(options);
  void made.deps.settings.setChannelMode("T1", HELP, "auto", "U0ADMIN");
  return made;
}

describe("automatic answers", () => {
  it("answers a confident question in a thread under it, and follows that thread", async () => {
    const { deps, log } = autoChannel();
    const { args, client } = topLevel();
    await createAutoAnswerListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: HELP,
      thread_ts: "1700000000.000500",
      ...renderReply(confidentResponse("how do we run a retro?"), {}),
    });
    expect(log.events("query")[0]).toMatchObject({ surface: "channel", answered: true });
    expect(deps.threads.recall(HELP, "1700000000.000500")).toEqual({
      question: "how do we run a retro?",
    });
  });

  it("stays quiet without a confident answer: a best match or none", async () => {
    for (const respond of [
      unsureResponse,
      (q: string) => ({ ...confidentResponse(q), decision: decisionOf("best-match") }),
    ]) {
      const { deps, log } = autoChannel({ respond });
      const { args, client } = topLevel();
      await createAutoAnswerListener(deps)(args);
      expect(client.chat.postMessage).not.toHaveBeenCalled();
      // Nothing was shown, so the log says unanswered, for `gaps`.
      expect(log.events("query")[0]).toMatchObject({ surface: "channel", answered: false });
    }
  });

  it.each([
    ["a channel in the default mode", { channel: "C0QUIET" }],
    ["a statement", { text: "the retro is at 3pm" }],
    ["thanks", { text: "thanks all!" }],
    ["a thread reply (the follow-up listener's)", { thread_ts: "1690000000.000001" }],
    ["a mention (app_mention answers it)", { text: "<@U0BOT0001> how do we run a retro?" }],
    ["a bot", { bot_id: "B0OTHER" }],
    ["a DM", { channel_type: "im" }],
  ])("ignores %s without searching", async (_name, event) => {
    const { deps, search } = autoChannel();
    const { args, client } = topLevel(event);
    await createAutoAnswerListener(deps)(args);
    expect(search).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("logs a failed post, and does not follow a thread it never answered in", async () => {
    const { deps, log } = autoChannel();
    const { args, client } = topLevel();
    client.chat.postMessage.mockRejectedValue(platformError("not_in_channel"));
    await expect(createAutoAnswerListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({ code: "not_in_channel" });
    expect(deps.threads.recall(HELP, "1700000000.000500")).toBeUndefined();
  });
});
