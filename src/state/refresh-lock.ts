import { randomUUID } from "node:crypto";
import type { InstallationQuery, InstallationStore } from "@slack/bolt";
import type { AppLogger } from "../logger.js";
import type { SharedRedis } from "./redis.js";

/** @slack/oauth refreshes a rotating token that expires within two hours. */
const REFRESH_WINDOW_SEC = 2 * 60 * 60;
const LOCK_TTL_MS = 15_000;
const WAIT_STEP_MS = 50;
const MAX_WAIT_MS = 10_000;
const RELEASE =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

type InstallerAuthorize<R> = (source: InstallationQuery<boolean>) => Promise<R>;

function keyOf(query: InstallationQuery<boolean>): string {
  return query.isEnterpriseInstall ? `E:${query.enterpriseId}` : `T:${query.teamId}`;
}

/**
 * With token rotation, the installer refreshes an expiring token inside `authorize` and stores
 * the new pair. Two replicas doing it at once would each spend the refresh token, and one would
 * store a pair Slack has already replaced. This wraps `authorize` so that, while a workspace's
 * token needs refreshing, one replica at a time runs it (a Redis lock per installation); the
 * others wait, then find the refreshed token stored and use it. Tokens not due go straight through.
 * When Redis is down, each replica refreshes on its own, as without the lock.
 */
export function withRefreshLock<R>(
  authorize: InstallerAuthorize<R>,
  store: InstallationStore,
  redis: SharedRedis,
  logger: AppLogger,
  now: () => number = Date.now,
): InstallerAuthorize<R> {
  const dueForRefresh = async (query: InstallationQuery<boolean>): Promise<boolean> => {
    try {
      const bot = (await store.fetchInstallation(query)).bot;
      return (
        bot?.refreshToken !== undefined &&
        bot.expiresAt !== undefined &&
        bot.expiresAt - now() / 1000 < REFRESH_WINDOW_SEC
      );
    } catch {
      // Not installed, or unreadable: authorize says so with its own error.
      return false;
    }
  };
  return async (source) => {
    if (!(await dueForRefresh(source))) return authorize(source);
    const lock = `handbook:lock:refresh:${keyOf(source)}`;
    const holder = randomUUID();
    const deadline = now() + MAX_WAIT_MS;
    for (;;) {
      const acquired = await redis.attempt(
        "refresh lock",
        async (client) => (await client.set(lock, holder, "PX", LOCK_TTL_MS, "NX")) === "OK",
        () => true,
      );
      if (acquired) {
        try {
          return await authorize(source);
        } finally {
          await redis.attempt(
            "refresh unlock",
            (client) => client.eval(RELEASE, 1, lock, holder),
            () => 0,
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
      // Another replica refreshed it meanwhile: the stored token is fresh, no refresh needed.
      if (!(await dueForRefresh(source))) return authorize(source);
      if (now() > deadline) {
        logger.warn(
          { event: "refresh_lock_timeout", installation: keyOf(source) },
          "waited too long for another replica's token refresh; refreshing here",
        );
        return authorize(source);
      }
    }
  };
}
