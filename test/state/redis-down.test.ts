/**
 * REDIS_URL set, Redis unreachable: the bot starts, answers, logs the outage, and reports
 * itself degraded (still 200) on /healthz. Needs no server: it is the absence of one.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogCapture, loadStaticKnowledge } from "../../src/dev/local-bot.js";
import type { JsonObject, LocalSlack } from "../../src/dev/local-slack/index.js";
import { startLocalSlack } from "../../src/dev/local-slack/index.js";
import { createLogger } from "../../src/logger.js";
import { type BotApp, createApp } from "../../src/slack/app.js";
import { openSharedState, type SharedState } from "../../src/state/shared-state.js";

let slack: LocalSlack;
let bot: BotApp;
let shared: SharedState;
const logs = createLogCapture();

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const deadPort = typeof address === "object" && address !== null ? address.port : 1;

  slack = await startLocalSlack();
  const config = loadConfig({
    SLACK_MODE: "http",
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: `redis://127.0.0.1:${deadPort}`,
    PORT: "0",
    HOST: "127.0.0.1",
  });
  const logger = createLogger({ level: "info", destination: logs.destination });
  shared = await openSharedState(config, logger);
  bot = createApp(config, {
    logger,
    knowledge: await loadStaticKnowledge(),
    shared,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await bot.start();
  slack.setRequestUrl(`http://127.0.0.1:${bot.port()}/slack/events`);
}, 30_000);
afterAll(async () => {
  await bot?.stop();
  await shared?.close();
  await slack?.close();
});

it("answers once per delivery with in-process dedupe, logs the outage, and says degraded", async () => {
  const first = await slack.sendMention({ text: "what is velocity" });
  const event = first.payload.event as JsonObject;
  await slack.sendEvent(event, { eventId: first.eventId, retryNum: 1, retryReason: "timeout" });
  await slack.waitFor({ method: "chat.postMessage", thread_ts: event.ts });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(slack.find({ method: "chat.postMessage", thread_ts: event.ts })).toHaveLength(1);
  expect(logs.find({ event: "redis_down" })).toHaveLength(1);

  const response = await fetch(`http://127.0.0.1:${bot.port()}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: "degraded", parts: { redis: "down" } });
});
