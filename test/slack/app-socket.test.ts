/**
 * Socket Mode start-up against a fake Web API: SLACK_API_URL must reach both the bot's client
 * (auth.test) and the Socket Mode client's apps.connections.open. The full Socket Mode
 * conversation is covered by the end-to-end tests against the local Slack.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createApp } from "../../src/slack/app.js";
import { captureLogger, fakeKnowledge } from "./listeners/fakes.js";

interface Seen {
  path: string;
  authorization: string | undefined;
}

async function fakeWebApi(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    seen.push({ path, authorization: request.headers.authorization });
    response.setHeader("Content-Type", "application/json");
    if (path.endsWith("/auth.test")) {
      response.end(JSON.stringify({ ok: true, user_id: "U0BOT0001", bot_id: "B0BOT0001" }));
      return;
    }
    // The app-level token is refused: start-up must fail with Slack's code, not hang retrying.
    response.end(JSON.stringify({ ok: false, error: "invalid_auth" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe("createApp in Socket Mode", () => {
  it("sends auth.test and apps.connections.open to SLACK_API_URL, each with its own token", async () => {
    const api = await fakeWebApi();
    servers.push(api.server);
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-socket-test",
      SLACK_APP_TOKEN: "xapp-socket-test",
      SLACK_API_URL: api.url,
      PORT: "0",
      HOST: "127.0.0.1",
    });
    const log = captureLogger();
    const bot = createApp(config, {
      logger: log.logger,
      knowledge: fakeKnowledge().source,
      clientOptions: { retryConfig: { retries: 0 } },
    });

    await expect(bot.start()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
    // auth.test twice: Bolt's token check, then the bot's own, for the installed team id.
    expect(api.seen.map((request) => request.path)).toEqual([
      "/api/auth.test",
      "/api/auth.test",
      "/api/apps.connections.open",
    ]);
    expect(api.seen.map((request) => request.authorization)).toEqual([
      "Bearer xoxb-socket-test",
      "Bearer xoxb-socket-test",
      "Bearer xapp-socket-test",
    ]);
    // The health server opened for Socket Mode is closed again when start-up fails.
    expect(bot.port()).toBeUndefined();
    expect(JSON.stringify(log.lines)).not.toMatch(/xoxb-socket-test|xapp-socket-test/);
  });
});
