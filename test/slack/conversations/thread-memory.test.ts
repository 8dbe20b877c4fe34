import { describe, expect, it } from "vitest";
import { createThreadMemory } from "../../../src/slack/conversations/thread-memory.js";

describe("thread memory", () => {
  it("recalls the last question answered in a thread, and nothing for other threads", () => {
    const threads = createThreadMemory({ ttlMs: 1000, max: 10 });
    threads.remember("C1", "1.1", "first");
    threads.remember("C1", "1.1", "second");
    expect(threads.recall("C1", "1.1")).toEqual({ question: "second" });
    expect(threads.recall("C1", "2.2")).toBeUndefined();
    expect(threads.recall("C2", "1.1")).toBeUndefined();
  });

  it("forgets a thread once the bot has been quiet in it past the TTL", () => {
    let now = 0;
    const threads = createThreadMemory({ ttlMs: 1000, max: 10, now: () => now });
    threads.remember("C1", "1.1", "q");
    now = 999;
    expect(threads.recall("C1", "1.1")).toBeDefined();
    threads.remember("C1", "1.1", "q again");
    now = 1998;
    expect(threads.recall("C1", "1.1")).toBeDefined();
    now = 1999;
    expect(threads.recall("C1", "1.1")).toBeUndefined();
    expect(threads.size).toBe(0);
  });

  it("holds at most max threads, dropping the one answered longest ago", () => {
    const threads = createThreadMemory({ ttlMs: 60_000, max: 2 });
    threads.remember("C1", "1", "a");
    threads.remember("C1", "2", "b");
    threads.remember("C1", "1", "a again");
    threads.remember("C1", "3", "c");
    expect(threads.size).toBe(2);
    expect(threads.recall("C1", "2")).toBeUndefined();
    expect(threads.recall("C1", "1")).toEqual({ question: "a again" });
  });

  it("refuses a memory that could hold nothing", () => {
    expect(() => createThreadMemory({ ttlMs: 0, max: 1 })).toThrow(RangeError);
    expect(() => createThreadMemory({ ttlMs: 1, max: 0 })).toThrow(RangeError);
  });
});
