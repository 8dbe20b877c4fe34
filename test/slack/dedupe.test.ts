import { describe, expect, it } from "vitest";
import { createDedupe } from "../../src/slack/dedupe.js";

describe("createDedupe", () => {
  it("lets a key through once within the TTL", () => {
    let now = 0;
    const dedupe = createDedupe({ ttlMs: 1000, max: 10, now: () => now });
    expect(dedupe.firstSeen("Ev1")).toBe(true);
    now = 999;
    expect(dedupe.firstSeen("Ev1")).toBe(false);
    expect(dedupe.firstSeen("Ev2")).toBe(true);
  });

  it("forgets a key once its TTL has passed", () => {
    let now = 0;
    const dedupe = createDedupe({ ttlMs: 1000, max: 10, now: () => now });
    dedupe.firstSeen("Ev1");
    now = 1000;
    expect(dedupe.firstSeen("Ev1")).toBe(true);
    expect(dedupe.size).toBe(1);
  });

  it("holds at most `max` keys, forgetting the oldest first", () => {
    const dedupe = createDedupe({ ttlMs: 60_000, max: 3, now: () => 0 });
    for (const key of ["a", "b", "c", "d"]) expect(dedupe.firstSeen(key)).toBe(true);
    expect(dedupe.size).toBe(3);
    expect(dedupe.firstSeen("a")).toBe(true);
    expect(dedupe.firstSeen("d")).toBe(false);
  });

  it("keeps separate instances separate", () => {
    const one = createDedupe({ ttlMs: 1000, max: 10 });
    const two = createDedupe({ ttlMs: 1000, max: 10 });
    one.firstSeen("Ev1");
    expect(two.firstSeen("Ev1")).toBe(true);
  });

  it("rejects a cache that could not hold anything", () => {
    expect(() => createDedupe({ ttlMs: 0, max: 10 })).toThrow(RangeError);
    expect(() => createDedupe({ ttlMs: 10, max: 0 })).toThrow(RangeError);
  });
});
