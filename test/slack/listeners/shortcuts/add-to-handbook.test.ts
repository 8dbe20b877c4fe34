import { describe, expect, it, vi } from "vitest";
import { decodeCaptureMetadata } from "../../../../src/slack/capture/metadata.js";
import { createAddToHandbookListener } from "../../../../src/slack/listeners/shortcuts/add-to-handbook.js";
import type { MessageShortcutArgs } from "../../../../src/slack/listeners/shortcuts/ask-handbook.js";
import { readAddToHandbookSubmission } from "../../../../src/slack/views/add-to-handbook.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import type { InputBlock, ModalView } from "../../../../src/slack/views/types.js";
import { fakeClient, makeDeps, onlyCall, platformError, retroDoc, retroSection } from "../fakes.js";

const THREAD = "1700000000.000100";

function shortcutArgs(message: Record<string, unknown>) {
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async (_message: Record<string, unknown>) => ({}));
  const client = fakeClient();
  const shortcut = {
    type: "message_action",
    callback_id: "add_to_handbook",
    trigger_id: "trigger-7",
    message_ts: message.ts,
    response_url: "https://hooks.slack.test/actions/7",
    message: { type: "message", ...message },
    user: { id: "U0EDITOR", name: "editor" },
    channel: { id: "C0TEAM001", name: "team" },
    team: { id: "T1", domain: "team" },
    token: "t",
    action_ts: "1700000009.000001",
  };
  const args = {
    ack,
    respond,
    client,
    shortcut,
    body: shortcut,
    payload: shortcut,
    context: { botUserId: "U0BOT0001" },
  };
  return { args: args as unknown as MessageShortcutArgs, ack, respond, client };
}

/** The values the modal would submit unedited. */
function prefilled(view: ModalView) {
  const values: Record<string, Record<string, { value: string | null }>> = {};
  for (const block of view.blocks as InputBlock[]) {
    if (block.type !== "input" || block.element.type !== "plain_text_input") continue;
    values[block.block_id as string] = {
      [block.element.action_id as string]: { value: block.element.initial_value ?? null },
    };
  }
  return readAddToHandbookSubmission(values);
}

describe("Add to handbook (message shortcut)", () => {
  it("opens a modal with the thread's question, the answer as markdown and the best match", async () => {
    const { deps, search } = makeDeps();
    const { args, ack, client } = shortcutArgs({
      user: "U0EXPERT",
      ts: "1700000000.000500",
      thread_ts: THREAD,
      text: "Keep it to an *hour*, see <https://x.example/retro|the guide>",
    });
    client.conversations.replies.mockResolvedValueOnce({
      ok: true,
      messages: [{ user: "U0ASKER", ts: THREAD, text: "<@U0BOT0001> how long is a retro?" }],
    });
    await createAddToHandbookListener(deps)(args);
    expect(ack).toHaveBeenCalled();
    expect(onlyCall(client.conversations.replies)).toEqual({
      channel: "C0TEAM001",
      ts: THREAD,
      limit: 1,
    });
    expect(search).toHaveBeenCalledWith("how long is a retro?");
    const { trigger_id, view } = onlyCall(client.views.open) as {
      trigger_id: string;
      view: ModalView;
    };
    expect(trigger_id).toBe("trigger-7");
    expect(prefilled(view)).toEqual({
      question: "how long is a retro?",
      answer: "Keep it to an **hour**, see [the guide](https://x.example/retro)",
      document: retroDoc.path,
      heading: retroSection.heading,
    });
    expect(decodeCaptureMetadata(view.private_metadata)).toEqual({
      channel: "C0TEAM001",
      messageTs: "1700000000.000500",
      askedBy: "U0ASKER",
      answeredBy: "U0EXPERT",
    });
  });

  it("leaves the question to fill in on a message that starts no thread or a thread it cannot read", async () => {
    const { deps } = makeDeps();
    const top = shortcutArgs({ user: "U0EXPERT", ts: THREAD, text: "Retros last an hour." });
    await createAddToHandbookListener(deps)(top.args);
    expect(top.client.conversations.replies).not.toHaveBeenCalled();
    expect(prefilled(onlyCall(top.client.views.open).view as ModalView).question).toBe("");

    const { deps: other, log } = makeDeps();
    const reply = shortcutArgs({
      user: "U0EXPERT",
      ts: "1700000000.000500",
      thread_ts: THREAD,
      text: "An hour.",
    });
    reply.client.conversations.replies.mockRejectedValueOnce(platformError("not_in_channel"));
    await createAddToHandbookListener(other)(reply.args);
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "conversations.replies",
      code: "not_in_channel",
    });
    expect(prefilled(onlyCall(reply.client.views.open).view as ModalView).answer).toBe("An hour.");
  });

  it("takes the asker's own question on an expert's reply to Ask an expert", async () => {
    const { deps } = makeDeps();
    const request = await deps.escalations.open({
      asker: "U0ASKER",
      question: "how long is a retro?",
      origin: { channel: "C0TEAM001", private: false },
      to: "C0EXPERTS",
    });
    await deps.escalations.posted(request.id, "C0EXPERTS", THREAD);
    const { args, client } = shortcutArgs({
      user: "U0EXPERT",
      ts: "1700000000.000500",
      thread_ts: THREAD,
      text: "An hour.",
    });
    (args.shortcut as { channel: { id: string } }).channel.id = "C0EXPERTS";
    await createAddToHandbookListener(deps)(args);
    expect(client.conversations.replies).not.toHaveBeenCalled();
    const view = onlyCall(client.views.open).view as ModalView;
    expect(prefilled(view).question).toBe("how long is a retro?");
    expect(decodeCaptureMetadata(view.private_metadata)).toMatchObject({
      askedBy: "U0ASKER",
      answeredBy: "U0EXPERT",
    });
  });

  it("reads the thread when the store of requests to experts cannot be read", async () => {
    const { deps, log } = makeDeps();
    deps.escalations.byThread = async () => {
      throw new Error("PostgreSQL is down");
    };
    const { args, client } = shortcutArgs({
      user: "U0EXPERT",
      ts: "1700000000.000500",
      thread_ts: THREAD,
      text: "An hour.",
    });
    client.conversations.replies.mockResolvedValueOnce({
      ok: true,
      messages: [{ user: "U0ASKER", ts: THREAD, text: "how long is a retro?" }],
    });
    await createAddToHandbookListener(deps)(args);
    expect(log.events("escalation_store_failed")).toHaveLength(1);
    expect(prefilled(onlyCall(client.views.open).view as ModalView).question).toBe(
      "how long is a retro?",
    );
  });

  it("opens nothing for a message without text, and says so privately", async () => {
    const { deps, search } = makeDeps();
    const { args, respond, client } = shortcutArgs({ user: "U0EXPERT", ts: THREAD, text: "  " });
    await createAddToHandbookListener(deps)(args);
    expect(client.views.open).not.toHaveBeenCalled();
    expect(search).not.toHaveBeenCalled();
    expect(onlyCall(respond)).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("no text"),
    });
  });

  it("logs a modal Slack refuses and apologises privately", async () => {
    const { deps, log } = makeDeps();
    const { args, respond, client } = shortcutArgs({
      user: "U0EXPERT",
      ts: THREAD,
      text: "An hour.",
    });
    client.views.open.mockRejectedValueOnce(platformError("expired_trigger_id"));
    await expect(createAddToHandbookListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.open",
      code: "expired_trigger_id",
    });
    expect(onlyCall(respond)).toEqual({ response_type: "ephemeral", ...renderApology() });
  });
});
