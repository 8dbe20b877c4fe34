/**
 * Three replicas of the bot, each its own process, sharing Redis and PostgreSQL: HTTP mode
 * behind a round-robin proxy with OAuth installs, and Socket Mode with one connection each.
 * Slack's retries and a replica killed mid-run must not change what people see: one answer per
 * question, from the workspace's own token.
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delivery, JsonObject, LocalSlack } from "../../src/dev/local-slack/index.js";
import { startLocalSlack } from "../../src/dev/local-slack/index.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "../../src/dev/round-robin-proxy.js";
import { ActionId } from "../../src/slack/views/actions.js";
import { createTestDatabase, describeWithServices, TEST_REDIS_URL } from "../state/services.js";
import { percentile, type Replica, startReplica } from "./replica-process.js";

const CONTENT_DIR = fileURLToPath(new URL("../fixtures/handbook/", import.meta.url));
const NEW_TEAM = "T0NEWTEAM";
const QUESTION = "how do we plan a sprint";
/**
 * The local Slack numbers event ids from 1, and Redis outlives a run: a fresh app id per run keeps
 * this run's dedupe keys (app:team:event) apart from an earlier run's.
 */
const appId = () => `A0${randomBytes(5).toString("hex").toUpperCase()}`;
/** What is measured here is answers per delivery; on a loaded machine an ack may pass Slack's 3 s. */
const ACK_TIMEOUT_MS = 10_000;

