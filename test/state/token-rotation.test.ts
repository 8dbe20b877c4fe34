/**
 * Token rotation with three replicas in one process, each with its own Redis and PostgreSQL
 * connections: a token due for refresh is refreshed once, whichever replicas need it at once.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadStaticKnowledge } from "../../src/dev/local-bot.js";
import type { JsonObject, LocalSlack } from "../../src/dev/local-slack/index.js";
import { startLocalSlack } from "../../src/dev/local-slack/index.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "../../src/dev/round-robin-proxy.js";
import { createLogger } from "../../src/logger.js";
import { type BotApp, createApp } from "../../src/slack/app.js";
import { openSharedState, type SharedState } from "../../src/state/shared-state.js";
import { createTestDatabase, describeWithServices, TEST_REDIS_URL } from "./services.js";

describeWithServices("token rotation across replicas", ["redis", "postgres"], () => {
  let slack: LocalSlack;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: RoundRobinProxy;
  const bots: BotApp[] = [];
  const states: SharedState[] = [];

  beforeAll(async () => {
    // Installs get a token expiring within the refresh window; refreshed ones last 12 hours.
    slack = await startLocalSlack({
      // A fresh app id per run: Redis dedupe keys (app:team:event) outlive a run.
      appId: `A0${randomBytes(5).toString("hex").toUpperCase()}`,
      tokenRotation: { expiresInSec: 60, refreshedExpiresInSec: 43_200 },
    });
    database = await createTestDatabase();
    const config = loadConfig({
      SLACK_MODE: "http",
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CLIENT_ID: slack.clientId,
      SLACK_CLIENT_SECRET: slack.clientSecret,
      SLACK_STATE_SECRET: "rotation-state-secret",
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    });
    const knowledge = await loadStaticKnowledge();
    for (let i = 0; i < 3; i += 1) {
      const logger = createLogger({ level: "warn", destination: { write: () => undefined } });
      const shared = await openSharedState(config, logger);
      states.push(shared);
      const bot = createApp(config, {
        logger,
        knowledge,
        shared,
        clientOptions: { retryConfig: { retries: 0 } },
      });
      await bot.start();
      bots.push(bot);
    }
    proxy = await startRoundRobinProxy(bots.map((bot) => `http://127.0.0.1:${bot.port()}`));
    slack.setRequestUrl(`${proxy.url}/slack/events`);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await Promise.all(states.map((state) => state.close()));
    await proxy?.close();
    await slack?.close();
    await database?.drop();
  });

  it("refreshes an expiring token once while three replicas need it at the same moment", async () => {
    const install = await fetch(`http://127.0.0.1:${bots[0]?.port()}/slack/install`, {
      redirect: "manual",
    });
    const state = new URL(install.headers.get("location") ?? "").searchParams.get("state");
    const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const code = slack.approveInstall("T0ROTATE1");
    const done = await fetch(
      `http://127.0.0.1:${bots[1]?.port()}/slack/oauth_redirect?code=${code}&state=${state}`,
      { headers: { cookie } },
    );
    expect(done.status).toBe(200);
    const installed = slack.installedToken("T0ROTATE1");

    const mentions = await Promise.all(
      [1, 2, 3].map((i) =>
        slack.sendMention({ text: `what is velocity ${i}` }, { teamId: "T0ROTATE1" }),
      ),
    );
    const answers = await Promise.all(
      mentions.map((mention) =>
        slack.waitFor(
          { method: "chat.postMessage", thread_ts: (mention.payload.event as JsonObject).ts },
          10_000,
        ),
      ),
    );
    const refreshes = slack
      .find({ method: "oauth.v2.access" })
      .filter((call) => call.args.grant_type === "refresh_token");
    expect(refreshes.map((call) => call.response.ok)).toEqual([true]);
    const refreshed = slack.installedToken("T0ROTATE1");
    expect(refreshed).not.toBe(installed);
    expect(answers.map((answer) => answer.token)).toEqual([refreshed, refreshed, refreshed]);
  });
});
