/**
 * `stop()` in Socket Mode resolves only once the WebSocket is closed: after the peer answers
 * the close frame, or, when the peer has vanished and never answers, by dropping the connection
 * after a short wait instead of leaving Bolt's 30 s close-handshake timer to hold the process.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { loadConfig } from "../../src/config.js";
import { type BotApp, createApp } from "../../src/slack/app.js";
import { captureLogger } from "../helpers.js";
import { fakeKnowledge } from "./listeners/fakes.js";

/** A Slack that answers auth.test and apps.connections.open, then says hello on the socket. */
async function fakeSocketSlack(options: { stallAfterHello: boolean }) {
  const sockets: Socket[] = [];
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer((request, response) => {
    response.setHeader("Content-Type", "application/json");
    if (request.url?.endsWith("/auth.test")) {
      response.end(JSON.stringify({ ok: true, user_id: "U0BOT0001", bot_id: "B0BOT0001" }));
      return;
    }
    const { port } = server.address() as AddressInfo;
    response.end(JSON.stringify({ ok: true, url: `ws://127.0.0.1:${port}/link` }));
  });
  server.on("upgrade", (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.push(socket as Socket);
      ws.send(JSON.stringify({ type: "hello", num_connections: 1 }));
      // A peer that has gone away reads nothing more, so it never answers the close frame.
      if (options.stallAfterHello) socket.pause();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    sockets,
    async close() {
      for (const socket of sockets) socket.destroy();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type FakeSlack = Awaited<ReturnType<typeof fakeSocketSlack>>;

function startBot(slack: FakeSlack, socketCloseTimeoutMs?: number) {
  const log = captureLogger();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-stop-test",
    SLACK_APP_TOKEN: "xapp-stop-test",
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "debug",
  });
  const bot = createApp(config, {
    logger: log.logger,
    knowledge: fakeKnowledge().source,
    clientOptions: { retryConfig: { retries: 0 } },
    ...(socketCloseTimeoutMs !== undefined && { socketCloseTimeoutMs }),
  });
  return { bot, log };
}

/** What the Socket Mode client logged about tearing its WebSocket down, in order. */
function teardownLines(lines: readonly Record<string, unknown>[]): string[] {
  return lines
    .filter((line) => line.name === "socket-mode")
    .map((line) => String(line.msg))
    .filter((msg) => /^(Sending close frame|Terminating WebSocket)/.test(msg));
}

describe("createApp in Socket Mode: stop()", () => {
  let slack: FakeSlack | undefined;
  let bot: BotApp | undefined;
  afterEach(async () => {
    await bot?.stop();
    await slack?.close();
    bot = undefined;
    slack = undefined;
  });

  it("resolves only after the peer has answered the close frame and the socket is closed", async () => {
    slack = await fakeSocketSlack({ stallAfterHello: false });
    const started = startBot(slack);
    bot = started.bot;
    await bot.start();
    expect(slack.sockets).toHaveLength(1);

    await bot.stop();
    // Logged synchronously by the client as it destroys the socket: already there on return.
    expect(teardownLines(started.log.lines)).toEqual([
      expect.stringContaining("Sending close frame"),
      expect.stringContaining("Terminating WebSocket (close frame received)"),
    ]);
  });

  it("drops the connection when the peer never answers the close frame", async () => {
    slack = await fakeSocketSlack({ stallAfterHello: true });
    const started = startBot(slack, 200);
    bot = started.bot;
    await bot.start();
    const [serverSide] = slack.sockets;
    const serverClosed = serverSide ? once(serverSide, "close") : Promise.reject(new Error("none"));

    await bot.stop();
    expect(teardownLines(started.log.lines)).toEqual([
      expect.stringContaining("Sending close frame"),
      expect.stringContaining("force-terminating"),
    ]);
    // The client really let go: once the stalled side reads again, it finds the socket closed.
    serverSide?.resume();
    await serverClosed;
  });

  it("can be called again, and before start", async () => {
    slack = await fakeSocketSlack({ stallAfterHello: false });
    bot = startBot(slack).bot;
    await expect(bot.stop()).resolves.toBeUndefined();
    await bot.start();
    await bot.stop();
    await expect(bot.stop()).resolves.toBeUndefined();
  });
});
