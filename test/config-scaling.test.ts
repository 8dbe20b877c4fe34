import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, DEFAULT_BOT_SCOPES, loadConfig } from "../src/config.js";

const KEY_HEX = "ab".repeat(32);
const oauthEnv = {
  SLACK_MODE: "http",
  SLACK_SIGNING_SECRET: "s3cr3t",
  SLACK_CLIENT_ID: "123.456",
  SLACK_CLIENT_SECRET: "client-secret",
  SLACK_STATE_SECRET: "a-long-state-secret",
  DATABASE_URL: "postgres://bot@db:5432/handbook",
  TOKEN_ENCRYPTION_KEY: KEY_HEX,
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

describe("loadConfig: shared state and OAuth", () => {
  it("reads REDIS_URL and DATABASE_URL, and leaves both out by default", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" };
    expect(loadConfig(base)).not.toHaveProperty("redisUrl");
    expect(loadConfig(base)).not.toHaveProperty("databaseUrl");
    expect(
      loadConfig({ ...base, REDIS_URL: "redis://r:6379", DATABASE_URL: "postgresql://d/h" }),
    ).toMatchObject({ redisUrl: "redis://r:6379", databaseUrl: "postgresql://d/h" });
    expect(problemsOf({ ...base, REDIS_URL: "http://r", DATABASE_URL: "mysql://d" })).toEqual([
      "REDIS_URL",
      "DATABASE_URL",
    ]);
  });

  it("runs OAuth without a bot token, with the manifest's scopes", () => {
    const config = loadConfig(oauthEnv);
    expect(config.botToken).toBeUndefined();
    expect(config.oauth).toEqual({
      clientId: "123.456",
      clientSecret: "client-secret",
      stateSecret: "a-long-state-secret",
      scopes: DEFAULT_BOT_SCOPES,
    });
    expect(config.tokenEncryptionKey).toEqual(Buffer.from(KEY_HEX, "hex"));
    expect(loadConfig({ ...oauthEnv, SLACK_SCOPES: "chat:write, commands" }).oauth?.scopes).toEqual(
      ["chat:write", "commands"],
    );
  });

  it("takes the key as base64 too, and refuses one that is not 32 bytes", () => {
    const base64 = Buffer.alloc(32, 7).toString("base64");
    expect(loadConfig({ ...oauthEnv, TOKEN_ENCRYPTION_KEY: base64 }).tokenEncryptionKey).toEqual(
      Buffer.alloc(32, 7),
    );
    expect(problemsOf({ ...oauthEnv, TOKEN_ENCRYPTION_KEY: "short" })).toEqual([
      "TOKEN_ENCRYPTION_KEY",
    ]);
  });

  it("names everything an OAuth setup is missing at once", () => {
    expect(
      problemsOf({
        SLACK_APP_TOKEN: "xapp-1",
        SLACK_CLIENT_ID: "123.456",
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_STATE_SECRET: "short",
      }),
    ).toEqual([
      "SLACK_CLIENT_SECRET",
      "SLACK_STATE_SECRET",
      "SLACK_MODE",
      "DATABASE_URL",
      "TOKEN_ENCRYPTION_KEY",
      "SLACK_BOT_TOKEN",
    ]);
  });

  it("asks at install for exactly the manifest's bot scopes", () => {
    const manifest = parse(readFileSync(new URL("../manifest.yml", import.meta.url), "utf8")) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect([...DEFAULT_BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
