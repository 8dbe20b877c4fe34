/**
 * The real Bolt app in HTTP mode on a random port, talking to a tiny fake Slack Web API
 * (and response_url endpoint) served by this test on loopback.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { parseDocument } from "../../src/corpus/parse.js";
import type { KnowledgeBase } from "../../src/corpus/types.js";
import { createStaticKnowledge } from "../../src/knowledge/static.js";
import { createSearchIndex } from "../../src/search/index.js";
import { type BotApp, createApp } from "../../src/slack/app.js";
import { captureLogger, waitFor } from "../helpers.js";

const SIGNING_SECRET = "test-signing-secret";
const BOT_USER = "U0BOT0001";

const RETRO = `---
title: Retrospectives
owner: U0OWNER01
---
# Retrospectives

## Running a retrospective

Hold a retrospective at the end of every sprint. Timebox it to one hour, gather what went
well and what did not, and agree on at most three improvement actions.

## Following up actions

Every improvement action gets an owner and a due date, reviewed at the next retrospective.
`;

const RISKS = `---
title: Risks and issues
---
# Risks and issues

## Keeping a risk log

A risk log records each risk with its likelihood, impact, owner and mitigation. Review it weekly.
`;

interface Recorded {
  path: string;
  body: Record<string, unknown>;
}

/** A fake Slack: Web API methods under /api/, and response_url endpoints under /respond/. */
function startFakeSlack(): Promise<{ server: Server; url: string; calls: Recorded[] }> {
  const calls: Recorded[] = [];
  const server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const body = parseBody(raw, request.headers["content-type"] ?? "");
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    calls.push({ path, body });
    response.setHeader("Content-Type", "application/json");
    if (path === "/api/auth.test") {
      response.end(
        JSON.stringify({ ok: true, user_id: BOT_USER, bot_id: "B0BOT0001", team_id: "T0TEAM001" }),
      );
      return;
    }
    response.end(
      JSON.stringify({ ok: true, ts: `1700000100.${String(calls.length).padStart(6, "0")}` }),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, calls });
    });
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      data += chunk;
    });
    request.on("end", () => resolve(data));
    request.on("error", reject);
  });
}

