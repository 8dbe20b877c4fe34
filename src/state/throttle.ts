import type { Throttle } from "../slack/shared.js";
import type { SharedRedis } from "./redis.js";

/**
 * A throttle replicas share: the first `SET NX PX window` wins. When Redis fails the action is
 * allowed: a second notice beats a lost one.
 */
export function createRedisThrottle(
  redis: SharedRedis,
  windowMs: number,
  prefix = "handbook:throttle:",
): Throttle {
  return {
    allow: (key) =>
      redis.attempt(
        "throttle",
        async (client) => (await client.set(`${prefix}${key}`, "1", "PX", windowMs, "NX")) === "OK",
        () => true,
      ),
  };
}
