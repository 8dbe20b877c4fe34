import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySlackRequest } from "@slack/bolt";
import { LogLevel, SocketModeClient } from "@slack/socket-mode";
import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  WebClient,
} from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalSlack, startLocalSlack } from "../../src/dev/local-slack/index.js";

const botToken = "xoxb-test-bot";
const appToken = "xapp-test-app";
const signingSecret = "test-signing-secret";

let slack: LocalSlack;

/** The clients log refusals at error level; the assertions say what matters. */
const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

function client(token: string | null = botToken, extra: Record<string, unknown> = {}) {
  return new WebClient(token ?? undefined, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger,
    ...extra,
  });
}

beforeAll(async () => {
  slack = await startLocalSlack({ botToken, appToken, signingSecret });
});

afterAll(async () => {
  await slack.close();
});

afterEach(() => {
  slack.reset();
  slack.setRequestUrl(undefined);
});

describe("Web API", () => {
  it("listens on loopback with an ephemeral port and serves /api/", () => {
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(slack.apiUrl).toBe(`${slack.url}/api/`);
  });

  it("answers auth.test for the bot token with the bot's identity", async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: slack.workspace.botUserId,
      bot_id: slack.workspace.botId,
      team_id: slack.workspace.teamId,
    });
    expect(slack.calls[0]).toMatchObject({ method: "auth.test", token: botToken, status: 200 });
  });

  it("decodes form bodies with JSON-encoded blocks, as the Web API client sends them", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*hello*" } }];
    const result = await client().chat.postMessage({ channel: "C0GENERAL", text: "hello", blocks });
    expect(result.ok).toBe(true);
    expect(result.ts).toMatch(/^\d+\.\d{6}$/);
    const call = await slack.waitFor({ method: "chat.postMessage" });
    expect(call.args).toMatchObject({ channel: "C0GENERAL", text: "hello", blocks });
    expect(call.args.token).toBeUndefined();
    expect(call.surface).toEqual({
      kind: "message",
      channel: "C0GENERAL",
      ts: result.ts,
      ephemeral: false,
    });
  });

  it("accepts JSON bodies with a bearer token, and refuses a JSON body's token field", async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${slack.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const withHeader = await post(
      { authorization: `Bearer ${botToken}` },
      { channel: "C0GENERAL", text: "json" },
    );
    expect(withHeader).toMatchObject({ ok: true, channel: "C0GENERAL" });
    const inBody = await post({}, { token: botToken, channel: "C0GENERAL", text: "json" });
    expect(inBody).toEqual({ ok: false, error: "not_authed" });
  });

  it("accepts the token as a form field", async () => {
    const response = await fetch(`${slack.apiUrl}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: botToken }).toString(),
    }).then((r) => r.json());
    expect(response).toMatchObject({ ok: true, user_id: slack.workspace.botUserId });
  });

  it("refuses an unknown token with invalid_auth, and a missing one with not_authed", async () => {
    await expect(client("xoxb-wrong").auth.test()).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "invalid_auth" },
    });
    await expect(client(null).auth.test()).rejects.toMatchObject({
      data: { error: "not_authed" },
    });
    await expect(
      client(appToken).chat.postMessage({ channel: "C0GENERAL", text: "x" }),
    ).rejects.toMatchObject({ data: { error: "not_allowed_token_type" } });
  });

  it("answers channel_not_found for a channel nobody is in", async () => {
    const error = (await client()
      .chat.postMessage({ channel: "C0NOWHERE", text: "hi" })
      .catch((e: unknown) => e)) as WebAPIPlatformError;
    expect(error.data.error).toBe("channel_not_found");
    expect(slack.find({ method: "chat.postMessage" })[0]?.response).toEqual({
      ok: false,
      error: "channel_not_found",
    });
  });

  it("refuses posts where the bot is not a member: not_in_channel, or channel_not_found if private", async () => {
    slack.workspace.channels.set("C0PUBLIC", {
      id: "C0PUBLIC",
      name: "public",
      type: "channel",
      botIsMember: false,
    });
    slack.workspace.channels.set("G0SECRET", {
      id: "G0SECRET",
      name: "secret",
      type: "channel",
      botIsMember: false,
      isPrivate: true,
    });
    await expect(
      client().chat.postMessage({ channel: "C0PUBLIC", text: "hi" }),
    ).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });
    await expect(
      client().chat.postMessage({ channel: "G0SECRET", text: "hi" }),
    ).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    // A mention means the bot was added to the channel.
    slack.workspace.channel("C0PUBLIC", true);
    await expect(
      client().chat.postMessage({ channel: "C0PUBLIC", text: "hi" }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it("answers no_text for a message without content", async () => {
    await expect(
      client().chat.postMessage({ channel: "C0GENERAL", text: "" }),
    ).rejects.toMatchObject({
      data: { error: "no_text" },
    });
  });

  it("refuses blocks beyond Block Kit's limits with invalid_blocks and a json-pointer", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    const error = (await client()
      .chat.postMessage({ channel: "C0GENERAL", text: "long", blocks })
      .catch((e: unknown) => e)) as WebAPIPlatformError;
    expect(error.data.error).toBe("invalid_blocks");
    expect(error.data.response_metadata?.messages?.[0]).toContain("/blocks/0/text/text");
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    await expect(
      client().chat.postMessage({ channel: "C0GENERAL", text: "many", blocks: tooMany }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
  });

  it("answers ratelimited with HTTP 429 and Retry-After when asked to", async () => {
    slack.failNext("chat.postMessage", { error: "ratelimited", retryAfter: 7 });
    const error = (await client(botToken, { rejectRateLimitedCalls: true })
      .chat.postMessage({ channel: "C0GENERAL", text: "hi" })
      .catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    expect(slack.calls[0]).toMatchObject({ method: "chat.postMessage", status: 429 });

    // The failure is used up: the next call goes through.
    await expect(
      client().chat.postMessage({ channel: "C0GENERAL", text: "hi" }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it("answers an injected HTTP 500, and an injected Slack error, once each", async () => {
    slack.failNext("chat.postEphemeral", { status: 500 });
    slack.failNext("chat.postEphemeral", { error: "fatal_error" });
    const args = { channel: "C0GENERAL", user: slack.defaultUser, text: "psst" };
    const http = (await client()
      .chat.postEphemeral(args)
      .catch((e: unknown) => e)) as WebAPIHTTPError;
    expect(http.code).toBe(ErrorCode.HTTPError);
    expect(http.statusCode).toBe(500);
    await expect(client().chat.postEphemeral(args)).rejects.toMatchObject({
      data: { error: "fatal_error" },
    });
    await expect(client().chat.postEphemeral(args)).resolves.toMatchObject({ ok: true });
  });

  it("updates and deletes the bot's messages, and refuses unknown ones", async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: "C0GENERAL", text: "first" });
    const ts = String(posted.ts);
    await expect(
      web.chat.update({ channel: "C0GENERAL", ts, text: "second" }),
    ).resolves.toMatchObject({
      ok: true,
      text: "second",
    });
    await expect(web.chat.delete({ channel: "C0GENERAL", ts })).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      web.chat.update({ channel: "C0GENERAL", ts, text: "third" }),
    ).rejects.toMatchObject({
      data: { error: "message_not_found" },
    });
  });

  it("publishes a Home tab within 100 blocks and refuses more", async () => {
    const web = client();
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: "divider" }));
    const published = await web.views.publish({
      user_id: slack.defaultUser,
      view: { type: "home", blocks: blocks(100) },
    });
    expect(published.view?.id).toMatch(/^V/);
    await expect(
      web.views.publish({
        user_id: slack.defaultUser,
        view: { type: "home", blocks: blocks(101) },
      }),
    ).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
    await expect(
      web.views.publish({ user_id: "U0NOBODY", view: { type: "home", blocks: [] } }),
    ).rejects.toMatchObject({ data: { error: "user_not_found" } });
  });

  it("opens a modal only with a fresh trigger id, then updates it by id", async () => {
    const web = client();
    const view = {
      type: "modal" as const,
      title: { type: "plain_text" as const, text: "Section" },
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "body" } }],
    };
    await expect(web.views.open({ trigger_id: "123.456.abc", view })).rejects.toMatchObject({
      data: { error: "invalid_trigger_id" },
    });
    const trigger = slack.workspace.newTrigger(slack.defaultUser);
    const opened = await web.views.open({ trigger_id: trigger, view });
    const viewId = String(opened.view?.id);
    await expect(
      web.views.update({
        view_id: viewId,
        view: { ...view, title: { type: "plain_text", text: "Updated" } },
      }),
    ).resolves.toMatchObject({ view: { id: viewId, title: { text: "Updated" } } });
    const longTitle = { ...view, title: { type: "plain_text" as const, text: "x".repeat(25) } };
    await expect(web.views.update({ view_id: viewId, view: longTitle })).rejects.toMatchObject({
      data: { error: "invalid_arguments" },
    });
  });

  it("answers methods it does not emulate with ok:true and records them", async () => {
    await expect(client().apiCall("reactions.add", { name: "eyes" })).resolves.toMatchObject({
      ok: true,
    });
    expect(slack.find({ method: "reactions.add", name: "eyes" })).toHaveLength(1);
  });
});

describe("waitFor", () => {
  it("resolves with a call recorded later, matching method and arguments", async () => {
    const waiting = slack.waitFor({ method: "chat.postMessage", text: "later" }, 2000);
    await client().chat.postMessage({ channel: "C0GENERAL", text: "sooner" });
    await client().chat.postMessage({ channel: "C0GENERAL", text: "later" });
    await expect(waiting).resolves.toMatchObject({ args: { text: "later" } });
  });

  it("rejects after the timeout, naming the calls it saw", async () => {
    await client().auth.test();
    await expect(slack.waitFor({ method: "views.open" }, 50)).rejects.toThrow(/auth\.test/);
  });
});

describe("response URLs", () => {
  it("records a post to a slash command's response URL and applies replace/delete", async () => {
    // No bot is connected: build a response URL the way a delivery does.
    const target = slack.workspace.newResponseUrl({
      user: slack.defaultUser,
      channel: "C0GENERAL",
      deliveryId: "d1",
    });
    const url = `${slack.url}/response/${target.id}`;
    const post = (body: unknown) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ text: "only you", response_type: "ephemeral" })).status).toBe(200);
    const first = await slack.waitFor({ method: "response_url" });
    expect(first.origin).toMatchObject({ user: slack.defaultUser, channel: "C0GENERAL" });
    expect(first.surface).toMatchObject({ kind: "message", ephemeral: true });
    expect((await post({ delete_original: true })).status).toBe(200);
    expect(slack.find({ method: "response_url", delete_original: true })).toHaveLength(1);
    expect((await post({})).status).toBe(400);
    expect((await fetch(`${slack.url}/response/nope`, { method: "POST", body: "{}" })).status).toBe(
      404,
    );
  });
});

describe("Socket Mode", () => {
  let socketClient: SocketModeClient | undefined;

  afterEach(async () => {
    await socketClient?.disconnect();
    socketClient = undefined;
  });

  function startClient(token = appToken) {
    socketClient = new SocketModeClient({
      appToken: token,
      logger,
      autoReconnectEnabled: false,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    return socketClient;
  }

  /** A connected client that acks every interaction and keeps its body. */
  async function collectInteractions(): Promise<Array<Record<string, unknown>>> {
    const bodies: Array<Record<string, unknown>> = [];
    const sm = startClient();
    sm.on("interactive", async ({ ack, body }) => {
      bodies.push(body);
      await ack();
    });
    await sm.start();
    return bodies;
  }

  it("opens a connection with the app token and sends hello", async () => {
    const sm = startClient();
    const opened = await sm.start();
    expect(opened).toMatchObject({ ok: true });
    expect(String((opened as { url?: string }).url)).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=/,
    );
    expect(slack.transport).toBe("socket");
    expect(slack.socketCount).toBe(1);
    expect(slack.find({ method: "apps.connections.open" })[0]?.token).toBe(appToken);
  });

  it("asks clients to reconnect with a disconnect message; they open a new connection", async () => {
    const sm = new SocketModeClient({
      appToken,
      logger,
      // Reconnects after clientPingTimeout × failures: keep it short for the test.
      clientPingTimeout: 50,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    socketClient = sm;
    sm.on("slash_commands", async ({ ack }) => {
      await ack();
    });
    await sm.start();
    const reconnected = new Promise<void>((resolve) => sm.once("connected", () => resolve()));
    slack.disconnectSockets("refresh_requested");
    await reconnected;
    await slack.waitForSocket();
    expect(slack.find({ method: "apps.connections.open" })).toHaveLength(2);
    expect(slack.socketCount).toBe(1);
    await expect(slack.sendSlashCommand({ text: "still there?" })).resolves.toMatchObject({
      ack: { status: 200 },
    });
  });

  it("refuses apps.connections.open with a bot token", async () => {
    const sm = startClient(botToken);
    await expect(sm.start()).rejects.toMatchObject({ data: { error: "not_allowed_token_type" } });
  });

  it("delivers a slash command envelope and records the ack with its payload", async () => {
    const sm = startClient();
    const received: Array<Record<string, unknown>> = [];
    sm.on("slash_commands", async ({ ack, body }) => {
      received.push(body);
      await ack({ text: `you said ${body.text}` });
    });
    await sm.start();
    const delivery = await slack.sendSlashCommand({ text: "hello", command: "/dm" });
    expect(delivery.transport).toBe("socket");
    expect(received[0]).toMatchObject({
      command: "/dm",
      text: "hello",
      user_id: slack.defaultUser,
      channel_id: slack.defaultChannel,
      response_url: delivery.responseUrl,
      trigger_id: delivery.triggerId,
    });
    expect(delivery.ack).toMatchObject({
      deliveryId: delivery.id,
      status: 200,
      payload: { text: "you said hello" },
    });
    expect(delivery.ack.ms).toBeGreaterThanOrEqual(0);
    expect(slack.acks).toHaveLength(1);
    const shown = await slack.waitFor({ method: "ack_response" });
    expect(shown.surface).toMatchObject({
      kind: "message",
      ephemeral: true,
      user: slack.defaultUser,
    });
  });

  it("delivers events with retry attempts, as a redelivery of the same event_id", async () => {
    const sm = startClient();
    const seen: Array<{ id: unknown; retry: unknown; reason: unknown; type: unknown }> = [];
    sm.on("app_mention", async ({ ack, body, retry_num, retry_reason }) => {
      seen.push({
        id: body.event_id,
        retry: retry_num,
        reason: retry_reason,
        type: body.event.type,
      });
      await ack();
    });
    await sm.start();
    const first = await slack.sendMention({ text: "where is the handbook?" });
    await slack.sendMention(
      { text: "where is the handbook?" },
      { eventId: first.eventId, retryNum: 1 },
    );
    expect(seen).toEqual([
      { id: first.eventId, retry: 0, reason: "", type: "app_mention" },
      { id: first.eventId, retry: 1, reason: "timeout", type: "app_mention" },
    ]);
    expect(first.payload).toMatchObject({
      type: "event_callback",
      authorizations: [{ user_id: slack.workspace.botUserId, is_bot: true }],
      event: { text: `<@${slack.workspace.botUserId}> where is the handbook?` },
    });
  });

  it("delivers channel messages only where the app is a member, as channel or group", async () => {
    const sm = startClient();
    const seen: Array<Record<string, unknown>> = [];
    sm.on("message", async ({ ack, event }) => {
      seen.push(event);
      await ack();
    });
    await sm.start();
    slack.workspace.channels.set("C0SECRET", {
      id: "C0SECRET",
      name: "secret",
      type: "channel",
      isPrivate: true,
    });
    const top = await slack.sendChannelMessage({ text: "hello all", channel: "C0GENERAL" });
    if (!top) throw new Error("the bot is in #general: the message should be delivered");
    const topTs = String((top.payload.event as Record<string, unknown>).ts);
    await slack.sendChannelMessage({
      text: "in a thread?",
      channel: "C0GENERAL",
      thread_ts: topTs,
    });
    await slack.sendChannelMessage({ text: "psst", channel: "C0SECRET" });
    expect(await slack.sendChannelMessage({ text: "x", channel: "C0ELSEWHERE" })).toBeUndefined();
    expect(seen.map((e) => [e.channel, e.channel_type, e.thread_ts])).toEqual([
      ["C0GENERAL", "channel", undefined],
      ["C0GENERAL", "channel", topTs],
      ["C0SECRET", "group", undefined],
    ]);
    // Stored as Slack would keep them, the non-member channel's message included.
    expect(slack.workspace.findMessage("C0GENERAL", topTs)?.text).toBe("hello all");
  });

  it("rejects a delivery nobody acks, after the timeout", async () => {
    const sm = startClient();
    sm.on("slash_commands", () => {
      // never acks
    });
    await sm.start();
    await expect(slack.sendSlashCommand({ text: "x" }, { timeoutMs: 100 })).rejects.toThrow(
      /no ack/,
    );
  });

  it("keeps typed text in a modal's state and submits it as view_submission", async () => {
    const submissions = await collectInteractions();
    const opened = await client().views.open({
      trigger_id: slack.workspace.newTrigger(slack.defaultUser),
      view: {
        type: "modal",
        callback_id: "ask",
        title: { type: "plain_text", text: "Ask" },
        submit: { type: "plain_text", text: "Send" },
        blocks: [
          {
            type: "input",
            block_id: "question",
            label: { type: "plain_text", text: "Question" },
            element: { type: "plain_text_input", action_id: "text" },
          },
        ],
      },
    });
    const call = await slack.waitFor({ method: "views.open" });
    // A plain input does not dispatch: typing only changes the view's state.
    await expect(slack.enterText(call, "text", "what is a pod")).resolves.toBeUndefined();
    expect(submissions).toHaveLength(0);
    const delivery = await slack.submitView(call);
    expect(delivery.ack.status).toBe(200);
    expect(submissions[0]).toMatchObject({
      type: "view_submission",
      user: { id: slack.defaultUser },
      view: {
        id: opened.view?.id,
        callback_id: "ask",
        state: {
          values: { question: { text: { type: "plain_text_input", value: "what is a pod" } } },
        },
      },
    });
    // An empty ack closes the modal, as Slack does.
    expect(slack.workspace.views.get(String(opened.view?.id))?.closed).toBe(true);
  });

  it("presses a button on a posted message: block_actions with container, message and response_url", async () => {
    const bodies = await collectInteractions();
    await client().chat.postMessage({
      channel: "C0GENERAL",
      text: "pick",
      blocks: [
        {
          type: "actions",
          block_id: "choices",
          elements: [
            {
              type: "button",
              action_id: "yes",
              text: { type: "plain_text", text: "Yes" },
              value: "y",
            },
            {
              type: "button",
              action_id: "no",
              text: { type: "plain_text", text: "No" },
              value: "n",
            },
          ],
        },
      ],
    });
    const posted = await slack.waitFor({ method: "chat.postMessage" });
    expect(slack.controls(posted).map((c) => c.label)).toEqual(["Yes", "No"]);
    const delivery = await slack.clickButton(posted, 1);
    expect(bodies[0]).toMatchObject({
      type: "block_actions",
      user: { id: slack.defaultUser },
      container: { type: "message", channel_id: "C0GENERAL", is_ephemeral: false },
      message: { text: "pick" },
      response_url: delivery.responseUrl,
      actions: [{ action_id: "no", block_id: "choices", value: "n", type: "button" }],
    });

    // A response URL from a button replaces the message it came from.
    await fetch(String(delivery.responseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ replace_original: true, text: "picked" }),
    });
    const replaced = await slack.waitFor({ method: "response_url" });
    expect(replaced.surface).toMatchObject({
      kind: "message",
      channel: "C0GENERAL",
      ts: posted.response.ts,
    });
  });

  it("presses one of Slack's feedback buttons: feedback_buttons with that button's value", async () => {
    const bodies = await collectInteractions();
    const feedback = (positiveValue: string) => [
      {
        type: "context_actions",
        block_id: "feedback",
        elements: [
          {
            type: "feedback_buttons",
            action_id: "vote",
            positive_button: { text: { type: "plain_text", text: "Good" }, value: positiveValue },
            negative_button: { text: { type: "plain_text", text: "Bad" }, value: "down" },
          },
        ],
      },
    ];
    await client().chat.postMessage({ channel: "C0GENERAL", text: "rate", blocks: feedback("up") });
    const posted = await slack.waitFor({ method: "chat.postMessage" });
    expect(slack.controls(posted).map((c) => [c.label, c.feedback, c.value])).toEqual([
      ["Good", "positive", "up"],
      ["Bad", "negative", "down"],
    ]);
    await slack.clickButton(posted, (control) => control.feedback === "negative");
    expect(bodies[0]).toMatchObject({
      type: "block_actions",
      actions: [
        {
          type: "feedback_buttons",
          action_id: "vote",
          block_id: "feedback",
          value: "down",
          text: { type: "plain_text", text: "Bad" },
        },
      ],
    });
    // Slack's limits hold for the buttons too: a value past 2000 characters is refused.
    await expect(
      client().chat.postMessage({
        channel: "C0GENERAL",
        text: "rate",
        blocks: feedback("x".repeat(2001)),
      }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
  });

  it("picks a menu option: block_actions with the chosen selected_option, and refuses unknown values", async () => {
    const bodies = await collectInteractions();
    const option = (text: string, value: string) => ({
      text: { type: "plain_text" as const, text },
      value,
    });
    await client().chat.postMessage({
      channel: "C0GENERAL",
      text: "pick a section",
      blocks: [
        {
          type: "section",
          block_id: "doc-1",
          text: { type: "mrkdwn", text: "*Retrospectives*" },
          accessory: {
            type: "static_select",
            action_id: "open_section:1",
            placeholder: { type: "plain_text", text: "Open a section…" },
            options: [
              option("Running one", "retro.md#running"),
              option("Actions", "retro.md#actions"),
            ],
          },
        },
        {
          type: "actions",
          block_id: "more",
          elements: [
            {
              type: "button",
              action_id: "yes",
              text: { type: "plain_text", text: "Yes" },
              value: "y",
            },
            {
              type: "overflow",
              action_id: "more_menu",
              options: [option("Edit", "edit"), option("Delete", "delete")],
            },
          ],
        },
      ],
    });
    const posted = await slack.waitFor({ method: "chat.postMessage" });
    await slack.selectOption(posted, "open_section:1", "retro.md#actions");
    await slack.selectOption(posted, "more_menu", "delete");
    expect(bodies.map((body) => (body.actions as unknown[])[0])).toEqual([
      expect.objectContaining({
        type: "static_select",
        action_id: "open_section:1",
        block_id: "doc-1",
        selected_option: option("Actions", "retro.md#actions"),
      }),
      expect.objectContaining({
        type: "overflow",
        action_id: "more_menu",
        block_id: "more",
        selected_option: option("Delete", "delete"),
      }),
    ]);
    await expect(slack.selectOption(posted, "open_section:1", "nope")).rejects.toThrow(
      /no option "nope"; options: retro.md#running, retro.md#actions/,
    );
    await expect(slack.selectOption(posted, "yes", "y")).rejects.toThrow(/yes is not a menu/);
    expect(bodies).toHaveLength(2);
  });
});

describe("signed HTTP delivery", () => {
  let app: Server;
  const received: Array<{ headers: IncomingMessage["headers"]; body: string; valid: boolean }> = [];

  beforeAll(async () => {
    app = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      let valid = true;
      try {
        verifySlackRequest({
          signingSecret,
          body,
          headers: {
            "x-slack-signature": String(req.headers["x-slack-signature"]),
            "x-slack-request-timestamp": Number(req.headers["x-slack-request-timestamp"]),
          },
        });
      } catch {
        valid = false;
      }
      received.push({ headers: req.headers, body, valid });
      res.writeHead(valid ? 200 : 401, { "content-type": "application/json" });
      res.end(valid ? JSON.stringify({ text: "ok" }) : "");
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => app.close(() => resolve()));
  });

  afterEach(() => {
    received.length = 0;
  });

  function useApp() {
    slack.setRequestUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
  }

  it("signs a form-encoded slash command as Bolt's verifier expects", async () => {
    useApp();
    const delivery = await slack.sendSlashCommand({ text: "what is velocity", channel: "C0TEAM" });
    expect(delivery.transport).toBe("http");
    expect(delivery.ack.status).toBe(200);
    const request = received[0];
    expect(request?.valid).toBe(true);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(request?.body);
    expect(form.get("text")).toBe("what is velocity");
    expect(form.get("channel_id")).toBe("C0TEAM");
    expect(form.get("response_url")).toBe(delivery.responseUrl);
  });

  it("sends events as JSON with retry headers, and interactions as payload=", async () => {
    useApp();
    await slack.sendDirectMessage({ text: "hi" }, { retryNum: 2, retryReason: "http_error" });
    const event = received[0];
    expect(event?.headers["content-type"]).toBe("application/json");
    expect(event?.headers["x-slack-retry-num"]).toBe("2");
    expect(event?.headers["x-slack-retry-reason"]).toBe("http_error");
    expect(JSON.parse(String(event?.body))).toMatchObject({
      event: { type: "message", channel_type: "im", text: "hi", user: slack.defaultUser },
    });
    await slack.sendInteraction({ type: "shortcut", callback_id: "x" });
    const form = new URLSearchParams(received[1]?.body);
    expect(JSON.parse(String(form.get("payload")))).toEqual({ type: "shortcut", callback_id: "x" });
  });

  it("can send a bad signature or a stale timestamp, which a verifier refuses", async () => {
    useApp();
    const bad = await slack.sendSlashCommand({ text: "x" }, { signature: "v0=deadbeef" });
    expect(bad.ack.status).toBe(401);
    const stale = await slack.sendSlashCommand(
      { text: "x" },
      { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(stale.ack.status).toBe(401);
    expect(received.map((r) => r.valid)).toEqual([false, false]);
  });

  it("refuses to deliver when no bot is connected and no Request URL is set", async () => {
    await expect(slack.sendSlashCommand({ text: "x" })).rejects.toThrow(/no bot/);
  });
});