/** The Web API client posts form fields with JSON-encoded values; response_url gets JSON. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      fields[key] = key === "blocks" || key === "view" ? JSON.parse(value) : value;
    } catch {
      fields[key] = value;
    }
  }
  return fields;
}

function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

describe("createApp in HTTP mode", () => {
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  let bot: BotApp;
  let botUrl: string;
  let base: KnowledgeBase;
  const log = captureLogger();

  beforeAll(async () => {
    slack = await startFakeSlack();
    const parsed = [
      parseDocument("rituals/retrospectives.md", RETRO),
      parseDocument("delivery/risks.md", RISKS),
    ];
    base = {
      root: "/fixture",
      documents: parsed.map((p) => p.document),
      sections: parsed.flatMap((p) => p.sections),
      warnings: [],
    };
    const config = loadConfig({
      SLACK_MODE: "http",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      SLACK_API_URL: `${slack.url}/api/`,
    });
    bot = createApp(config, {
      logger: log.logger,
      knowledge: createStaticKnowledge(base, createSearchIndex(base.sections)),
      version: "9.9.9-test",
      clientOptions: { retryConfig: { retries: 0 } },
    });
    await bot.start();
    botUrl = `http://127.0.0.1:${bot.port()}`;
  });

  afterAll(async () => {
    await bot?.stop();
    await new Promise((resolve) => slack?.server.close(resolve));
  });

  const post = (
    body: string,
    headers: Record<string, string>,
    contentType = "application/x-www-form-urlencoded",
  ) =>
    fetch(`${botUrl}/slack/events`, {
      method: "POST",
      headers: { "Content-Type": contentType, ...headers },
      body,
    });

  let commandCount = 0;
  const commandBody = (text: string) => {
    commandCount += 1;
    return new URLSearchParams({
      command: "/dm",
      text,
      user_id: "U0ASKER01",
      user_name: "asker",
      channel_id: "C0TEAM001",
      channel_name: "team",
      team_id: "T0TEAM001",
      team_domain: "team",
      api_app_id: "A0APP0001",
      trigger_id: `trigger-${commandCount}`,
      response_url: `${slack.url}/respond/${commandCount}`,
      token: "legacy-verification-token",
    }).toString();
  };
  const signed = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    "X-Slack-Request-Timestamp": String(timestamp),
    "X-Slack-Signature": sign(body, timestamp),
  });
  const responsesTo = (n: number) => slack.calls.filter((call) => call.path === `/respond/${n}`);

  it("acknowledges at once with an empty 200, and a warning, every interaction no listener takes", async () => {
    const interaction = (fields: Record<string, unknown>) =>
      new URLSearchParams({
        payload: JSON.stringify({
          team: { id: "T0TEAM001" },
          user: { id: "U0ASKER01" },
          api_app_id: "A0APP0001",
          ...fields,
        }),
      }).toString();
    const unlistened = [
      { type: "view_closed", view: { id: "V0001", callback_id: "nobody-listens" } },
      { type: "view_submission", view: { id: "V0002", callback_id: "nobody-listens" } },
      { type: "shortcut", callback_id: "global-shortcut", trigger_id: "t1" },
      { type: "message_action", callback_id: "message-shortcut", trigger_id: "t2" },
      {
        type: "block_actions",
        trigger_id: "t3",
        actions: [{ action_id: "unknown_button", type: "button", value: "x" }],
      },
      { type: "block_suggestion", action_id: "some_select", value: "ab" },
    ];
    for (const fields of unlistened) {
      const body = interaction(fields);
      const response = await post(body, signed(body));
      // Bolt alone answers 404 after three seconds, which Slack shows the user as an error.
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
    }
    expect(log.events("interaction_ignored").map((line) => line.type)).toEqual(
      unlistened.map((fields) => fields.type),
    );
    expect(log.events("interaction_ignored")[4]).toMatchObject({ actionId: "unknown_button" });
    // Acknowledged by the bot at once, not by the receiver's two-second timer.
    expect(log.events("unhandled_request")).toEqual([]);
  });

  it("answers the same signed bytes only once, however often they are replayed", async () => {
    const body = commandBody("what goes in a risk log?");
    const n = commandCount;
    const headers = signed(body);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(body, headers)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await waitFor(() => (responsesTo(n).length > 0 ? true : undefined), "the one answer");
    // A later request is a barrier: once it is answered, any replay would have been too.
    const next = commandBody("what is a retrospective?");
    const m = commandCount;
    expect((await post(next, signed(next))).status).toBe(200);
    await waitFor(() => (responsesTo(m).length > 0 ? true : undefined), "the barrier answer");
    expect(responsesTo(n)).toHaveLength(1);
    expect(log.events("request_replayed")).toHaveLength(4);
    // A badly signed request is refused every time, never taken for a replay.
    const forged = { ...headers, "X-Slack-Signature": `v0=${"0".repeat(64)}` };
    expect((await post(body, forged)).status).toBe(401);
    expect((await post(body, forged)).status).toBe(401);
    expect(log.events("request_replayed")).toHaveLength(4);
  });

  it("answers 400 at once to a signed body that is not a Slack payload", async () => {
    const formNull = new URLSearchParams({ payload: "null" }).toString();
    expect((await post(formNull, signed(formNull))).status).toBe(400);
    expect((await post("null", signed("null"), "application/json")).status).toBe(400);
    expect((await post("42", signed("42"), "application/json")).status).toBe(400);
    expect(log.events("request_rejected")).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: "not a Slack payload" })]),
    );
    // Still serving after them.
    const body = commandBody("what is velocity");
    expect((await post(body, signed(body))).status).toBe(200);
  });

  it("acknowledges but ignores a request from another workspace", async () => {
    const body = commandBody("what is velocity").replace("team_id=T0TEAM001", "team_id=T0OTHER99");
    const n = commandCount;
    expect((await post(body, signed(body))).status).toBe(200);
    expect(log.events("request_ignored")).toEqual([
      expect.objectContaining({ reason: "another workspace", teamId: "T0OTHER99" }),
    ]);
    // A good request after it is a barrier: once it is answered, the other would have been.
    const good = commandBody("what is velocity");
    const g = commandCount;
    expect((await post(good, signed(good))).status).toBe(200);
    await waitFor(() => (responsesTo(g).length > 0 ? true : undefined), "the barrier answer");
    expect(responsesTo(n)).toEqual([]);
  });

  it("binds a port of its own when PORT=0", () => {
    expect(bot.port()).toBeGreaterThan(0);
  });

  it("answers a signed /dm with an ephemeral answer through response_url", async () => {
    const body = commandBody("how long should a retrospective be?");
    const n = commandCount;
    const response = await post(body, signed(body));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");

    const [answer] = await waitFor(
      () => (responsesTo(n).length > 0 ? responsesTo(n) : undefined),
      "the ephemeral answer",
    );
    expect(answer?.body).toMatchObject({ response_type: "ephemeral" });
    expect(typeof answer?.body.text).toBe("string");
    expect(JSON.stringify(answer?.body.blocks)).toContain("Running a retrospective");
    expect(log.events("query")).toContainEqual(
      expect.objectContaining({
        surface: "command",
        user: "U0ASKER01",
        query: "how long should a retrospective be?",
        answered: true,
        sectionId: "rituals/retrospectives.md#running-a-retrospective",
      }),
    );
  });

  it("rejects bad, stale and future-dated signatures with 401 and processes nothing", async () => {
    const badBody = commandBody("risk log");
    const bad = commandCount;
    const badResponse = await post(badBody, {
      "X-Slack-Request-Timestamp": String(Math.floor(Date.now() / 1000)),
      "X-Slack-Signature": sign(badBody, Math.floor(Date.now() / 1000), "not-the-secret"),
    });
    expect(badResponse.status).toBe(401);

    const unsignedBody = commandBody("risk log");
    const unsigned = commandCount;
    const unsignedResponse = await post(unsignedBody, {});
    expect(unsignedResponse.status).toBe(401);

    const staleBody = commandBody("risk log");
    const stale = commandCount;
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const staleResponse = await post(staleBody, signed(staleBody, sixMinutesAgo));
    expect(staleResponse.status).toBe(401);

    // Correctly signed but dated in the future: Bolt alone accepted these (issue 10).
    const futureBody = commandBody("risk log");
    const future = commandCount;
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60;
    const futureResponse = await post(futureBody, signed(futureBody, sixMinutesAhead));
    expect(futureResponse.status).toBe(401);
    const farBody = commandBody("risk log");
    const far = commandCount;
    const tenYearsAhead = Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600;
    expect((await post(farBody, signed(farBody, tenYearsAhead))).status).toBe(401);
    expect(log.events("request_rejected")).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: "timestamp out of window" })]),
    );

    // A good request after them is a barrier: once it is answered, the others would have been.
    const goodBody = commandBody("risk log");
    const good = commandCount;
    expect((await post(goodBody, signed(goodBody))).status).toBe(200);
    await waitFor(() => (responsesTo(good).length > 0 ? true : undefined), "the barrier answer");
    expect([bad, unsigned, stale, future, far].map((n) => responsesTo(n).length)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(log.events("query").filter((line) => line.query === "risk log")).toHaveLength(1);
  });

  it("never writes the bot token into its logs, even at debug level", () => {
    expect(log.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(log.lines)).not.toContain("xoxb-test-token");
  });

  it("serves /healthz", async () => {
    const response = await fetch(`${botUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({
      status: "ok",
      sections: base.sections.length,
      contentVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      version: "9.9.9-test",
    });
  });

  it("acknowledges a retried event delivery but answers it once", async () => {
    const mention = (eventId: string, ts: string) =>
      JSON.stringify({
        type: "event_callback",
        team_id: "T0TEAM001",
        api_app_id: "A0APP0001",
        event_id: eventId,
        event_time: 1700000000,
        event: {
          type: "app_mention",
          user: "U0ASKER01",
          text: `<@${BOT_USER}> what goes in a risk log?`,
          channel: "C0TEAM001",
          ts,
          event_ts: ts,
        },
        authorizations: [{ team_id: "T0TEAM001", user_id: BOT_USER, is_bot: true }],
      });
    const posts = () => slack.calls.filter((call) => call.path === "/api/chat.postMessage");

    const original = mention("Ev0ORIGINAL", "1700000200.000100");
    expect((await post(original, signed(original), "application/json")).status).toBe(200);
    await waitFor(() => (posts().length === 1 ? true : undefined), "the threaded answer");
    expect(posts()[0]?.body).toMatchObject({
      channel: "C0TEAM001",
      thread_ts: "1700000200.000100",
    });

    const retry = await post(
      original,
      // Slack signs a retry anew: a later timestamp, so it is not the same bytes replayed.
      {
        ...signed(original, Math.floor(Date.now() / 1000) + 1),
        "X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_timeout",
      },
      "application/json",
    );
    expect(retry.status).toBe(200);

    const next = mention("Ev0NEXT0001", "1700000300.000100");
    expect((await post(next, signed(next), "application/json")).status).toBe(200);
    await waitFor(() => (posts().length >= 2 ? true : undefined), "the second event's answer");
    await waitFor(
      () => (log.events("duplicate_delivery").length > 0 ? true : undefined),
      "the retry to be dropped",
    );
    expect(posts().map((call) => call.body.thread_ts)).toEqual([
      "1700000200.000100",
      "1700000300.000100",
    ]);
    expect(log.events("duplicate_delivery")).toEqual([
      expect.objectContaining({ key: "Ev0ORIGINAL", retryNum: 1, retryReason: "http_timeout" }),
    ]);
  });
});
