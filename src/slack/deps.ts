import type { KnowledgeSource } from "../knowledge/types.js";
import type { AppLogger } from "../logger.js";
import type { Throttle } from "../state/throttle.js";
import type { Dedupe } from "./dedupe.js";

/** What every listener is given; nothing is read from module state. */
export interface ListenerDeps {
  logger: AppLogger;
  /** Read with `current()` on every request, so a reload is picked up at once. */
  knowledge: KnowledgeSource;
  /** Remembers handled event deliveries, so a retried one is not answered twice. */
  dedupe: Dedupe;
  docsBaseUrl?: string;
  /** Shared throttle on "not helpful" notices to owners (with Redis); none by default. */
  ownerNotices?: Throttle;
  /** Monotonic clock in ms for the `ms` of query log lines; `performance.now` by default. */
  clock?: () => number;
}
