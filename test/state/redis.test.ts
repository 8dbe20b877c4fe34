import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createDedupe } from "../../src/slack/dedupe.js";
import { connectRedis, type SharedRedis, waitForRedis } from "../../src/state/redis.js";
import { createSharedDedupe } from "../../src/state/shared-dedupe.js";
import { createRedisThrottle } from "../../src/state/throttle.js";
import { captureLogger, waitFor } from "../helpers.js";
import { describeWithServices, TEST_REDIS_URL } from "./services.js";

const local = () => createDedupe({ ttlMs: 60_000, max: 100 });
const opened: SharedRedis[] = [];
afterAll(async () => {
  await Promise.all(opened.map((redis) => redis.close()));
});

function connect(url: string) {
  const log = captureLogger();
  const redis = connectRedis(url, log.logger);
  opened.push(redis);
  return { redis, ...log };
}

/** A loopback port with nothing listening: a Redis that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describeWithServices("Redis shared state", ["redis"], () => {
  const url = TEST_REDIS_URL ?? "";

  it("lets a delivery through once across replicas, each with its own connection", async () => {
    const replicas = [connect(url), connect(url), connect(url)];
    await Promise.all(replicas.map(({ redis }) => waitForRedis(redis, 2000)));
    const dedupes = replicas.map(({ redis }) => createSharedDedupe(redis, local(), 60_000));
    const key = `A1:T1:Ev${randomBytes(4).toString("hex")}`;
    const seen = await Promise.all(dedupes.map((dedupe) => dedupe.firstSeen(key)));
    expect(seen.filter(Boolean)).toHaveLength(1);
    expect(await dedupes[0]?.firstSeen(`${key}-other`)).toBe(true);
  });

  it("forgets a delivery after its TTL", async () => {
    const { redis } = connect(url);
    await waitForRedis(redis, 2000);
    const dedupe = createSharedDedupe(redis, createDedupe({ ttlMs: 1, max: 10 }), 50);
    const key = `ttl-${randomBytes(4).toString("hex")}`;
    expect(await dedupe.firstSeen(key)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await dedupe.firstSeen(key)).toBe(true);
  });

  it("throttles owner notices across replicas, per key", async () => {
    const a = connect(url);
    const b = connect(url);
    await Promise.all([waitForRedis(a.redis, 2000), waitForRedis(b.redis, 2000)]);
    const key = `U1:doc#${randomBytes(4).toString("hex")}`;
    expect(await createRedisThrottle(a.redis, 60_000).allow(key)).toBe(true);
    expect(await createRedisThrottle(b.redis, 60_000).allow(key)).toBe(false);
    expect(await createRedisThrottle(b.redis, 60_000).allow(`${key}2`)).toBe(true);
  });
});

describe("Redis unreachable", () => {
  it("logs the outage once, pings down, and falls back to in-process memory", async () => {
    const { redis, events } = connect(`redis://127.0.0.1:${await deadPort()}`);
    expect(await waitForRedis(redis, 300)).toBe(false);
    expect(await redis.ping()).toBe(false);
    const dedupe = createSharedDedupe(redis, local(), 60_000);
    expect(await dedupe.firstSeen("Ev1")).toBe(true);
    expect(await dedupe.firstSeen("Ev1")).toBe(false);
    expect(await createRedisThrottle(redis, 60_000).allow("U1:x")).toBe(true);
    await waitFor(() => events("redis_down").length > 0, "the outage logged");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events("redis_down")).toHaveLength(1);
  });
});
