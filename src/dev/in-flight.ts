import type { App } from "@slack/bolt";

/** Knows when the bot has finished handling everything it was sent. */
export interface InFlight {
  readonly count: number;
  /** Resolves once no request is being handled (at once when none is). */
  idle(): Promise<void>;
}

/**
 * Counts requests between Bolt's global middleware and the end of their listeners: a global
 * middleware's `await next()` returns only once every listener has finished. Register it
 * last, so requests dropped by earlier middleware (duplicates) are never counted.
 */
export function trackInFlight(app: App): InFlight {
  let count = 0;
  const waiters = new Set<() => void>();
  app.use(async ({ next }) => {
    count += 1;
    try {
      await next();
    } finally {
      count -= 1;
      if (count === 0) {
        for (const notify of [...waiters]) notify();
        waiters.clear();
      }
    }
  });
  return {
    get count() {
      return count;
    },
    idle() {
      if (count === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.add(resolve));
    },
  };
}
