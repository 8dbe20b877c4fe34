/**
 * A local Slack on loopback: the Web API, response URLs and Socket Mode over real sockets, plus
 * signed HTTP delivery to an app's Request URL. The real Bolt, Web API and Socket Mode clients
 * talk to it exactly as they talk to Slack; everything they send is recorded for assertions.
 *
 * This file puts the parts together, each in its own module: the Web API routes
 * (web-api-routes.ts, methods in web-api.ts), response URLs (response-urls.ts), Socket Mode and
 * HTTP delivery (delivery.ts), the driver API for tests (driver.ts) and the record of what was
 * seen (recorder.ts).
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalSlack, LocalSlackOptions } from "./api.js";
import { createDelivery } from "./delivery.js";
import { createDriver } from "./driver.js";
import { sendJson } from "./http.js";
import { createRecorder } from "./recorder.js";
import { createResponseUrls } from "./response-urls.js";
import { createWebApiRoutes } from "./web-api-routes.js";
import { Workspace } from "./workspace.js";

/** Starts the local Slack on loopback; close it with `close()`. */
export async function startLocalSlack(options: LocalSlackOptions = {}): Promise<LocalSlack> {
  const botToken = options.botToken ?? "xoxb-local-bot-token";
  const appToken = options.appToken ?? "xapp-local-app-token";
  const signingSecret = options.signingSecret ?? "local-signing-secret";
  const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
  const slashCommand = options.slashCommand ?? "/dm";
  const clientId = options.clientId ?? "local-client-id";
  const clientSecret = options.clientSecret ?? "local-client-secret";
  const workspace = new Workspace(options);
  const defaultUser = options.defaultUser ?? [...workspace.users.keys()][0] ?? "U0DEV";
  const defaultChannel = options.defaultChannel ?? [...workspace.channels.keys()][0] ?? "C0GENERAL";
  workspace.user(defaultUser);
  workspace.channel(defaultChannel);

  const recorder = createRecorder();
  let closed = false;
  // Known once the server listens, before anything can be delivered.
  let port = 0;
  let baseUrl = "";

  const responseUrls = createResponseUrls(workspace, recorder);
  const webApi = createWebApiRoutes({
    options,
    workspace,
    recorder,
    botToken,
    appToken,
    clientId,
    clientSecret,
    defaultUser,
    issueTicket: () => delivery.issueTicket(),
    port: () => port,
    sendEvent: (event) => driver.sendEvent(event),
  });

  // ---- HTTP server ---------------------------------------------------------------------------

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    const route = url.pathname;
    let handled: Promise<void> | undefined;
    if (route.startsWith("/api/") && (req.method === "POST" || req.method === "GET")) {
      handled = webApi.handleApi(req, res, decodeURIComponent(route.slice("/api/".length)), url);
    } else if (route.startsWith("/response/") && req.method === "POST") {
      handled = responseUrls.handleResponseUrl(
        req,
        res,
        decodeURIComponent(route.slice("/response/".length)),
      );
    } else if (route === "/" || route === "/health") {
      sendJson(res, 200, { ok: true, service: "local-slack" });
    } else {
      sendJson(res, 404, { ok: false, error: "not_found" });
    }
    handled?.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: String(error) });
    });
  });
  server.keepAliveTimeout = 5_000;

  const delivery = createDelivery({
    server,
    workspace,
    recorder,
    signingSecret,
    ackTimeoutMs,
    ...(options.requestUrl !== undefined && { requestUrl: options.requestUrl }),
    ...(options.spreadEnvelopes !== undefined && { spreadEnvelopes: options.spreadEnvelopes }),
  });
  const driver = createDriver({
    workspace,
    recorder,
    delivery,
    responseUrls,
    baseUrl: () => baseUrl,
    defaultUser,
    defaultChannel,
    slashCommand,
  });

  server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;

  const slack: LocalSlack = {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    botToken,
    appToken,
    signingSecret,
    clientId,
    clientSecret,
    approveInstall: webApi.approveInstall,
    installedToken: webApi.installedToken,
    workspace,
    defaultUser,
    defaultChannel,
    slashCommand,
    get calls() {
      return recorder.calls;
    },
    get acks() {
      return recorder.acks;
    },
    get transport() {
      return delivery.transport();
    },
    get socketCount() {
      return delivery.socketCount();
    },
    setRequestUrl: delivery.setRequestUrl,
    waitForSocket: delivery.waitForSocket,
    waitForSocketsClosed: delivery.waitForSocketsClosed,
    async connectBot(connect = {}) {
      if (connect.requestUrl) {
        delivery.setRequestUrl(connect.requestUrl);
        return;
      }
      await slack.waitForSocket(connect.timeoutMs);
    },
    failNext: recorder.failNext,
    ...driver,
    find: recorder.find,
    waitFor: recorder.waitFor,
    onCall: recorder.onCall,
    reset: recorder.reset,
    disconnectSockets: delivery.disconnectSockets,
    async close() {
      if (closed) return;
      closed = true;
      const gone = new Error("local Slack: closed");
      recorder.close(gone);
      delivery.close(gone);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return slack;
}
