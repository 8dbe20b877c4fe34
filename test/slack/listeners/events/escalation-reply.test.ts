import { describe, expect, it } from "vitest";
import { createDirectMessageListener } from "../../../../src/slack/listeners/events/direct-message.js";
import { createEscalationReplyListener } from "../../../../src/slack/listeners/events/escalation-reply.js";
import { renderExpertReplied } from "../../../../src/slack/views/escalation.js";
import { eventArgs, makeDeps, onlyCall, platformError, textOf } from "../fakes.js";

const REQUEST = { channel: "D0OWNER", ts: "1700000000.000900" };

/** Deps holding one open request to an expert, posted in the owner's DM. */
async function withRequest(origin: { channel: string; threadTs?: string; private: boolean }) {
  const made = makeDeps();
  const escalation = await made.deps.escalations.open({
    asker: "U0ASKER01",
    question: "how long is a retro?",
    origin,
    to: "U0OWNER",
  });
  await made.deps.escalations.posted(escalation.id, REQUEST.channel, REQUEST.ts);
  return { ...made, escalation };
}

function reply(event: Record<string, unknown> = {}) {
  return eventArgs<"message">({
    type: "message",
    channel_type: "im",
    channel: REQUEST.channel,
    user: "U0OWNER",
    ts: "1700000000.001000",
    thread_ts: REQUEST.ts,
    text: "An hour, <!channel>. See the retro page.",
    ...event,
  });
}

describe("an expert's reply", () => {
  it("is passed on to the asker in the thread they asked in, with a link, once", async () => {
    const { deps, log, escalation } = await withRequest({
      channel: "C0TEAM001",
      threadTs: "1700000000.000100",
      private: false,
    });
    const { args, client } = reply();
    await createEscalationReplyListener(deps)(args);
    const permalink = "https://team.slack.test/archives/D0OWNER/p1700000000001000";
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "C0TEAM001",
      thread_ts: "1700000000.000100",
      ...renderExpertReplied({
        expert: "U0OWNER",
        question: "how long is a retro?",
        reply: "An hour, <!channel>. See the retro page.",
        permalink,
      }),
    });
    // Quoted, escaped: the expert's words never ping the asker's channel.
    expect(textOf(client.chat.postMessage.mock.calls)).not.toContain("<!channel>");
    expect(log.events("escalation")[0]).toMatchObject({ status: "answered", id: escalation.id });

    const second = reply({ ts: "1700000000.001100", text: "Also: timebox it." });
    await createEscalationReplyListener(deps)(second.args);
    expect(second.client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("reaches a private asker by DM", async () => {
    const { deps } = await withRequest({ channel: "C0TEAM001", private: true });
    const { args, client } = reply();
    await createEscalationReplyListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toMatchObject({ channel: "U0ASKER01" });
  });

  it.each([
    ["another thread", { thread_ts: "1600000000.000001" }],
    ["a top-level message", { thread_ts: undefined }],
    ["a bot", { bot_id: "B0OTHER" }],
    ["the bot itself", { user: "U0BOT0001" }],
    ["an edit", { subtype: "message_changed" }],
  ])("ignores %s", async (_name, event) => {
    const { deps, log } = await withRequest({ channel: "C0TEAM001", private: true });
    const { args, client } = reply(event);
    await createEscalationReplyListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("escalation")).toEqual([]);
  });

  it("is not taken for a question by the DM listener", async () => {
    const { deps, search } = await withRequest({ channel: "C0TEAM001", private: true });
    const { args, client } = reply({ text: "how long is a retro?" });
    await createDirectMessageListener(deps)(args);
    expect(search).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("logs a store it cannot read, relays nothing, and lets the DM listener answer", async () => {
    const { deps, log, search } = await withRequest({ channel: "C0TEAM001", private: true });
    deps.escalations.byThread = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    const relay = reply();
    await expect(createEscalationReplyListener(deps)(relay.args)).resolves.toBeUndefined();
    expect(relay.client.chat.postMessage).not.toHaveBeenCalled();
    const dm = reply({ text: "how long is a retro?" });
    await createDirectMessageListener(deps)(dm.args);
    expect(search).toHaveBeenCalledTimes(1);
    expect(log.events("escalation_store_failed")).toHaveLength(2);
  });

  it("relays a reply once when two replicas see it: the store decides who", async () => {
    const { deps, escalation } = await withRequest({ channel: "C0TEAM001", private: true });
    // Another replica moved it on between this one's lookup and its own move.
    expect(await deps.escalations.advance(escalation.id, "answered")).toBe(true);
    const found = { ...escalation, status: "open" as const };
    deps.escalations.byThread = async () => found;
    const { args, client } = reply();
    await createEscalationReplyListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("logs a failed relay and keeps serving", async () => {
    const { deps, log } = await withRequest({ channel: "C0TEAM001", private: true });
    const { args, client } = reply();
    client.chat.postMessage.mockRejectedValue(platformError("channel_not_found"));
    await expect(createEscalationReplyListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "chat.postMessage",
      code: "channel_not_found",
    });
  });
});
