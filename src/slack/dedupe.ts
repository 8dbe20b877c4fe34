/**
 * A bounded, time-limited memory of delivery keys, so an event Slack delivers again
 * (a retry after a slow acknowledgement, or a Socket Mode reconnect) is answered once.
 */
export interface Dedupe {
  /**
   * Records `key` and returns true the first time it is seen within the TTL;
   * returns false for a repeat.
   */
  firstSeen(key: string): boolean;
  readonly size: number;
}

export interface DedupeOptions {
  /** How long a key is remembered. Slack retries within minutes; 10 minutes is plenty. */
  ttlMs: number;
  /** Most keys held; the oldest is forgotten first. */
  max: number;
  now?: () => number;
}

export function createDedupe({ ttlMs, max, now = Date.now }: DedupeOptions): Dedupe {
  if (!(ttlMs > 0) || !(max > 0)) throw new RangeError("createDedupe needs ttlMs > 0 and max > 0");
  // Map keeps insertion order, and keys are only ever inserted at "now", so the first
  // entry is always the oldest: expiry and eviction both take from the front.
  const seenAt = new Map<string, number>();
  const evictExpired = (at: number) => {
    for (const [key, time] of seenAt) {
      if (at - time < ttlMs) break;
      seenAt.delete(key);
    }
  };
  return {
    firstSeen(key) {
      const at = now();
      evictExpired(at);
      if (seenAt.has(key)) return false;
      seenAt.set(key, at);
      while (seenAt.size > max) {
        const oldest = seenAt.keys().next();
        if (oldest.done) break;
        seenAt.delete(oldest.value);
      }
      return true;
    },
    get size() {
      return seenAt.size;
    },
  };
}
