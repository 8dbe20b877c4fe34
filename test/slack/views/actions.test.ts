import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ActionId,
  actionIdPattern,
  decodeActionValue,
  decodePageValue,
  encodeActionValue,
  encodePageValue,
  indexedActionId,
  readActionValue,
} from "../../../src/slack/views/actions.js";
import { SlackLimits } from "../../../src/slack/views/limits.js";
import { isWellFormed } from "./builders.js";

describe("encodeActionValue / decodeActionValue", () => {
  it("round-trips a section id and query", () => {
    const value = { sectionId: "rituals/retro.md#running-it", query: "how do I run a retro?" };
    expect(decodeActionValue(encodeActionValue(value))).toEqual(value);
  });

  it("round-trips a section picked from suggestions, and reads older values as not picked", () => {
    const picked = {
      sectionId: "rituals/retro.md",
      query: "how do I bake sourdough",
      picked: true,
    };
    expect(decodeActionValue(encodeActionValue(picked))).toEqual(picked);
    const plain = { sectionId: "rituals/retro.md", query: "retro" };
    expect(decodeActionValue(encodeActionValue({ ...plain, picked: false }))).toEqual(plain);
    expect(decodeActionValue(JSON.stringify({ s: "rituals/retro.md", q: "retro" }))).toEqual(plain);
  });

  it("round-trips any id and query that fit, and shortens a long query to fit 2000", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string({ unit: "binary", maxLength: 5000 }),
        (sectionId, query) => {
          const encoded = encodeActionValue({ sectionId, query });
          expect(encoded.length).toBeLessThanOrEqual(SlackLimits.buttonValue);
          const decoded = decodeActionValue(encoded);
          expect(decoded?.sectionId).toBe(sectionId);
          expect(query.startsWith(decoded?.query ?? "∅")).toBe(true);
          if (JSON.stringify({ s: sectionId, q: query }).length <= SlackLimits.buttonValue) {
            expect(decoded?.query).toBe(query);
          }
        },
      ),
    );
  });

  it("keeps surrogate pairs whole when it shortens the query", () => {
    const decoded = decodeActionValue(
      encodeActionValue({ sectionId: "a.md", query: "😀".repeat(3000) }),
    );
    expect(decoded?.query.length).toBeGreaterThan(0);
    expect(isWellFormed(decoded?.query ?? "")).toBe(true);
  });

  it("throws on a section id that cannot fit", () => {
    expect(() => encodeActionValue({ sectionId: "x".repeat(3000), query: "" })).toThrow(RangeError);
  });

  it.each([
    undefined,
    null,
    42,
    "",
    "not json",
    "{",
    "[]",
    "null",
    '"a string"',
    '{"q":"no id"}',
    '{"s":""}',
    '{"s":1}',
    '{"s":"a.md","q":5}',
  ])("returns undefined for %j", (garbage) => {
    expect(decodeActionValue(garbage)).toBeUndefined();
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), (v) => {
        const decoded = decodeActionValue(v);
        if (decoded) expect(typeof decoded.sectionId).toBe("string");
      }),
    );
  });
});

describe("page values", () => {
  it("round-trips page numbers and rejects garbage", () => {
    expect(decodePageValue(encodePageValue(7))).toBe(7);
    for (const bad of ["-1", "1.5", "abc", "", undefined, "9999999"]) {
      expect(decodePageValue(bad)).toBeUndefined();
    }
  });
});

describe("action ids", () => {
  it("are unique, within Slack's length, and matched with or without a suffix", () => {
    const ids = Object.values(ActionId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(SlackLimits.actionId);
      const pattern = actionIdPattern(id);
      expect(pattern.test(indexedActionId(id, 0))).toBe(true);
      expect(pattern.test(indexedActionId(id, 12))).toBe(true);
      for (const other of ids.filter((o) => o !== id)) {
        expect(pattern.test(other)).toBe(false);
        expect(pattern.test(indexedActionId(other, 3))).toBe(false);
      }
    }
  });

  it("reads the value of a button, a select or an input", () => {
    expect(readActionValue({ value: "a" })).toBe("a");
    expect(readActionValue({ selected_option: { value: "b" } })).toBe("b");
    expect(readActionValue({})).toBeUndefined();
  });
});
