import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal, unseal } from "../../src/state/token-seal.js";

const key = randomBytes(32);

describe("token sealing (AES-256-GCM)", () => {
  it("opens what it sealed, and the sealed bytes do not contain the token", () => {
    const sealed = seal(key, '{"token":"xoxb-123-secret"}', "T:T1");
    expect(sealed.includes(Buffer.from("xoxb-123-secret"))).toBe(false);
    expect(unseal(key, sealed, "T:T1")).toBe('{"token":"xoxb-123-secret"}');
  });

  it("uses a fresh IV: the same token sealed twice differs", () => {
    expect(seal(key, "xoxb-1", "T:T1").equals(seal(key, "xoxb-1", "T:T1"))).toBe(false);
  });

  it("refuses another key, another row, and altered bytes", () => {
    const sealed = seal(key, "xoxb-1", "T:T1");
    expect(() => unseal(randomBytes(32), sealed, "T:T1")).toThrow();
    expect(() => unseal(key, sealed, "T:T2")).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(() => unseal(key, altered, "T:T1")).toThrow();
    expect(() => unseal(key, Buffer.from("short"), "T:T1")).toThrow("not a sealed value");
  });
});
