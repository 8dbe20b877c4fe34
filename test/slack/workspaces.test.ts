/**
 * The bot in-process against the local Slack: every query and feedback line names its workspace,
 * and with OAuth an install through /slack/install serves that workspace with its own token until
 * it revokes it.
 */
import { MemoryInstallationStore } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import {
  createLogCapture,
  type LocalBot,
  loadStaticKnowledge,
  startLocalBot,
} from "../../src/dev/local-bot.js";
import type { JsonObject, LocalSlack } from "../../src/dev/local-slack/index.js";
import { startLocalSlack } from "../../src/dev/local-slack/index.js";
import { createLogger } from "../../src/logger.js";
import { type BotApp, createApp } from "../../src/slack/app.js";
import { ActionId } from "../../src/slack/views/actions.js";
import { waitFor } from "../helpers.js";

const QUESTION = "what does a delivery manager do";

describe("team_id on log lines", () => {
  let slack: LocalSlack;
  let bot: LocalBot;
  beforeAll(async () => {
    slack = await startLocalSlack();
    bot = await startLocalBot({ slack, mode: "http" });
  });
  afterAll(async () => {
    await bot?.stop();
    await slack?.close();
  });

  it("writes the workspace into the query and the feedback line", async () => {
    const mention = await slack.sendMention({ text: QUESTION });
    const answer = await slack.waitFor({
      method: "chat.postMessage",
      thread_ts: (mention.payload.event as JsonObject).ts,
    });
    await slack.clickButton(
      answer,
      (control) => control.actionId === ActionId.feedback && control.feedback === "positive",
    );
    // Feedback is answered to the clicker alone, through the response URL.
    await slack.waitFor((call) => call.method === "response_url" && call.seq > answer.seq);
    const logs = bot.logs;
    const query = logs?.find({ event: "query" })[0];
    const feedback = await waitFor(() => logs?.find({ event: "feedback" })[0], "feedback line");
    expect(query).toMatchObject({ team_id: slack.workspace.teamId });
    expect(feedback).toMatchObject({ team_id: slack.workspace.teamId });
    // Lines outside a request (start-up) carry no workspace.
    expect(logs?.find({ event: "started" })[0]).not.toHaveProperty("team_id");
  });
});

describe("OAuth in one process", () => {
  let slack: LocalSlack;
  let bot: BotApp;
  const store = new MemoryInstallationStore();
  const logs = createLogCapture();

  beforeAll(async () => {
    slack = await startLocalSlack();
    const config = loadConfig({
      SLACK_MODE: "http",
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CLIENT_ID: slack.clientId,
      SLACK_CLIENT_SECRET: slack.clientSecret,
      SLACK_STATE_SECRET: "state-secret-for-this-test",
      DATABASE_URL: "postgres://unused/in-this-test",
      TOKEN_ENCRYPTION_KEY: "cd".repeat(32),
      PORT: "0",
      HOST: "127.0.0.1",
    });
    bot = createApp(config, {
      logger: createLogger({ level: "info", destination: logs.destination }),
      knowledge: await loadStaticKnowledge(),
      clientOptions: { retryConfig: { retries: 0 } },
      shared: { installationStore: store },
    });
    await bot.start();
    slack.setRequestUrl(`http://127.0.0.1:${bot.port()}/slack/events`);
  });
  afterAll(async () => {
    await bot?.stop();
    await slack?.close();
  });

  it("installs, answers with the workspace's token, and forgets it on tokens_revoked", async () => {
    const base = `http://127.0.0.1:${bot.port()}`;
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    const state = new URL(install.headers.get("location") ?? "").searchParams.get("state");
    const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const code = slack.approveInstall("T0OAUTH01");
    const done = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${state}`, {
      headers: { cookie },
    });
    expect(done.status).toBe(200);
    const token = slack.installedToken("T0OAUTH01");

    const mention = await slack.sendMention({ text: QUESTION }, { teamId: "T0OAUTH01" });
    const answer = await slack.waitFor({
      method: "chat.postMessage",
      thread_ts: (mention.payload.event as JsonObject).ts,
    });
    expect(answer.token).toBe(token);

    await slack.sendEvent(
      { type: "tokens_revoked", tokens: { bot: ["UBOT"] } },
      { teamId: "T0OAUTH01" },
    );
    await waitFor(() => logs.find({ event: "installation_deleted" }).length > 0, "deletion");
    expect(
      await store.fetchInstallation({
        teamId: "T0OAUTH01",
        isEnterpriseInstall: false,
        enterpriseId: undefined,
      }),
    ).toBeUndefined();
  });
});
