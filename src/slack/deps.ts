import type { KnowledgeSource } from "../knowledge/types.js";
import type { AppLogger } from "../logger.js";
import type { ChannelModes } from "./conversations/channel-modes.js";
import type { EscalationStore } from "./conversations/escalations.js";
import type { ThreadMemory } from "./conversations/thread-memory.js";
import type { Dedupe } from "./dedupe.js";

/** What every listener is given; nothing is read from module state. */
export interface ListenerDeps {
  logger: AppLogger;
  /** Read with `current()` on every request, so a reload is picked up at once. */
  knowledge: KnowledgeSource;
  /** Remembers handled event deliveries, so a retried one is not answered twice. */
  dedupe: Dedupe;
  docsBaseUrl?: string;
  /** Threads the bot has answered in: the only threads whose messages it reads. */
  threads: ThreadMemory;
  /** Open requests to a human expert ("Ask an expert"). */
  escalations: EscalationStore;
  /** Where "Ask an expert" goes when the document names no owner (ESCALATION_CHANNEL). */
  escalationChannel?: string;
  /** Which channels answer top-level questions automatically (`/dm settings`). */
  channelModes: ChannelModes;
  /** Monotonic clock in ms for the `ms` of query log lines; `performance.now` by default. */
  clock?: () => number;
}
