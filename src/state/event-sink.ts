import type { Pool } from "pg";
import type pino from "pino";
import type { AppLogger } from "../logger.js";

/** The log events kept in PostgreSQL for the per-workspace gaps report. */
export const STORED_EVENTS = new Set(["query", "feedback", "escalation"]);

/**
 * A log destination that passes every line on to `base` and hands each line to `listener`
 * once one is attached: the log stays the source of truth, and what reaches the database is the
 * very line that was logged.
 */
export interface LogTap extends pino.DestinationStream {
  attach(listener: (line: string) => void): void;
  flush(callback: (error?: Error) => void): void;
}

export function createLogTap(base: pino.DestinationStream): LogTap {
  let listener: ((line: string) => void) | undefined;
  return {
    write(line: string) {
      base.write(line);
      listener?.(line);
    },
    attach(next) {
      listener = next;
    },
    flush(callback) {
      const flushable = base as { flush?: (cb: (error?: Error) => void) => void };
      if (typeof flushable.flush === "function") flushable.flush(callback);
      else callback();
    },
  };
}

export interface EventSink {
  /** Takes one JSON log line; stores it when it is a query, feedback or escalation event. */
  offer(line: string): void;
  /** Resolves once every offered event has been written (or has failed). */
  drain(): Promise<void>;
}

/**
 * Writes query, feedback and escalation lines to `bot_events`, with their `team_id` and
 * `enterprise_id` as columns. A failed write is logged once per outage and never blocks an
 * answer: the line is still in the log.
 */
export function createEventSink(pool: Pool, logger: AppLogger): EventSink {
  const pending = new Set<Promise<void>>();
  let failing = false;
  return {
    offer(line) {
      // Cheap test first: most lines are not events worth keeping.
      if (!line.includes('"event":"')) return;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const kind = record.event;
      if (typeof kind !== "string" || !STORED_EVENTS.has(kind)) return;
      const at = typeof record.time === "string" ? record.time : new Date().toISOString();
      const text = (value: unknown) => (typeof value === "string" && value ? value : null);
      const write = pool
        .query(
          "INSERT INTO bot_events (at, team_id, enterprise_id, kind, record) VALUES ($1, $2, $3, $4, $5)",
          [at, text(record.team_id), text(record.enterprise_id), kind, record],
        )
        .then(
          () => {
            failing = false;
          },
          (error: unknown) => {
            if (failing) return;
            failing = true;
            logger.error(
              { event: "event_store_failed", err: error },
              "could not store a bot event in PostgreSQL; it is still in the log",
            );
          },
        );
      pending.add(write);
      void write.finally(() => pending.delete(write));
    },
    async drain() {
      await Promise.all([...pending]);
    },
  };
}
