import { describe, expect, it, vi } from "vitest";
import { createDedupe } from "../../../src/slack/dedupe.js";
import {
  createDeliveryDedupe,
  interactionDeliveryKey,
} from "../../../src/slack/transport/delivery-dedupe.js";
import { captureLogger } from "../listeners/fakes.js";

type Middleware = ReturnType<typeof createDeliveryDedupe>;
const run = (middleware: Middleware, body: unknown, next: () => Promise<void>) =>
  middleware({ body, context: {}, next } as unknown as Parameters<Middleware>[0]);

describe("interactionDeliveryKey", () => {
  it("keys commands and interactions by their trigger_id, and nothing without one", () => {
    expect(interactionDeliveryKey({ command: "/dm", trigger_id: "13.1" })).toBe("command:13.1");
    expect(interactionDeliveryKey({ type: "block_actions", trigger_id: "13.2" })).toBe(
      "block_actions:13.2",
    );
    expect(interactionDeliveryKey({ type: "block_actions" })).toBeUndefined();
    expect(interactionDeliveryKey({ type: "event_callback", trigger_id: "x" })).toBeUndefined();
  });
});

describe("createDeliveryDedupe with shared memory", () => {
  it("drops a redelivered interaction (same trigger_id) when asked to", async () => {
    const log = captureLogger();
    const middleware = createDeliveryDedupe(createDedupe({ ttlMs: 60_000, max: 10 }), log.logger, {
      interactions: true,
    });
    const next = vi.fn(async () => {});
    const click = {
      type: "block_actions",
      trigger_id: "13.9",
      team: { id: "T1" },
      api_app_id: "A1",
    };
    await run(middleware, click, next);
    await run(middleware, click, next);
    await run(middleware, { ...click, trigger_id: "13.10" }, next);
    expect(next).toHaveBeenCalledTimes(2);
    expect(log.events("duplicate_delivery")).toEqual([
      expect.objectContaining({ key: "block_actions:13.9" }),
    ]);
  });

  it("keys by app and workspace: the same event id from two workspaces is two deliveries", async () => {
    const seen: string[] = [];
    const memory = {
      async firstSeen(key: string) {
        if (seen.includes(key)) return false;
        seen.push(key);
        return true;
      },
    };
    const middleware = createDeliveryDedupe(memory, captureLogger().logger);
    const next = vi.fn(async () => {});
    const event = (team: string) => ({
      type: "event_callback",
      api_app_id: "A1",
      team_id: team,
      event_id: "Ev1",
      event: {},
    });
    await run(middleware, event("T1"), next);
    await run(middleware, event("T2"), next);
    await run(middleware, event("T1"), next);
    expect(next).toHaveBeenCalledTimes(2);
    expect(seen).toEqual(["A1:T1:Ev1", "A1:T2:Ev1"]);
  });
});
