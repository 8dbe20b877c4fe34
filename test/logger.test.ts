import { LogLevel } from "@slack/logger";
import { describe, expect, it } from "vitest";
import { createBoltLogger, createLogger, scrubSecrets } from "../src/logger.js";
import { captureLogStream } from "./helpers.js";

const BOT_TOKEN = "xoxb-1234-5678-abcdefABCDEF";
const APP_TOKEN = "xapp-1-A0123-456-deadbeef";

describe("scrubSecrets", () => {
  it("removes token-shaped text and leaves the rest", () => {
    expect(scrubSecrets(`token=${BOT_TOKEN}&app=${APP_TOKEN} ok`)).toBe(
      "token=xoxb-[REDACTED]&app=xapp-[REDACTED] ok",
    );
    expect(scrubSecrets("xoxp-1-2 xoxa-2-3 xoxr-9 xoxs-8")).not.toMatch(/\d/);
    expect(scrubSecrets("a plain sentence about xox and xapp")).toBe(
      "a plain sentence about xox and xapp",
    );
  });
});

describe("createLogger", () => {
  it("writes JSON lines at the configured level", () => {
    const { stream, lines } = captureLogStream();
    const logger = createLogger({ level: "info", destination: stream });
    logger.debug("hidden");
    logger.info({ event: "query", answered: true }, "question answered");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      event: "query",
      answered: true,
      msg: "question answered",
    });
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("redacts secret fields and token-shaped text in messages, objects and errors", () => {
    const { stream, raw, lines } = captureLogStream();
    const logger = createLogger({ level: "debug", destination: stream });
    logger.info(
      { config: { botToken: BOT_TOKEN, appToken: APP_TOKEN, signingSecret: "shh-secret" } },
      "config",
    );
    logger.info(
      { token: BOT_TOKEN, nested: { deeper: { body: `token=${BOT_TOKEN}` } } },
      "request",
    );
    logger.warn(`calling with ${BOT_TOKEN}`);
    logger.error({ err: new Error(`invalid_auth for ${APP_TOKEN}`) }, "failed");
    logger.error({ error: new Error(`also ${BOT_TOKEN}`) }, "failed too");
    const all = raw.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain("shh-secret");
    expect(lines[0]).toMatchObject({
      config: { botToken: "[REDACTED]", appToken: "[REDACTED]", signingSecret: "[REDACTED]" },
    });
    expect(lines[1]).toMatchObject({
      token: "[REDACTED]",
      nested: { deeper: { body: "token=xoxb-[REDACTED]" } },
    });
    expect(lines[2]?.msg).toBe("calling with xoxb-[REDACTED]");
    expect(lines[3]).toMatchObject({
      err: { type: "Error", message: "invalid_auth for xapp-[REDACTED]" },
    });
    expect(lines[4]).toMatchObject({ error: { message: "also xoxb-[REDACTED]" } });
  });
});

describe("createBoltLogger", () => {
  it("routes Bolt's variadic logging into pino lines, scrubbed", () => {
    const { stream, lines, raw } = captureLogStream();
    const bolt = createBoltLogger(createLogger({ level: "debug", destination: stream }));
    bolt.debug("http request body", { token: BOT_TOKEN, channel: "C1" });
    bolt.info("Now connected to Slack");
    bolt.error("Slack API error:", new Error("channel_not_found"));
    expect(raw.join("\n")).not.toContain(BOT_TOKEN);
    expect(lines.map((line) => [line.level, line.name])).toEqual([
      ["debug", "bolt"],
      ["info", "bolt"],
      ["error", "bolt"],
    ]);
    expect(lines[0]?.msg).toContain("channel: 'C1'");
    expect(lines[1]?.msg).toBe("Now connected to Slack");
    expect(lines[2]).toMatchObject({
      msg: "Slack API error:",
      err: { message: "channel_not_found" },
    });
  });

  it("has a level of its own that Bolt may change without touching the app logger", () => {
    const { stream, lines } = captureLogStream();
    const app = createLogger({ level: "debug", destination: stream });
    const bolt = createBoltLogger(app);
    expect(bolt.getLevel()).toBe(LogLevel.DEBUG);
    bolt.setLevel(LogLevel.WARN);
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    bolt.info("dropped");
    bolt.warn("kept");
    app.debug("app still at debug");
    expect(lines.map((line) => line.msg)).toEqual(["kept", "app still at debug"]);
  });

  it("maps pino's extra levels onto Bolt's four", () => {
    const { stream } = captureLogStream();
    expect(createBoltLogger(createLogger({ level: "trace", destination: stream })).getLevel()).toBe(
      LogLevel.DEBUG,
    );
    expect(createBoltLogger(createLogger({ level: "fatal", destination: stream })).getLevel()).toBe(
      LogLevel.ERROR,
    );
  });

  it("renames itself when Bolt asks", () => {
    const { stream, lines } = captureLogStream();
    const bolt = createBoltLogger(createLogger({ level: "info", destination: stream }));
    bolt.setName("socket-mode");
    bolt.info("hello");
    expect(lines[0]?.name).toBe("socket-mode");
  });
});
