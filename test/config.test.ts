import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigError,
  loadConfig,
  loadContentLimits,
  loadDotEnv,
  loadLocalSettings,
} from "../src/config.js";

const socketEnv = { SLACK_BOT_TOKEN: "xoxb-1-abc", SLACK_APP_TOKEN: "xapp-1-def" };
const httpEnv = {
  SLACK_MODE: "http",
  SLACK_BOT_TOKEN: "xoxb-1-abc",
  SLACK_SIGNING_SECRET: "s3cr3t",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error("loadConfig accepted an invalid environment");
}

describe("loadConfig", () => {
  it("applies defaults in Socket Mode", () => {
    expect(loadConfig(socketEnv)).toEqual({
      mode: "socket",
      botToken: "xoxb-1-abc",
      appToken: "xapp-1-def",
      port: 3000,
      host: "0.0.0.0",
      contentDir: "./content",
      maxFileBytes: 2 * 1024 * 1024,
      cacheDir: "node_modules/.cache/handbook-bot",
      logLevel: "info",
      slashCommand: "/dm",
      dataDir: "./data",
      serveDrafts: false,
    });
  });

  it("reads every variable in HTTP mode", () => {
    const config = loadConfig({
      ...httpEnv,
      PORT: "0",
      HOST: "127.0.0.1",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
      CONTENT_DIR: "/srv/handbook",
      MAX_FILE_BYTES: "500000",
      CACHE_DIR: "/var/cache/handbook-bot",
      DOCS_BASE_URL: "https://handbook.example.org/docs/",
      LOG_LEVEL: "DEBUG",
      SLASH_COMMAND: "/handbook",
      DATA_DIR: "/var/lib/handbook",
      ESCALATION_CHANNEL: "G0EXPERTS",
      SERVE_DRAFTS: "true",
    });
    expect(config).toEqual({
      mode: "http",
      botToken: "xoxb-1-abc",
      signingSecret: "s3cr3t",
      port: 0,
      host: "127.0.0.1",
      slackApiUrl: "http://127.0.0.1:9999/api/",
      contentDir: "/srv/handbook",
      maxFileBytes: 500000,
      cacheDir: "/var/cache/handbook-bot",
      docsBaseUrl: "https://handbook.example.org/docs/",
      logLevel: "debug",
      slashCommand: "/handbook",
      dataDir: "/var/lib/handbook",
      escalationChannel: "G0EXPERTS",
      serveDrafts: true,
    });
  });

  it("names every missing variable at once", () => {
    expect(problemsOf({})).toEqual(["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]);
    expect(problemsOf({ SLACK_MODE: "http" })).toEqual(["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]);
  });

  it("treats blank values as missing", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "  ", SLACK_APP_TOKEN: "" })).toEqual([
      "SLACK_BOT_TOKEN",
      "SLACK_APP_TOKEN",
    ]);
  });

  it("requires only the token the mode uses", () => {
    expect(loadConfig(socketEnv).mode).toBe("socket");
    expect(loadConfig(httpEnv).mode).toBe("http");
    expect(
      problemsOf({ SLACK_MODE: "http", SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }),
    ).toEqual(["SLACK_SIGNING_SECRET"]);
  });

  it("rejects invalid values, each by name", () => {
    expect(
      problemsOf({
        SLACK_MODE: "webhook",
        SLACK_BOT_TOKEN: "xoxp-user-token",
        PORT: "80a",
        SLACK_API_URL: "slack.com/api",
        MAX_FILE_BYTES: "2MB",
        DOCS_BASE_URL: "/docs",
        LOG_LEVEL: "verbose",
      }),
    ).toEqual([
      "SLACK_MODE",
      "SLACK_BOT_TOKEN",
      "PORT",
      "SLACK_API_URL",
      "MAX_FILE_BYTES",
      "DOCS_BASE_URL",
      "LOG_LEVEL",
    ]);
    expect(problemsOf({ ...socketEnv, MAX_FILE_BYTES: "0" })).toEqual(["MAX_FILE_BYTES"]);
    expect(problemsOf({ ...socketEnv, MAX_FILE_BYTES: "-5" })).toEqual(["MAX_FILE_BYTES"]);
    expect(problemsOf({ ...socketEnv, SLACK_APP_TOKEN: "xoxb-not-an-app-token" })).toEqual([
      "SLACK_APP_TOKEN",
    ]);
    expect(problemsOf({ ...socketEnv, PORT: "65536" })).toEqual(["PORT"]);
    expect(problemsOf({ ...socketEnv, PORT: "-1" })).toEqual(["PORT"]);
    expect(problemsOf({ ...socketEnv, SERVE_DRAFTS: "maybe" })).toEqual(["SERVE_DRAFTS"]);
  });

  it("takes ESCALATION_CHANNEL as a channel id, and refuses a channel name", () => {
    expect(loadConfig({ ...socketEnv, ESCALATION_CHANNEL: "C0EXPERTS" }).escalationChannel).toBe(
      "C0EXPERTS",
    );
    expect(loadConfig(socketEnv).escalationChannel).toBeUndefined();
    expect(problemsOf({ ...socketEnv, ESCALATION_CHANNEL: "#experts" })).toEqual([
      "ESCALATION_CHANNEL",
    ]);
  });

  it("keeps the parse cache out of the content folder", () => {
    const content = { ...socketEnv, CONTENT_DIR: "/srv/handbook" };
    expect(problemsOf({ ...content, CACHE_DIR: "/srv/handbook/.cache" })).toEqual(["CACHE_DIR"]);
    expect(problemsOf({ ...content, CACHE_DIR: "/srv/handbook" })).toEqual(["CACHE_DIR"]);
    expect(loadConfig({ ...content, CACHE_DIR: "/srv/handbook-cache" }).cacheDir).toBe(
      "/srv/handbook-cache",
    );
    expect(problemsOf({ ...socketEnv, CACHE_DIR: "content/.cache" })).toEqual(["CACHE_DIR"]);
  });

  it("says what is wrong in the error message", () => {
    expect(() => loadConfig({ SLACK_MODE: "http" })).toThrow(
      /SLACK_BOT_TOKEN: missing[\s\S]*SLACK_SIGNING_SECRET: missing/,
    );
  });

  it.each([
    ["dm", "must start with /"],
    ["/", "must name a command"],
    ["/Handbook", "must be lowercase"],
    ["/ask handbook", "must not contain spaces"],
    [`/${"a".repeat(32)}`, "at most 32 characters"],
  ])("rejects SLASH_COMMAND=%j (%s), as Slack would", (value, reason) => {
    expect(problemsOf({ ...socketEnv, SLASH_COMMAND: value })).toEqual(["SLASH_COMMAND"]);
    expect(() => loadConfig({ ...socketEnv, SLASH_COMMAND: value })).toThrow(reason);
    expect(() => loadLocalSettings({ SLASH_COMMAND: value })).toThrow(reason);
  });

  it("accepts a renamed command up to Slack's 32 characters", () => {
    const longest = `/${"a".repeat(31)}`;
    expect(loadConfig({ ...socketEnv, SLASH_COMMAND: longest }).slashCommand).toBe(longest);
    expect(loadConfig({ ...socketEnv, SLASH_COMMAND: " /handbook " }).slashCommand).toBe(
      "/handbook",
    );
  });

  it("accepts every pino level", () => {
    for (const level of ["trace", "debug", "info", "warn", "error", "fatal", "silent"]) {
      expect(loadConfig({ ...socketEnv, LOG_LEVEL: level }).logLevel).toBe(level);
    }
  });
});

