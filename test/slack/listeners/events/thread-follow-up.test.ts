import { describe, expect, it } from "vitest";
import { createThreadFollowUpListener } from "../../../../src/slack/listeners/events/thread-follow-up.js";
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

const CHANNEL = "C0TEAM001";
const THREAD = "1700000000.000100";
const EARLIER = "how do we run a retro";

function threadMessage(event: Record<string, unknown> = {}) {
  return eventArgs<"message">({
    type: "message",
    channel_type: "channel",
    channel: CHANNEL,
    user: "U0ASKER02",
    ts: "1700000000.000300",
    thread_ts: THREAD,
    text: "and how long should it take?",
    ...event,
  });
}

/** Deps whose thread memory says the bot answered EARLIER in THREAD. */
function inThread(options: Parameters<typeof makeDeps>[0] = {}) {
  const made = makeDeps(options);
  made.deps.threads.remember(CHANNEL, THREAD, EARLIER);
  return made;
}

describe("thread follow-ups", () => {
  it("answers a follow-up in the thread, read with the thread's earlier question", async () => {
    const { deps, search, log } = inThread();
    const { args, client } = threadMessage();
    await createThreadFollowUpListener(deps)(args);
    const question = `${EARLIER} how long should it take?`;
    expect(search).toHaveBeenCalledWith(question);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: CHANNEL,
      thread_ts: THREAD,
      ...renderReply(confidentResponse(question), {}),
    });
    expect(log.events("query")[0]).toMatchObject({ surface: "thread", user: "U0ASKER02" });
    // The combined question is what the next fragment leans on.
    expect(deps.threads.recall(CHANNEL, THREAD)).toEqual({ question });
  });

  it("answers in a private channel's thread too (message.groups)", async () => {
    const { deps } = inThread();
    const { args, client } = threadMessage({ channel_type: "group" });
    await createThreadFollowUpListener(deps)(args);
    expect(client.chat.postMessage).toHaveBeenCalledTimes(1);
  });

  it("says nothing, but logs the question, when the handbook has no answer", async () => {
    const { deps, log } = inThread({ respond: unsureResponse });
    const { args, client } = threadMessage({ text: "is there a template for that?" });
    await createThreadFollowUpListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("query")[0]).toMatchObject({ surface: "thread", answered: false });
  });

  it("says nothing on a possible match: nobody asked the bot, so only a confident answer speaks", async () => {
    const { deps, log } = inThread({
      respond: (query) => ({ ...confidentResponse(query), decision: decisionOf("best-match") }),
    });
    const { args, client } = threadMessage({ text: "did you see the match last night?" });
    await createThreadFollowUpListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    // Logged as unanswered, so `gaps` reports it: nothing was shown.
    expect(log.events("query")[0]).toMatchObject({
      surface: "thread",
      tier: "best-match",
      answered: false,
    });
  });

  it.each([
    ["a thread the bot is not in", { thread_ts: "1699999999.000009" }],
    ["a top-level channel message", { thread_ts: undefined }],
    ["a thread's own parent", { ts: THREAD }],
    ["thanks", { text: "thanks, that helps!" }],
    ["chat between people", { text: "<@U0ANA> can you book the room?" }],
    ["a statement", { text: "ok I will book the room for tomorrow" }],
    ["a mention (app_mention answers it)", { text: "<@U0BOT0001> and for contractors?" }],
    ["a bot", { bot_id: "B0OTHER" }],
    ["the bot itself", { user: "U0BOT0001" }],
    ["an edit", { subtype: "message_changed" }],
    ["a DM (the DM listener's)", { channel_type: "im" }],
  ])("ignores %s without searching", async (_name, event) => {
    const { deps, search } = inThread();
    const { args, client } = threadMessage(event);
    await createThreadFollowUpListener(deps)(args);
    expect(search).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("ignores, with a warning, a message without a channel", async () => {
    const { deps, log } = inThread();
    const { args, client } = threadMessage({ channel: undefined });
    await createThreadFollowUpListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("event_ignored")).toEqual([
      expect.objectContaining({ reason: "no channel" }),
    ]);
  });

  it("logs a failed post and keeps serving, without claiming the thread again", async () => {
    const { deps, log } = inThread();
    const { args, client } = threadMessage();
    client.chat.postMessage.mockRejectedValue(platformError("not_in_channel"));
    await expect(createThreadFollowUpListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "chat.postMessage",
      code: "not_in_channel",
    });
    expect(deps.threads.recall(CHANNEL, THREAD)).toEqual({ question: EARLIER });
  });

  it("logs a search that throws, and says nothing in the thread", async () => {
    const { deps, log } = inThread({
      respond: () => {
        throw new Error("index broken");
      },
    });
    const { args, client } = threadMessage();
    await createThreadFollowUpListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("reply_failed")).toHaveLength(1);
  });
});
