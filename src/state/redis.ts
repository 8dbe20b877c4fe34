import { Redis } from "ioredis";
import type { AppLogger } from "../logger.js";

/**
 * The Redis connection replicas share. Commands fail at once while it is down (no offline queue,
 * one try per command), so a caller falls back to its in-process behaviour instead of waiting;
 * the client keeps reconnecting in the background.
 */
export interface SharedRedis {
  readonly client: Redis;
  /** Whether the connection is ready right now. */
  isUp(): boolean;
  /** PING with a short timeout: what /healthz asks. */
  ping(): Promise<boolean>;
  /** Runs `command`; on failure logs once per outage and returns `fallback()`. */
  attempt<T>(what: string, command: (client: Redis) => Promise<T>, fallback: () => T): Promise<T>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 2000;
// Generous: past it a dedupe falls back to this replica's memory, and a retry may be answered twice.
const COMMAND_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 2000;

export function connectRedis(url: string, logger: AppLogger): SharedRedis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
  });
  let up = false;
  let outageLogged = false;
  client.on("ready", () => {
    up = true;
    if (outageLogged) logger.info({ event: "redis_up" }, "Redis is reachable again");
    outageLogged = false;
  });
  const markDown = (error?: unknown) => {
    up = false;
    if (outageLogged) return;
    outageLogged = true;
    logger.error(
      { event: "redis_down", err: error },
      "Redis is unreachable; answering with in-process state until it is back",
    );
  };
  client.on("error", (error) => markDown(error));
  client.on("close", () => {
    if (up) markDown();
  });

  return {
    client,
    isUp: () => up,
    async ping() {
      if (!up) return false;
      try {
        return (await client.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    async attempt(what, command, fallback) {
      try {
        return await command(client);
      } catch (error) {
        if (!outageLogged)
          logger.warn(
            { event: "redis_failed", what, err: error },
            "a Redis command failed; falling back",
          );
        return fallback();
      }
    },
    async close() {
      client.removeAllListeners("error");
      client.on("error", () => {
        // Closing: a late connection error has no one left to tell.
      });
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/** Resolves when Redis is ready or after `timeoutMs`: a replica starts even with Redis down. */
export function waitForRedis(redis: SharedRedis, timeoutMs: number): Promise<boolean> {
  if (redis.isUp()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.client.off("ready", onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.client.once("ready", onReady);
  });
}
