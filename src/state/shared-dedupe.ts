import type { Dedupe } from "../slack/dedupe.js";
import type { DeliveryMemory } from "../slack/shared.js";
import type { SharedRedis } from "./redis.js";

/**
 * Remembers deliveries in Redis with `SET key 1 NX PX ttl`, so a retry that reaches another
 * replica (HTTP behind a load balancer, or another Socket Mode connection) is still seen as a
 * repeat. When Redis fails, this replica's own memory decides: a retry may then be answered
 * twice, which beats not answering.
 */
export function createSharedDedupe(
  redis: SharedRedis,
  local: Dedupe,
  ttlMs: number,
  prefix = "handbook:delivery:",
): DeliveryMemory {
  return {
    async firstSeen(key) {
      // Recorded locally too, so a fallback during an outage still knows recent deliveries.
      const locallyFirst = local.firstSeen(key);
      return redis.attempt(
        "dedupe",
        async (client) => (await client.set(`${prefix}${key}`, "1", "PX", ttlMs, "NX")) === "OK",
        () => locallyFirst,
      );
    },
  };
}