function threadReplies(slack: LocalSlack, ts: string) {
  return slack.find({ method: "chat.postMessage", thread_ts: ts });
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A delivery and its two Slack retries (same event, same event_id), acks timed. */
async function deliverWithRetries(
  slack: LocalSlack,
  teamId: string | undefined,
  text: string,
): Promise<{ ts: string; deliveries: Delivery[] }> {
  const team = teamId === undefined ? {} : { teamId };
  const first = await slack.sendMention({ text }, team);
  const event = first.payload.event as JsonObject;
  const deliveries = [first];
  for (const retryNum of [1, 2]) {
    deliveries.push(
      await slack.sendEvent(event, {
        ...team,
        eventId: first.eventId,
        retryNum,
        retryReason: "timeout",
      }),
    );
  }
  return { ts: String(event.ts), deliveries };
}

describeWithServices("three replicas", ["redis", "postgres"], () => {
  const redisUrl = TEST_REDIS_URL ?? "";
  const replicas: Replica[] = [];
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
  });

  describe("HTTP mode behind a round-robin proxy, OAuth installs", () => {
    let slack: LocalSlack;
    let proxy: RoundRobinProxy;
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    const http: Replica[] = [];

    beforeAll(async () => {
      slack = await startLocalSlack({ appId: appId(), ackTimeoutMs: ACK_TIMEOUT_MS });
      database = await createTestDatabase();
      const env = {
        SLACK_MODE: "http",
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_CLIENT_ID: slack.clientId,
        SLACK_CLIENT_SECRET: slack.clientSecret,
        SLACK_STATE_SECRET: "state-secret-shared-by-every-replica",
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
        REDIS_URL: redisUrl,
        DATABASE_URL: database.url,
        CONTENT_DIR,
      };
      http.push(...(await Promise.all(["r1", "r2", "r3"].map((name) => startReplica(name, env)))));
      replicas.push(...http);
      proxy = await startRoundRobinProxy(http.map((replica) => replica.url));
      slack.setRequestUrl(`${proxy.url}/slack/events`);
    }, 180_000);
    afterAll(async () => {
      await Promise.all(http.map((replica) => replica.stop()));
      await proxy?.close();
      await slack?.close();
      await database?.drop();
    });

    it("reports the same content, Redis and PostgreSQL up, on every replica", async () => {
      const health = await Promise.all(
        http.map(async (replica) => {
          const response = await fetch(`${replica.url}/healthz`);
          return { status: response.status, body: (await response.json()) as JsonObject };
        }),
      );
      for (const { status, body } of health) {
        expect(status).toBe(200);
        expect(body).toMatchObject({ status: "ok", parts: { redis: "up", postgres: "up" } });
      }
      expect(new Set(health.map(({ body }) => body.contentVersion)).size).toBe(1);
    });

    it("installs a workspace begun on replica 1 and finished on replica 2; replica 3 answers it with its own token", async () => {
      const install = await fetch(`${http[0]?.url}/slack/install`, { redirect: "manual" });
      expect(install.status).toBe(302);
      const authorize = new URL(install.headers.get("location") ?? "");
      const state = authorize.searchParams.get("state") ?? "";
      expect(state).not.toBe("");
      const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

      // A state this app never signed is refused, and no token is asked for.
      const forged = await fetch(
        `${http[1]?.url}/slack/oauth_redirect?code=${slack.approveInstall(NEW_TEAM)}&state=forged`,
        { headers: { cookie: "slack-app-oauth-state=forged" } },
      );
      expect(forged.status).not.toBe(200);
      expect(slack.find({ method: "oauth.v2.access" })).toHaveLength(0);

      const code = slack.approveInstall(NEW_TEAM);
      const finish = await fetch(
        `${http[1]?.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
        { headers: { cookie } },
      );
      expect(finish.status).toBe(200);
      const token = slack.installedToken(NEW_TEAM);
      expect(token).toMatch(/^xoxb-/);
      expect(slack.find({ method: "oauth.v2.access" })).toHaveLength(1);

      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      const rows = (await db.query("SELECT team_id, sealed FROM installations")).rows;
      await db.end();
      expect(rows.map((row) => row.team_id)).toEqual([NEW_TEAM]);
      expect(JSON.stringify(rows)).not.toContain(token);

      slack.setRequestUrl(`${http[2]?.url}/slack/events`);
      try {
        const delivery = await slack.sendMention({ text: QUESTION }, { teamId: NEW_TEAM });
        const ts = String((delivery.payload.event as JsonObject).ts);
        await until(() => threadReplies(slack, ts).length > 0, "replica 3's answer");
        expect(threadReplies(slack, ts).map((call) => call.token)).toEqual([token]);
      } finally {
        slack.setRequestUrl(`${proxy.url}/slack/events`);
      }
      const query = http[2]?.lines.find((line) => line.event === "query");
      expect(query).toMatchObject({ team_id: NEW_TEAM });
    });

    it("lets an installed workspace's admin name a page's owner, with that workspace's token; another replica shows it", async () => {
      const token = slack.installedToken(NEW_TEAM);
      slack.workspace.users.set("U0NEWADMIN", {
        id: "U0NEWADMIN",
        name: "newadmin",
        isAdmin: true,
      });
      const command = async (text: string, user: string) => {
        const before = slack.find({ method: "response_url" }).length;
        await slack.sendSlashCommand({ text, user }, { teamId: NEW_TEAM });
        await until(
          () => slack.find({ method: "response_url" }).length > before,
          `an answer to /dm ${text}`,
        );
        return JSON.stringify(slack.find({ method: "response_url" }).at(-1)?.args);
      };
      // As an escaped command sends a person picked from Slack's suggestions.
      expect(await command("owner set index.md <@U0OWNER|owner>", "U0NEWADMIN")).toContain(
        "now owns",
      );
      // Whether the asker is an admin was asked of Slack with the workspace's own token.
      const checks = slack.find({ method: "users.info" });
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.every((call) => call.token === token)).toBe(true);
      // Round robin: the next command lands on another replica, which reads the same setting.
      expect(await command("owner index", slack.defaultUser)).toContain("<@U0OWNER>");
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      const teams = (await db.query("SELECT DISTINCT team_id FROM document_owners")).rows;
      await db.end();
      expect(teams.map((row) => row.team_id)).toEqual([NEW_TEAM]);
    });

    it("answers a delivery and its two retries, spread over the replicas, once", async () => {
      const rounds = 10;
      const results: { ts: string; deliveries: Delivery[] }[] = [];
      for (let i = 0; i < rounds; i += 1)
        results.push(await deliverWithRetries(slack, NEW_TEAM, `${QUESTION} ${i}`));
      for (const { ts } of results)
        await until(() => threadReplies(slack, ts).length > 0, "every question answered");
      // Late duplicates would show up within this.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const answers = results.map(({ ts }) => threadReplies(slack, ts).length);
      expect(answers).toEqual(results.map(() => 1));
      const acks = results.flatMap(({ deliveries }) => deliveries.map((d) => d.ack));
      expect(acks.every((ack) => ack.status === 200)).toBe(true);
      // Round robin put each attempt of a delivery on a different replica.
      const served = new Set(proxy.log.slice(-3).map((entry) => entry.tried.at(-1)));
      expect(served.size).toBe(3);
      const ms = acks.map((ack) => ack.ms);
      console.info(
        `[replicas/http] ${rounds} deliveries x 3 attempts over 3 replicas: answers per delivery ${answers.join(",")}; ack p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`,
      );
    });

    it("ignores a workspace that never installed the app", async () => {
      const delivery = await slack.sendMention({ text: QUESTION });
      expect(delivery.ack.status).toBeLessThan(500);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(threadReplies(slack, String((delivery.payload.event as JsonObject).ts))).toEqual([]);
    });

    it("loses no answer when a replica is killed with SIGKILL", async () => {
      const victim = http[1];
      victim?.process.kill("SIGKILL");
      await until(() => victim?.process.signalCode === "SIGKILL", "the replica gone");
      const timestamps: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const delivery = await slack.sendMention(
          { text: `${QUESTION} after ${i}` },
          { teamId: NEW_TEAM },
        );
        expect(delivery.ack.status).toBe(200);
        timestamps.push(String((delivery.payload.event as JsonObject).ts));
      }
      for (const ts of timestamps)
        await until(() => threadReplies(slack, ts).length > 0, "answers after the kill");
      expect(timestamps.map((ts) => threadReplies(slack, ts).length)).toEqual(
        timestamps.map(() => 1),
      );
      // The proxy met the dead replica and moved on.
      expect(proxy.log.some((entry) => entry.tried.length > 1 && entry.status === 200)).toBe(true);
    });

    it("deletes the installation on app_uninstalled, and stops answering that workspace", async () => {
      await slack.sendEvent({ type: "app_uninstalled" }, { teamId: NEW_TEAM });
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      try {
        await until(() => true, "");
        const deadline = Date.now() + 5000;
        let count = 1;
        while (count > 0 && Date.now() < deadline) {
          count = (await db.query("SELECT count(*)::int AS n FROM installations")).rows[0].n;
          if (count > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(count).toBe(0);
        const events = await db.query(
          "SELECT DISTINCT team_id FROM bot_events WHERE kind = 'query'",
        );
        expect(events.rows).toEqual([{ team_id: NEW_TEAM }]);
      } finally {
        await db.end();
      }
      const delivery = await slack.sendMention({ text: QUESTION }, { teamId: NEW_TEAM });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(threadReplies(slack, String((delivery.payload.event as JsonObject).ts))).toEqual([]);
    });
  });

  describe("Socket Mode, one connection per replica", () => {
    let slack: LocalSlack;
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    const sockets: Replica[] = [];

    beforeAll(async () => {
      slack = await startLocalSlack({
        spreadEnvelopes: true,
        appId: appId(),
        ackTimeoutMs: ACK_TIMEOUT_MS,
      });
      database = await createTestDatabase();
      const env = {
        SLACK_MODE: "socket",
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        REDIS_URL: redisUrl,
        DATABASE_URL: database.url,
        CONTENT_DIR,
      };
      sockets.push(
        ...(await Promise.all(["s1", "s2", "s3"].map((name) => startReplica(name, env)))),
      );
      replicas.push(...sockets);
      await until(() => slack.socketCount === 3, "three Socket Mode connections");
    }, 180_000);
    afterAll(async () => {
      await Promise.all(sockets.map((replica) => replica.stop()));
      await slack?.close();
      await database?.drop();
    });

    it("answers an envelope and its two retries, each on another connection, once", async () => {
      const rounds = 5;
      const results: { ts: string; deliveries: Delivery[] }[] = [];
      for (let i = 0; i < rounds; i += 1)
        results.push(await deliverWithRetries(slack, undefined, `${QUESTION} ${i}`));
      for (const { ts } of results)
        await until(() => threadReplies(slack, ts).length > 0, "every question answered");
      await new Promise((resolve) => setTimeout(resolve, 500));
      const answers = results.map(({ ts }) => threadReplies(slack, ts).length);
      expect(answers).toEqual(results.map(() => 1));
      // The retries reached other connections (other replicas) and were dropped there.
      const duplicates = sockets.map(
        (replica) => replica.lines.filter((line) => line.event === "duplicate_delivery").length,
      );
      expect(duplicates.reduce((sum, n) => sum + n, 0)).toBe(rounds * 2);
      expect(duplicates.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
      for (const line of sockets.flatMap((replica) => replica.lines))
        if (line.event === "query") expect(line.team_id).toBe(slack.workspace.teamId);
      const ms = results.flatMap(({ deliveries }) => deliveries.map((d) => d.ack.ms));
      console.info(
        `[replicas/socket] ${rounds} envelopes x 3 attempts over 3 connections: answers per delivery ${answers.join(",")}; ack p95 ${percentile(ms, 95).toFixed(1)} ms`,
      );
    });

    it("shares workspace settings and requests to experts: set, asked and answered on different replicas", async () => {
      const experts = "C0EXPERTS";
      slack.workspace.channel(experts, true);
      slack.workspace.users.set("U0ADMIN", { id: "U0ADMIN", name: "admin", isAdmin: true });
      // Each command lands on whichever replica the next envelope goes to; what one saves, all read.
      const command = async (text: string, user = "U0ADMIN") => {
        const before = slack.find({ method: "response_url" }).length;
        await slack.sendSlashCommand({ text, user });
        await until(
          () => slack.find({ method: "response_url" }).length > before,
          `an answer to /dm ${text}`,
        );
        return JSON.stringify(slack.find({ method: "response_url" }).at(-1)?.args);
      };
      expect(await command(`settings escalation ${experts}`)).toContain(`<#${experts}>`);
      expect(await command("settings escalation", slack.defaultUser)).toContain(
        `goes to <#${experts}> when a document names no owner here`,
      );
      // The no-answer's first suggestion comes from index.md, whose frontmatter owner is a
      // channel this workspace lacks: its admin names this workspace's own.
      expect(await command(`owner set index.md <#${experts}|experts>`)).toContain("now owns");
      expect(await command("owner index", slack.defaultUser)).toContain(`<#${experts}>`);

      const mention = await slack.sendMention({ text: "how do I bake sourdough bread at home" });
      const threadTs = String((mention.payload.event as JsonObject).ts);
      const noAnswer = await slack.waitFor({ method: "chat.postMessage", thread_ts: threadTs });
      await slack.clickButton(noAnswer, ActionId.askExpert);
      const request = await slack.waitFor({ method: "chat.postMessage", channel: experts });
      const requestTs = String(request.response.ts);
      // The replica records the request's thread just after posting it; a person replies later
      // than that. Replying within the same milliseconds would race the record, not test it.
      await until(
        () =>
          sockets.some((replica) =>
            replica.lines.some((line) => line.event === "escalation" && line.status === "open"),
          ),
        "the request to the expert recorded",
      );
      await slack.sendChannelMessage({
        channel: experts,
        thread_ts: requestTs,
        user: "U0EXPERT",
        text: "Ask the baker on the third floor.",
      });
      await until(
        () => slack.find({ method: "chat.postMessage", thread_ts: threadTs }).length > 1,
        "the expert's reply relayed to the asker",
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(slack.find({ method: "chat.postMessage", thread_ts: threadTs })).toHaveLength(2);

      // The click and the reply were handled by whichever replica their envelope reached.
      const handledBy = (status: string) =>
        sockets.findIndex((replica) =>
          replica.lines.some((line) => line.event === "escalation" && line.status === status),
        );
      console.info(
        `[replicas/socket] escalation opened on s${handledBy("open") + 1}, answered on s${handledBy("answered") + 1}`,
      );
      // The local Slack spreads envelopes round robin: the reply reached a replica that did not
      // open the request, and found it in PostgreSQL.
      expect(handledBy("open")).toBeGreaterThanOrEqual(0);
      expect(handledBy("answered")).not.toBe(handledBy("open"));
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      try {
        const rows = await db.query("SELECT team_id, status, expert FROM escalations");
        expect(rows.rows).toEqual([
          { team_id: slack.workspace.teamId, status: "answered", expert: experts },
        ]);
        // Each replica's event sink writes in its own batches, so s2's "answered" row may be
        // stored before s1's "open" one: the rows are compared as a set, not in id order.
        const events = await db.query(
          "SELECT team_id, record->>'status' AS status FROM bot_events WHERE kind = 'escalation' ORDER BY record->>'status' DESC",
        );
        expect(events.rows).toEqual([
          { team_id: slack.workspace.teamId, status: "open" },
          { team_id: slack.workspace.teamId, status: "answered" },
        ]);
      } finally {
        await db.end();
      }
    });

    it("reports the connection on /healthz", async () => {
      const response = await fetch(`${sockets[0]?.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ parts: { socket: "up", redis: "up" } });
    });
  });
});
