import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CodedError, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { SocketModeClient } from "@slack/socket-mode";
import type { WebClientOptions } from "@slack/web-api";
import type { Config } from "../config.js";
import { createDraftWriter, type DraftWriter } from "../knowledge/drafts.js";
import type { KnowledgeSource } from "../knowledge/types.js";
import { type AppLogger, createBoltLogger } from "../logger.js";
import { createEscalationStore, type EscalationStore } from "./conversations/escalations.js";
import {
  createThreadMemory,
  THREAD_MAX,
  THREAD_TTL_MS,
  type ThreadMemory,
} from "./conversations/thread-memory.js";
import { createFileSettings, type WorkspaceSettings } from "./conversations/workspace-settings.js";
import { createDedupe, type Dedupe } from "./dedupe.js";
import type { ListenerDeps } from "./deps.js";
import { registerListeners } from "./listeners/index.js";
import type { SharedDeps } from "./shared.js";
import { createDeliveryDedupe } from "./transport/delivery-dedupe.js";
import { createHealthHandler, HEALTH_PATH, type HealthProbe } from "./transport/healthz.js";
import { registerInstallationEvents } from "./transport/installation-events.js";
import {
  answerReplaysOnce,
  rejectOutOfWindow,
  rejectUnusableBody,
} from "./transport/request-guards.js";
import { createRequestScope } from "./transport/request-scope.js";
import { createTeamGuard } from "./transport/team-guard.js";
import { createUnlistenedAck } from "./transport/unlistened.js";

/** How long a request may wait for a listener's ack before the bot acks it empty (HTTP). */
const UNHANDLED_ACK_MS = 2000;

import { slackErrorCode } from "./send/slack-call.js";

/** Where Bolt receives commands, events and interactivity in HTTP mode (the manifest's URLs). */
export const EVENTS_PATH = "/slack/events";

export interface BotApp {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port the HTTP server is bound to (Bolt's in HTTP mode, health's in Socket Mode). */
  port(): number | undefined;
}

/** Web API client settings a caller (a test, the local fake Slack) may need to change. */
export type SlackClientOptions = Pick<WebClientOptions, "slackApiUrl" | "retryConfig" | "timeout">;

export interface CreateAppDeps {
  logger: AppLogger;
  knowledge: KnowledgeSource;
  /** Reported by /healthz; main reads it from package.json once. */
  version?: string;
  /** Merged over the config's: tests set `retryConfig: { retries: 0 }`. */
  clientOptions?: SlackClientOptions;
  /** Remembers handled event deliveries; a fresh bounded one when omitted. */
  dedupe?: Dedupe;
  /** Threads the bot has answered in; a fresh bounded one when omitted. */
  threads?: ThreadMemory;
  /** Open requests to experts; the shared one (PostgreSQL), else a fresh bounded one, when omitted. */
  escalations?: EscalationStore;
  /** Workspace settings; the shared ones (PostgreSQL), else files in DATA_DIR, when omitted. */
  settings?: WorkspaceSettings;
  /** Where "Add to handbook" writes drafts; the config's CONTENT_DIR when omitted. */
  drafts?: DraftWriter;
  clock?: () => number;
  /** Wall clock in ms, for the age of answers; `Date.now` by default. */
  now?: () => number;
  /**
   * Socket Mode: how long `stop()` waits for Slack to answer the WebSocket close before it drops
   * the connection (default 2 s).
   */
  socketCloseTimeoutMs?: number;
  /** Redis and PostgreSQL backed parts (src/state); the in-process defaults when omitted. */
  shared?: SharedDeps;
}

/** Open requests to experts held at once; the oldest is forgotten first. */
const ESCALATIONS_MAX = 10_000;

/** Slack retries an unacknowledged event three times within a few minutes. */
const DEDUPE_TTL_MS = 10 * 60 * 1000;
const DEDUPE_MAX_KEYS = 10_000;
/** Slack answers a close frame within a round trip; past this the peer is taken to be gone. */
const SOCKET_CLOSE_TIMEOUT_MS = 2000;

function listenPort(server: Server | undefined): number | undefined {
  const address = server?.address();
  return typeof address === "object" && address !== null
    ? (address as AddressInfo).port
    : undefined;
}

/**
 * Builds the bot from its configuration and dependencies: Socket Mode or HTTP, the listeners
 * of every surface, duplicate-delivery filtering, a global error handler and `/healthz`.
 * Holds no module-level state, so tests can run several side by side.
 */
