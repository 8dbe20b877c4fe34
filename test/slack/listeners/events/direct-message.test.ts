import { describe, expect, it } from "vitest";
import { createDirectMessageListener } from "../../../../src/slack/listeners/events/direct-message.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import { renderAcknowledgement, renderHelp } from "../../../../src/slack/views/help.js";
import { renderReply } from "../../../../src/slack/views/reply.js";
import { confidentResponse, eventArgs, makeDeps, onlyCall, platformError } from "../fakes.js";

function dmArgs(event: Record<string, unknown>) {
  return eventArgs<"message">({
    type: "message",
    channel_type: "im",
    channel: "D0ASKER01",
    user: "U0ASKER01",
    ts: "1700000000.000200",
    text: "how do I keep a risk log?",
    ...event,
  });
}

describe("message.im", () => {
  it("answers in the DM", async () => {
    const { deps, search, log } = makeDeps();
    const { args, client } = dmArgs({});
    await createDirectMessageListener(deps)(args);
    expect(search).toHaveBeenCalledWith("how do I keep a risk log?");
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "D0ASKER01",
      thread_ts: undefined,
      ...renderReply(confidentResponse("how do I keep a risk log?"), {}),
    });
    expect(log.events("query")[0]).toMatchObject({ surface: "dm", user: "U0ASKER01" });
  });

  it("ignores, with a warning, an event without a channel", async () => {
    const { deps, search, log } = makeDeps();
    const { args, client } = dmArgs({ channel: undefined });
    await createDirectMessageListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(search).not.toHaveBeenCalled();
    expect(log.events("event_ignored")).toEqual([
      expect.objectContaining({ reason: "no channel" }),
    ]);
  });

  it("ignores, with a warning, an event whose text or thread is not a string", async () => {
    const { deps, search, log } = makeDeps();
    for (const odd of [{ text: 42 }, { text: { x: 1 } }, { thread_ts: 1.5 }, { user: ["U1"] }]) {
      const { args, client } = dmArgs(odd);
      await createDirectMessageListener(deps)(args);
      expect(client.chat.postMessage).not.toHaveBeenCalled();
    }
    expect(search).not.toHaveBeenCalled();
    expect(log.events("event_ignored").map((line) => line.reason)).toEqual([
      "text is not a string",
      "text is not a string",
      "thread_ts is not a string",
      "user is not a string",
    ]);
  });

  it("answers in the thread when the question was asked in one", async () => {
    const { deps } = makeDeps();
    const { args, client } = dmArgs({ thread_ts: "1699999999.000009" });
    await createDirectMessageListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toMatchObject({ thread_ts: "1699999999.000009" });
  });

  it("answers an empty message with help", async () => {
    const { deps } = makeDeps();
    const { args, client } = dmArgs({ text: "<@U0BOT0001>" });
    await createDirectMessageListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "D0ASKER01",
      thread_ts: undefined,
      ...renderHelp(),
    });
  });

  it("answers 'help' with help, without searching", async () => {
    const { deps, search } = makeDeps();
    const { args, client } = dmArgs({ text: "help" });
    await createDirectMessageListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toMatchObject(renderHelp());
    expect(search).not.toHaveBeenCalled();
  });

  it("answers a thanks with a short reply, without searching or logging a question", async () => {
    const { deps, search, log } = makeDeps();
    const { args, client } = dmArgs({
      text: "perfect, thanks! :pray:",
      thread_ts: "1700000000.000100",
    });
    await createDirectMessageListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "D0ASKER01",
      thread_ts: "1700000000.000100",
      ...renderAcknowledgement(),
    });
    expect(search).not.toHaveBeenCalled();
    // The unanswered-questions report reads `query` lines: a thanks is not one.
    expect(log.events("query")).toEqual([]);
  });

  it.each([
    ["a bot's message", { bot_id: "B0OTHER01" }],
    ["a bot_message subtype", { subtype: "bot_message", bot_id: "B0OTHER01" }],
    ["the bot's own message", { user: "U0BOT0001" }],
    ["an edit", { subtype: "message_changed" }],
    ["a deletion", { subtype: "message_deleted" }],
    ["a join", { subtype: "channel_join" }],
    ["a channel message", { channel_type: "channel", channel: "C0TEAM001" }],
  ])("ignores %s", async (_label, extra) => {
    const { deps, search } = makeDeps();
    const { args, client } = dmArgs(extra);
    await createDirectMessageListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(search).not.toHaveBeenCalled();
  });

  it("logs a rejected chat.postMessage, apologizes, and does not throw", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = dmArgs({});
    client.chat.postMessage.mockRejectedValue(platformError("ratelimited"));
    await expect(createDirectMessageListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error").map((line) => [line.method, line.code])).toEqual([
      ["chat.postMessage", "ratelimited"],
      ["chat.postMessage", "ratelimited"],
    ]);
    expect(client.chat.postMessage.mock.calls[1]?.[0]).toMatchObject({
      channel: "D0ASKER01",
      ...renderApology(),
    });
  });
});
