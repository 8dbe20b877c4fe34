/**
 * The threads the bot has spoken in, and the question each was last answered for. A message in
 * a thread is read only when its thread is here, so the bot never reads a thread it is not in,
 * and an elliptical follow-up ("and for contractors?") can be read with the question before it.
 * In memory, bounded and time-limited: after a restart the bot waits to be mentioned again.
 */
export interface ThreadMemory {
  /** The bot answered (or shared an answer) in this thread, for `question` ("" if none). */
  remember(channel: string, threadTs: string, question: string): void;
  /** What the bot last answered in the thread; undefined for a thread it is not in. */
  recall(channel: string, threadTs: string): { question: string } | undefined;
  readonly size: number;
}

export interface ThreadMemoryOptions {
  /** How long after the bot's last reply a thread is still followed. */
  ttlMs: number;
  /** Most threads held; the one answered longest ago is forgotten first. */
  max: number;
  now?: () => number;
}

/** A day: long enough for a working conversation, short enough not to revive old threads. */
export const THREAD_TTL_MS = 24 * 60 * 60 * 1000;
export const THREAD_MAX = 10_000;

export function createThreadMemory({
  ttlMs,
  max,
  now = Date.now,
}: ThreadMemoryOptions): ThreadMemory {
  if (!(ttlMs > 0) || !(max > 0)) {
    throw new RangeError("createThreadMemory needs ttlMs > 0 and max > 0");
  }
  // Re-inserted on every reply, so the Map's order is the order of last replies: expiry and
  // eviction both take from the front.
  const threads = new Map<string, { question: string; at: number }>();
  const key = (channel: string, threadTs: string) => `${channel}/${threadTs}`;
  const evictExpired = (at: number) => {
    for (const [k, entry] of threads) {
      if (at - entry.at < ttlMs) break;
      threads.delete(k);
    }
  };
  return {
    remember(channel, threadTs, question) {
      const at = now();
      evictExpired(at);
      const k = key(channel, threadTs);
      threads.delete(k);
      threads.set(k, { question, at });
      while (threads.size > max) {
        const oldest = threads.keys().next();
        if (oldest.done) break;
        threads.delete(oldest.value);
      }
    },
    recall(channel, threadTs) {
      evictExpired(now());
      const entry = threads.get(key(channel, threadTs));
      return entry === undefined ? undefined : { question: entry.question };
    },
    get size() {
      return threads.size;
    },
  };
}