describe("loadLocalSettings", () => {
  it("needs no tokens: the content folder when set, and the command", () => {
    expect(loadLocalSettings({})).toEqual({ slashCommand: "/dm" });
    expect(loadLocalSettings({ CONTENT_DIR: "/srv/handbook", SLASH_COMMAND: "/hb" })).toEqual({
      contentDir: "/srv/handbook",
      slashCommand: "/hb",
    });
  });
});

describe("loadContentLimits", () => {
  it("reads MAX_FILE_BYTES without the Slack settings, 2 MB by default", () => {
    expect(loadContentLimits({})).toEqual({ maxFileBytes: 2 * 1024 * 1024 });
    expect(loadContentLimits({ MAX_FILE_BYTES: " 4096 " })).toEqual({ maxFileBytes: 4096 });
    expect(() => loadContentLimits({ MAX_FILE_BYTES: "lots" })).toThrow(
      /MAX_FILE_BYTES: must be a whole number of bytes/,
    );
  });
});

describe("loadDotEnv", () => {
  const touched: string[] = [];
  afterEach(() => {
    for (const name of touched.splice(0)) delete process.env[name];
  });

  it("loads a file when present, without overriding the environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "dotenv-"));
    const file = join(dir, ".env");
    writeFileSync(file, "HANDBOOK_TEST_A=from-file\nHANDBOOK_TEST_B=from-file\n");
    touched.push("HANDBOOK_TEST_A", "HANDBOOK_TEST_B");
    process.env.HANDBOOK_TEST_A = "from-env";
    expect(loadDotEnv(file)).toBe(true);
    expect(process.env.HANDBOOK_TEST_A).toBe("from-env");
    expect(process.env.HANDBOOK_TEST_B).toBe("from-file");
  });

  it("does nothing when the file is absent", () => {
    expect(loadDotEnv(join(tmpdir(), "no-such-dir-for-dotenv", ".env"))).toBe(false);
  });
});
