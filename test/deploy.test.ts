import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HEALTH_PATH } from "../src/slack/transport/healthz.js";

/**
 * The container files, read as text: no Docker engine runs where the tests do, so these check
 * what the build would otherwise only show at deploy time.
 */
const dockerfile = readFileSync("Dockerfile", "utf8");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };

/** The instructions of the stage that ends the file (the image that runs). */
function runtimeStage(): string {
  const stages = dockerfile.split(/^FROM /m);
  return stages[stages.length - 1] ?? "";
}

describe("Dockerfile", () => {
  it("builds in its own stage and runs what npm start runs, without dev dependencies", () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm run build && npm prune --omit=dev/);
    const start = pkg.scripts.start?.replace(/^exec /, "");
    expect(runtimeStage()).toContain(`CMD ["${start?.split(" ").join('", "')}"]`);
  });

  it("runs as an unprivileged user who can write DATA_DIR, with a health check on /healthz", () => {
    const runtime = runtimeStage();
    const user = runtime.match(/^USER (\S+)/m)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toBe("root");
    expect(runtime).toMatch(new RegExp(`chown ${user}:${user} /app/data`));
    expect(runtime.indexOf("chown")).toBeLessThan(runtime.indexOf(`USER ${user}`));
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).toContain(HEALTH_PATH);
  });
});

describe("compose.yaml", () => {
  const compose = parse(readFileSync("compose.yaml", "utf8")) as {
    services: Record<
      string,
      { build?: string; init?: boolean; environment?: Record<string, string> }
    >;
  };

  it("runs the bot with an init, in HTTP mode, next to Redis and PostgreSQL", () => {
    const bot = compose.services.bot;
    expect(bot?.build).toBe(".");
    // Signals reach node through the init, and zombies are reaped.
    expect(bot?.init).toBe(true);
    expect(bot?.environment?.SLACK_MODE).toBe("http");
    expect(bot?.environment?.REDIS_URL).toMatch(/^redis:\/\/redis:/);
    expect(bot?.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(["bot", "lb", "redis", "postgres"]),
    );
  });
});
