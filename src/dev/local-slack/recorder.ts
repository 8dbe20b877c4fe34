/**
 * What the local Slack saw: every Web API call and response URL post (`calls`), every ack, and
 * the failures a test asked for (`failNext`). Tests query it with `find` and `waitFor`.
 */
import type { ServerResponse } from "node:http";
import { isDeepStrictEqual } from "node:util";
import { sendJson } from "./http.js";
import type { CallQuery, FailureSpec, JsonObject, RecordedAck, RecordedCall } from "./types.js";

interface Waiter {
  matches(call: RecordedCall): boolean;
  resolve(call: RecordedCall): void;
  reject(error: Error): void;
}

export function matchesQuery(query: CallQuery, call: RecordedCall): boolean {
  if (typeof query === "function") return query(call);
  for (const [key, expected] of Object.entries(query)) {
    if (key === "method") {
      const methods = Array.isArray(expected) ? expected : [expected];
      if (!methods.includes(call.method)) return false;
      continue;
    }
    const actual = call.args[key];
    if (typeof expected === "function") {
      if (!(expected as (value: unknown) => boolean)(actual)) return false;
    } else if (!isDeepStrictEqual(actual, expected)) {
      return false;
    }
  }
  return true;
}

export function describeCall(call: RecordedCall): string {
  const text = typeof call.args.text === "string" ? ` "${call.args.text.slice(0, 60)}"` : "";
  const error = call.response.ok === false ? ` → ${String(call.response.error)}` : "";
  return `#${call.seq} ${call.method}${text}${error}`;
}

export interface Recorder {
  readonly calls: RecordedCall[];
  readonly acks: RecordedAck[];
  record(call: Omit<RecordedCall, "seq" | "time" | "at">): RecordedCall;
  takeFailure(method: string): FailureSpec | undefined;
  answerFailure(res: ServerResponse, failure: FailureSpec): { status: number; body: JsonObject };
  failNext(method: string, failure?: FailureSpec): void;
  find(query: CallQuery): RecordedCall[];
  waitFor(query: CallQuery, timeoutMs?: number): Promise<RecordedCall>;
  onCall(listener: (call: RecordedCall) => void): () => void;
  reset(): void;
  /** Rejects every pending `waitFor` with `error`. */
  close(error: Error): void;
}

export function createRecorder(): Recorder {
  const calls: RecordedCall[] = [];
  const acks: RecordedAck[] = [];
  const failures = new Map<string, FailureSpec[]>();
  const waiters = new Set<Waiter>();
  const listeners = new Set<(call: RecordedCall) => void>();
  let seq = 0;

  function record(call: Omit<RecordedCall, "seq" | "time" | "at">): RecordedCall {
    seq += 1;
    const recorded: RecordedCall = { seq, time: Date.now(), at: performance.now(), ...call };
    calls.push(recorded);
    for (const waiter of [...waiters]) {
      if (waiter.matches(recorded)) {
        waiters.delete(waiter);
        waiter.resolve(recorded);
      }
    }
    for (const listener of listeners) listener(recorded);
    return recorded;
  }

  function takeFailure(method: string): FailureSpec | undefined {
    const queue = failures.get(method);
    const failure = queue?.[0];
    if (!queue || !failure) return undefined;
    const remaining = (failure.times ?? 1) - 1;
    if (remaining > 0) queue[0] = { ...failure, times: remaining };
    else queue.shift();
    return failure;
  }

  /** Answers an injected failure; returns the recorded status and body. */
  function answerFailure(
    res: ServerResponse,
    failure: FailureSpec,
  ): { status: number; body: JsonObject } {
    if (failure.retryAfter !== undefined || failure.error === "ratelimited") {
      const body = { ok: false, error: failure.error ?? "ratelimited" };
      sendJson(res, 429, body, { "retry-after": String(failure.retryAfter ?? 1) });
      return { status: 429, body };
    }
    if (failure.status !== undefined && failure.status !== 200) {
      const text = failure.error ?? "Internal Server Error";
      res.writeHead(failure.status, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
      return { status: failure.status, body: { ok: false, error: text } };
    }
    const body = { ok: false, error: failure.error ?? "internal_error" };
    sendJson(res, 200, body);
    return { status: 200, body };
  }

  return {
    calls,
    acks,
    record,
    takeFailure,
    answerFailure,
    failNext(method, failure = { error: "internal_error" }) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    find(query) {
      return calls.filter((call) => matchesQuery(query, call));
    },
    waitFor(query, timeoutMs = 3000) {
      const existing = calls.find((call) => matchesQuery(query, call));
      if (existing) return Promise.resolve(existing);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter: Waiter = {
          matches: (call) => matchesQuery(query, call),
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.slice(-10).map(describeCall).join("; ") || "no calls";
          reject(
            new Error(`local Slack: no matching call within ${timeoutMs} ms (last calls: ${seen})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      calls.length = 0;
      acks.length = 0;
      failures.clear();
    },
    close(error) {
      for (const waiter of waiters) waiter.reject(error);
      waiters.clear();
    },
  };
}
