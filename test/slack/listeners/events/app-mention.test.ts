import { describe, expect, it } from "vitest";
import { createAppMentionListener } from "../../../../src/slack/listeners/events/app-mention.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import { renderHelp } from "../../../../src/slack/views/help.js";
import { renderReply } from "../../../../src/slack/views/reply.js";
import { renderTopics } from "../../../../src/slack/views/topics.js";
import { confidentResponse, eventArgs, makeDeps, onlyCall, platformError } from "../fakes.js";

function mentionArgs(event: Record<string, unknown>) {
  return eventArgs<"app_mention">({
    type: "app_mention",
    user: "U0ASKER01",
    channel: "C0TEAM001",
    ts: "1700000000.000100",
    ...event,
  });
}

describe("app_mention", () => {
  it("ignores, with a warning, a mention without a channel", async () => {
    const { deps, search, log } = makeDeps();
    const { args, client } = mentionArgs({ channel: undefined });
    await createAppMentionListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(search).not.toHaveBeenCalled();
    expect(log.events("event_ignored")).toEqual([
      expect.objectContaining({ reason: "no channel" }),
    ]);
  });

  it("ignores, with a warning, a mention whose fields are missing or not strings", async () => {
    const { deps, search, log } = makeDeps();
    for (const odd of [{ ts: undefined }, { text: 7 }, { thread_ts: {} }, { user: 3 }]) {
      const { args, client } = mentionArgs(odd);
      await createAppMentionListener(deps)(args);
      expect(client.chat.postMessage).not.toHaveBeenCalled();
    }
    expect(search).not.toHaveBeenCalled();
    expect(log.events("event_ignored").map((line) => line.reason)).toEqual([
      "no ts",
      "text is not a string",
      "thread_ts is not a string",
      "user is not a string",
    ]);
  });

  it("answers in a thread on the mention, without the mention or Slack markup in the question", async () => {
    const { deps, search, log } = makeDeps();
    const { args, client } = mentionArgs({
      text: "<@U0BOT0001> how do we run a retro in <#C123|planning>? see <https://x.test/a|the guide> <!here>",
    });
    await createAppMentionListener(deps)(args);
    expect(search).toHaveBeenCalledWith("how do we run a retro in planning? see the guide");
    const question = "how do we run a retro in planning? see the guide";
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "C0TEAM001",
      thread_ts: "1700000000.000100",
      ...renderReply(confidentResponse(question), {}),
    });
    expect(log.events("query")[0]).toMatchObject({
      surface: "mention",
      user: "U0ASKER01",
      answered: true,
    });
  });

  it("follows the thread it answered in, with the question, only once the answer is posted", async () => {
    const { deps } = makeDeps();
    const { args } = mentionArgs({ text: "<@U0BOT0001> how do we run a retro" });
    await createAppMentionListener(deps)(args);
    expect(deps.threads.recall("C0TEAM001", "1700000000.000100")).toEqual({
      question: "how do we run a retro",
    });

    const failing = makeDeps();
    const { args: failed, client } = mentionArgs({ text: "<@U0BOT0001> retro" });
    client.chat.postMessage.mockRejectedValue(platformError("not_in_channel"));
    await createAppMentionListener(failing.deps)(failed);
    expect(failing.deps.threads.recall("C0TEAM001", "1700000000.000100")).toBeUndefined();
  });

  it("stays in the thread the mention was written in", async () => {
    const { deps } = makeDeps();
    const { args, client } = mentionArgs({
      text: "<@U0BOT0001> retro",
      thread_ts: "1699999999.000001",
    });
    await createAppMentionListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toMatchObject({ thread_ts: "1699999999.000001" });
  });

  it("answers a bare mention with help", async () => {
    const { deps, search } = makeDeps();
    const { args, client } = mentionArgs({ text: "<@U0BOT0001>  " });
    await createAppMentionListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "C0TEAM001",
      thread_ts: "1700000000.000100",
      ...renderHelp(),
    });
    expect(search).not.toHaveBeenCalled();
  });

  it("answers '@bot topics' with the topic list", async () => {
    const { deps, search, knowledge } = makeDeps();
    const { args, client } = mentionArgs({ text: "<@U0BOT0001> topics" });
    await createAppMentionListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "C0TEAM001",
      thread_ts: "1700000000.000100",
      ...renderTopics(knowledge.base),
    });
    expect(search).not.toHaveBeenCalled();
  });

  it.each([
    ["a bot", { bot_id: "B0OTHER01" }],
    ["an edit", { subtype: "message_changed" }],
    ["a DM (the DM listener answers it)", { channel: "D0BOTDM01" }],
  ])("ignores %s", async (_label, extra) => {
    const { deps, search } = makeDeps();
    const { args, client } = mentionArgs({ text: "<@U0BOT0001> retro", ...extra });
    await createAppMentionListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(search).not.toHaveBeenCalled();
  });

  it("logs a rejected chat.postMessage with its code, apologizes, and does not throw", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = mentionArgs({ text: "<@U0BOT0001> retro" });
    client.chat.postMessage.mockRejectedValueOnce(platformError("invalid_blocks"));
    await expect(createAppMentionListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")).toEqual([
      expect.objectContaining({ method: "chat.postMessage", code: "invalid_blocks" }),
    ]);
    expect(client.chat.postMessage).toHaveBeenCalledTimes(2);
    expect(client.chat.postMessage.mock.calls[1]?.[0]).toEqual({
      channel: "C0TEAM001",
      thread_ts: "1700000000.000100",
      ...renderApology(),
    });
  });
});