export function createApp(config: Config, deps: CreateAppDeps): BotApp {
  const { logger, knowledge } = deps;
  const version = deps.version ?? "unknown";
  const boltLogger = createBoltLogger(logger);
  // Each receiver and client gets its own copy: the Socket Mode client writes its retry
  // defaults into the options object it is handed.
  const clientOptions = (): WebClientOptions => ({
    ...(config.slackApiUrl !== undefined && { slackApiUrl: config.slackApiUrl }),
    ...deps.clientOptions,
  });
  // Socket Mode answers nothing while disconnected: the replica is then not ready.
  let socketConnected = false;
  const probes: HealthProbe[] = [...(deps.shared?.probes ?? [])];
  if (config.mode === "socket")
    probes.unshift({ name: "socket", required: true, check: () => socketConnected });
  const healthHandler = createHealthHandler(knowledge, version, probes);
  const oauth = config.mode === "http" ? config.oauth : undefined;
  const installationStore = deps.shared?.installationStore;

  let healthServer: Server | undefined;
  let boltServer: Server | undefined;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.mode === "http") {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: EVENTS_PATH,
      port: config.port,
      logger: boltLogger,
      logLevel: boltLogger.getLevel(),
      customRoutes: [{ path: HEALTH_PATH, method: ["GET"], handler: healthHandler }],
      // OAuth distribution: /slack/install and /slack/oauth_redirect. The state is signed with
      // SLACK_STATE_SECRET (and echoed in a cookie), so any replica can verify it.
      ...(oauth !== undefined &&
        installationStore !== undefined && {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: oauth.scopes,
          installationStore,
          installerOptions: { directInstall: true, clientOptions: clientOptions() },
        }),
      // Acknowledge first, then answer: a search takes milliseconds, but Slack calls may not,
      // and an event acknowledged late is redelivered.
      processBeforeResponse: false,
      // Every listener acks first, so a request nobody acked by now has no listener (an unknown
      // action, a view closing, a shortcut we do not offer). Bolt's default answers 404 after
      // 3 s, which Slack shows the user as an error: answer 200 and log it instead.
      unhandledRequestTimeoutMillis: UNHANDLED_ACK_MS,
      unhandledRequestHandler: ({ response }) => {
        logger.warn(
          { event: "unhandled_request", ackedAfterMs: UNHANDLED_ACK_MS },
          "no listener acknowledged a Slack request; acknowledged it with an empty 200",
        );
        if (!response.headersSent) {
          response.writeHead(200);
          response.end();
        }
      },
    });
    // Token rotation: one replica at a time refreshes a workspace's token (before App reads
    // the installer's authorize, which it does when constructed).
    const installer = receiver.installer;
    if (installer !== undefined && deps.shared?.refreshLock !== undefined)
      installer.authorize = deps.shared.refreshLock(installer.authorize.bind(installer));
    // The server calls `receiver.requestListener` per request: the time window is checked first.
    receiver.requestListener = rejectOutOfWindow(
      rejectUnusableBody(
        answerReplaysOnce(receiver.requestListener, config.signingSecret, () =>
          logger.warn(
            { event: "request_replayed" },
            "the same signed request came again; acknowledged it and did nothing",
          ),
        ),
        (reason) => logger.warn({ event: "request_rejected", reason }, "refused a Slack request"),
      ),
      (skewSeconds) =>
        logger.warn(
          { event: "request_rejected", reason: "timestamp out of window", skewSeconds },
          "refused a Slack request dated more than five minutes away",
        ),
    );
  } else {
    const socketReceiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: createBoltLogger(logger, "socket-mode"),
      logLevel: boltLogger.getLevel(),
      // apps.connections.open goes through these too, so SLACK_API_URL reaches a fake Slack.
      installerOptions: { clientOptions: clientOptions() },
    });
    socketReceiver.client.on("connected", () => {
      socketConnected = true;
    });
    for (const state of ["disconnected", "reconnecting", "disconnecting"]) {
      socketReceiver.client.on(state, () => {
        socketConnected = false;
      });
    }
    receiver = socketReceiver;
  }

  const app = new App({
    ...(config.botToken !== undefined && { token: config.botToken }),
    receiver,
    logger: boltLogger,
    logLevel: boltLogger.getLevel(),
    clientOptions: clientOptions(),
    // auth.test runs in start(), so a revoked or mistyped token stops the bot at once.
    deferInitialization: true,
    convoStore: false,
  });

  const listenerDeps: ListenerDeps = {
    logger,
    knowledge,
    dedupe: deps.dedupe ?? createDedupe({ ttlMs: DEDUPE_TTL_MS, max: DEDUPE_MAX_KEYS }),
    ...(deps.shared?.ownerNotices !== undefined && { ownerNotices: deps.shared.ownerNotices }),
    docsBaseUrl: config.docsBaseUrl,
    command: config.slashCommand,
    threads: deps.threads ?? createThreadMemory({ ttlMs: THREAD_TTL_MS, max: THREAD_MAX }),
    escalations:
      deps.escalations ??
      deps.shared?.escalations ??
      createEscalationStore({ max: ESCALATIONS_MAX }),
    escalationChannel: config.escalationChannel,
    settings: deps.settings ?? deps.shared?.settings ?? createFileSettings(config.dataDir, logger),
    // With OAuth any number of workspaces install the app: owners are then per workspace.
    multiWorkspace: oauth !== undefined,
    drafts: deps.drafts ?? createDraftWriter(config.contentDir),
    clock: deps.clock,
    now: deps.now,
  };
  // Learnt from auth.test at start, before any request can arrive.
  let installedTeam: string | undefined;
  app.use(createRequestScope());
  app.use(createTeamGuard(() => installedTeam, logger));
  app.use(
    deps.shared?.dedupe !== undefined
      ? createDeliveryDedupe(deps.shared.dedupe, logger, { interactions: true })
      : createDeliveryDedupe(listenerDeps.dedupe, logger),
  );
  if (installationStore !== undefined) registerInstallationEvents(app, installationStore, logger);
  app.use(createUnlistenedAck(logger));
  registerListeners(app, listenerDeps);

  // The last stop for anything a listener let escape: logged, and the bot keeps serving.
  app.error(async (error: CodedError) => {
    logger.error(
      { event: "unhandled_error", code: slackErrorCode(error), err: error },
      "a listener failed",
    );
  });

  return {
    app,
    async start() {
      await app.init();
      // With OAuth every workspace brings its own token; there is no single one to check.
      if (config.botToken !== undefined) {
        const auth = await app.client.auth.test();
        installedTeam = typeof auth.team_id === "string" && auth.team_id ? auth.team_id : undefined;
      }
      if (receiver instanceof HTTPReceiver) {
        boltServer = (await app.start({ port: config.port, host: config.host })) as Server;
        logger.info(
          { event: "started", mode: config.mode, port: listenPort(boltServer), version },
          "listening for Slack requests",
        );
        return;
      }
      healthServer = await listen(
        createServer(healthOnly(healthHandler)),
        config.port,
        config.host,
      );
      try {
        await app.start();
      } catch (error) {
        const server = healthServer;
        healthServer = undefined;
        server.close();
        throw error;
      }
      logger.info(
        { event: "started", mode: config.mode, port: listenPort(healthServer), version },
        "connected to Slack in Socket Mode",
      );
    },
    async stop() {
      // Bolt's SocketModeReceiver.stop() only starts the close handshake, leaving the connection
      // and a 30 s handshake timer behind it; wait for the close here instead.
      if (receiver instanceof SocketModeReceiver) {
        await disconnectSocket(
          receiver.client,
          deps.socketCloseTimeoutMs ?? SOCKET_CLOSE_TIMEOUT_MS,
        );
      }
      await app.stop();
      boltServer = undefined;
      if (healthServer !== undefined) {
        const server = healthServer;
        healthServer = undefined;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
    port: () => listenPort(boltServer ?? healthServer),
  };
}

/**
 * Closes the Socket Mode connection and resolves once it is closed: after Slack answers the close
 * frame, or after `timeoutMs` by force when it does not (a vanished peer never answers).
 */
async function disconnectSocket(client: SocketModeClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = client.disconnect().then(() => true);
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const inTime = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  // A second disconnect while the socket is still closing terminates it, which settles the first.
  if (!inTime) await client.disconnect();
}

/** In Socket Mode nothing else listens over HTTP; this answers health checks only. */
function healthOnly(handler: ReturnType<typeof createHealthHandler>) {
  return (request: Parameters<typeof handler>[0], response: Parameters<typeof handler>[1]) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === HEALTH_PATH) {
      handler(request, response);
      return;
    }
    response.writeHead(404).end();
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
