import { describe, expect, it, vi } from "vitest";
import {
  createAskHandbookListener,
  type MessageShortcutArgs,
} from "../../../../src/slack/listeners/shortcuts/ask-handbook.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import { renderReply } from "../../../../src/slack/views/reply.js";
import { confidentResponse, makeDeps, onlyCall, respondError } from "../fakes.js";

function shortcutArgs(text: string | undefined) {
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async (_message: Record<string, unknown>) => ({}));
  const shortcut = {
    type: "message_action",
    callback_id: "ask_handbook",
    trigger_id: "t1",
    message_ts: "1700000000.000100",
    response_url: "https://hooks.slack.test/actions/1",
    message: { type: "message", user: "U0WRITER", ts: "1700000000.000100", text },
    user: { id: "U0ASKER01", name: "asker" },
    channel: { id: "C0TEAM001", name: "team" },
    team: { id: "T1", domain: "team" },
    token: "t",
    action_ts: "1700000001.000001",
  };
  const args = { ack, respond, shortcut, body: shortcut, payload: shortcut };
  return { args: args as unknown as MessageShortcutArgs, ack, respond };
}

describe("Ask the handbook (message shortcut)", () => {
  it("answers the message's text privately, to whoever used the shortcut", async () => {
    const { deps, search, log } = makeDeps();
    const { args, ack, respond } = shortcutArgs("Does anyone know <@U0ANA> how we run a retro?");
    await createAskHandbookListener(deps)(args);
    expect(ack).toHaveBeenCalled();
    const question = "Does anyone know how we run a retro?";
    expect(search).toHaveBeenCalledWith(question);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      ...renderReply(confidentResponse(question), { ephemeral: true }),
    });
    expect(log.events("query")[0]).toMatchObject({ surface: "shortcut", user: "U0ASKER01" });
  });

  it("says there is nothing to look up in a message without text, without searching", async () => {
    const { deps, search } = makeDeps();
    const { args, respond } = shortcutArgs(undefined);
    await createAskHandbookListener(deps)(args);
    expect(search).not.toHaveBeenCalled();
    expect(JSON.stringify(onlyCall(respond))).toContain("no text I could look up");
  });

  it("logs a failing response URL and tries the apology", async () => {
    const { deps, log } = makeDeps();
    const { args, respond } = shortcutArgs("how do we run a retro?");
    respond.mockRejectedValueOnce(respondError(404));
    await expect(createAskHandbookListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({ method: "response_url" });
    expect(respond.mock.calls[1]?.[0]).toEqual({ response_type: "ephemeral", ...renderApology() });
  });
});
