import { EventEmitter } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readPackageVersion, SETUP_POINTER, startBot } from "../src/main.js";
import { captureLogStream } from "./helpers.js";

function makeIo() {
  const { stream, lines } = captureLogStream();
  let stderr = "";
  const signals = new EventEmitter();
  const exit = vi.fn((_code: number) => {});
  const io = {
    stderr: { write: (text: string) => (stderr += text) },
    signals,
    exit,
    watchContent: false,
    version: "1.2.3-test",
    clientOptions: { retryConfig: { retries: 0 } },
    logDestination: stream,
  };
  return { io, lines, signals, exit, stderr: () => stderr };
}

/** A Web API that knows auth.test, answering `auth` for it. */
async function fakeWebApi(auth: Record<string, unknown>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify(request.url?.endsWith("/auth.test") ? auth : { ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` };
}

function contentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "handbook-main-"));
  writeFileSync(
    join(dir, "retro.md"),
    "---\ntitle: Retrospectives\n---\n# Retrospectives\n\n## Running one\n\nHold one every sprint.\n\n## Actions\n\nGive each action an owner.\n",
  );
  return dir;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

const httpEnv = (apiUrl: string, dir: string) => ({
  SLACK_MODE: "http",
  SLACK_BOT_TOKEN: "xoxb-main-test",
  SLACK_SIGNING_SECRET: "secret",
  PORT: "0",
  HOST: "127.0.0.1",
  SLACK_API_URL: apiUrl,
  CONTENT_DIR: dir,
  CACHE_DIR: mkdtempSync(join(tmpdir(), "handbook-main-cache-")),
});

describe("startBot", () => {
  it("exits 1 naming every missing variable and pointing to the README's setup", async () => {
    const { io, exit, stderr } = makeIo();
    await expect(startBot({ SLACK_MODE: "http" }, io)).resolves.toBeUndefined();
    expect(exit).toHaveBeenCalledWith(1);
    expect(stderr()).toContain("SLACK_BOT_TOKEN");
    expect(stderr()).toContain("SLACK_SIGNING_SECRET");
    expect(stderr()).toContain(SETUP_POINTER);
  });

  it("starts, serves /healthz from the loaded content, and stops cleanly on SIGTERM", async () => {
    const api = await fakeWebApi({ ok: true, user_id: "U0BOT0001", bot_id: "B0BOT0001" });
    servers.push(api.server);
    const { io, exit, lines, signals } = makeIo();
    const running = await startBot(httpEnv(api.url, contentDir()), io);
    expect(running).toBeDefined();
    expect(exit).not.toHaveBeenCalled();
    const port = running?.bot.port();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const sections = running?.knowledge.current().base.sections.length;
    expect(sections).toBeGreaterThanOrEqual(2);
    expect(await health.json()).toEqual({
      status: "ok",
      sections,
      contentVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      version: "1.2.3-test",
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ event: "content_loaded", documents: 1, sections }),
    );

    signals.emit("SIGTERM");
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(lines.at(-1)).toMatchObject({ event: "stopped" });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(signals.listenerCount("SIGTERM")).toBe(0);
    expect(signals.listenerCount("SIGINT")).toBe(0);
  });

  it("exits 1 when the content cannot be loaded", async () => {
    const { io, exit, lines } = makeIo();
    const missing = join(tmpdir(), "no-such-handbook-dir");
    await startBot(httpEnv("http://127.0.0.1:9/api/", missing), io);
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "fatal", event: "content_failed" }),
    );
  });

  it("exits 1 with Slack's error code when the token is refused", async () => {
    const api = await fakeWebApi({ ok: false, error: "invalid_auth" });
    servers.push(api.server);
    const { io, exit, lines } = makeIo();
    await startBot(httpEnv(api.url, contentDir()), io);
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "fatal", event: "start_failed", code: "invalid_auth" }),
    );
    expect(JSON.stringify(lines)).not.toContain("xoxb-main-test");
  });

  it("reads the version from package.json", () => {
    expect(readPackageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
