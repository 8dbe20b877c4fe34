import { describe, expect, it, vi } from "vitest";
import { createDedupe } from "../../../src/slack/dedupe.js";
import {
  createDeliveryDedupe,
  eventDeliveryKey,
} from "../../../src/slack/transport/delivery-dedupe.js";
import { captureLogger } from "../listeners/fakes.js";

const eventBody = (extra: Record<string, unknown> = {}) => ({
  type: "event_callback",
  event_id: "Ev0001",
  event: { type: "message", channel: "D0ASKER01", ts: "1700000000.000100" },
  ...extra,
});

describe("eventDeliveryKey", () => {
  it("uses the event_id, else the event's conversation and timestamp", () => {
    expect(eventDeliveryKey(eventBody())).toBe("Ev0001");
    expect(eventDeliveryKey(eventBody({ event_id: undefined }))).toBe(
      "message:D0ASKER01:1700000000.000100",
    );
  });

  it("has no key for commands and interactions, which Slack does not redeliver", () => {
    expect(eventDeliveryKey({ command: "/dm", text: "x" })).toBeUndefined();
    expect(eventDeliveryKey({ type: "block_actions", actions: [] })).toBeUndefined();
    expect(eventDeliveryKey(undefined)).toBeUndefined();
  });
});

describe("createDeliveryDedupe", () => {
  it("passes an event on once and drops its redelivery with a log line", async () => {
    const log = captureLogger();
    const middleware = createDeliveryDedupe(createDedupe({ ttlMs: 60_000, max: 10 }), log.logger);
    const next = vi.fn(async () => {});
    const run = (context: Record<string, unknown>) =>
      middleware({ body: eventBody(), context, next } as unknown as Parameters<
        typeof middleware
      >[0]);
    await run({});
    await run({ retryNum: 1, retryReason: "http_timeout" });
    expect(next).toHaveBeenCalledTimes(1);
    expect(log.events("duplicate_delivery")).toEqual([
      expect.objectContaining({ key: "Ev0001", retryNum: 1, retryReason: "http_timeout" }),
    ]);
  });

  it("always passes commands and actions on", async () => {
    const log = captureLogger();
    const middleware = createDeliveryDedupe(createDedupe({ ttlMs: 60_000, max: 10 }), log.logger);
    const next = vi.fn(async () => {});
    const body = { command: "/dm", text: "retro" };
    for (let i = 0; i < 2; i += 1) {
      await middleware({ body, context: {}, next } as unknown as Parameters<typeof middleware>[0]);
    }
    expect(next).toHaveBeenCalledTimes(2);
  });
});
