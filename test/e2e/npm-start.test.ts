/**
 * The bot as the README starts it: `npm start` (the compiled build, `node dist/main.js`) in HTTP
 * mode against the local Slack. It answers, and SIGTERM or SIGINT sent to npm stops the node
 * process itself, gracefully, and frees its port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalSlack, startLocalSlack } from "../../src/dev/local-slack/index.js";
import { EVENTS_PATH } from "../../src/slack/app.js";
import { waitFor } from "../helpers.js";
import { ensureBuilt, REPO_ROOT } from "./build.js";

type LogLine = Record<string, unknown>;

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Whether something accepts connections on the port. */
async function listening(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Started {
  npm: ChildProcess;
  lines: LogLine[];
  exited: Promise<number | null>;
  port: number;
}

let slack: LocalSlack;
const children: ChildProcess[] = [];
const botPids: number[] = [];

beforeAll(async () => {
  ensureBuilt();
  slack = await startLocalSlack();
}, 300_000);

afterEach(() => {
  // A test that failed half-way must not leave a bot holding a port.
  for (const pid of botPids.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

afterAll(async () => {
  await slack?.close();
});

async function startWithNpm(
  cacheDir = mkdtempSync(join(tmpdir(), "handbook-npm-start-cache-")),
): Promise<Started> {
  const port = await freePort();
  const npm = spawn("npm", ["start"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_MODE: "http",
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      CONTENT_DIR: join(REPO_ROOT, "content"),
      CACHE_DIR: cacheDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(npm);
  const lines: LogLine[] = [];
  let buffered = "";
  npm.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    for (const line of complete) if (line.startsWith("{")) lines.push(JSON.parse(line) as LogLine);
  });
  const exited = new Promise<number | null>((resolve) => npm.once("exit", resolve));
  const started = await waitFor(
    () => lines.find((line) => line.event === "started"),
    "the bot's started line",
    60_000,
  );
  botPids.push(Number(started.pid));
  return { npm, lines, exited, port };
}

describe.each(["SIGTERM", "SIGINT"] as const)("npm start, then %s", (signal) => {
  it("answers from the build, then stops the node process and frees the port", async () => {
    const { npm, lines, exited, port } = await startWithNpm();
    const botPid = Number(lines.find((line) => line.event === "started")?.pid);
    // The node process is the bot itself, not npm or a shell around it.
    expect(botPid).toBeGreaterThan(0);

    await slack.connectBot({ requestUrl: `http://127.0.0.1:${port}${EVENTS_PATH}` });
    slack.reset();
    await slack.sendSlashCommand({ text: "what is velocity" });
    const reply = await slack.waitFor({ method: "response_url" });
    expect(JSON.stringify(reply.args)).toContain("Velocity");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    npm.kill(signal);
    await exited;
    await waitFor(() => !alive(botPid), "the node process to exit", 10_000);
    expect(lines).toContainEqual(expect.objectContaining({ event: "stopping", signal }));
    expect(lines.at(-1)).toMatchObject({ event: "stopped" });
    expect(await listening(port)).toBe(false);
    slack.setRequestUrl(undefined);
  }, 90_000);
});

describe("npm start, twice with one cache folder", () => {
  it("parses every file in worker threads first, then none: the second start reads the cache", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "handbook-npm-start-cache-"));
    const first = await startWithNpm(cacheDir);
    const cold = first.lines.find((line) => line.event === "content_loaded");
    expect(cold).toMatchObject({ parsed: cold?.documents, cached: 0 });
    expect(cold?.documents).toBeGreaterThan(5);
    first.npm.kill("SIGTERM");
    await first.exited;

    const second = await startWithNpm(cacheDir);
    const warm = second.lines.find((line) => line.event === "content_loaded");
    expect(warm).toMatchObject({ parsed: 0, cached: cold?.documents, sections: cold?.sections });
    second.npm.kill("SIGTERM");
    await second.exited;
  }, 120_000);
});
