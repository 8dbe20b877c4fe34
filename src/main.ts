/**
 * `npm start`: configuration → logger → knowledge (loaded, indexed, watched) → Slack app.
 * The wiring lives in `startBot`, which takes the environment and the process's edges as
 * arguments so it can be tested; the bottom of this file only hands it the real ones.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import pino from "pino";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./config.js";
import { createIndexCache } from "./knowledge/index-cache.js";
import { createParseCache } from "./knowledge/parse-cache.js";
import { createCachedParser, createParsePool } from "./knowledge/parse-pool.js";
import { createKnowledgeStore, type KnowledgeStore, onSignalReload } from "./knowledge/store.js";
import { type AppLogger, createLogger } from "./logger.js";
import { type BotApp, createApp, type SlackClientOptions } from "./slack/app.js";
import { slackErrorCode } from "./slack/send/slack-call.js";
import { createLogTap } from "./state/event-sink.js";
import { openSharedState, type SharedState } from "./state/shared-state.js";

export const SETUP_POINTER =
  'See the "Setup" section of README.md for how to create the Slack app and where each value comes from; .env.example lists every variable.';

/** The parts of `process` the bot touches, injected so tests can play them. */
export interface BotIo {
  stderr: { write(text: string): unknown };
  signals: {
    on(signal: NodeJS.Signals, listener: () => void): unknown;
    off(signal: NodeJS.Signals, listener: () => void): unknown;
  };
  exit(code: number): void;
  /** Where log lines go; standard output when omitted. */
  logDestination?: pino.DestinationStream;
  /** Reported by /healthz; read from package.json when omitted. */
  version?: string;
  clientOptions?: SlackClientOptions;
  /** Whether to watch the content directory for edits (default true). */
  watchContent?: boolean;
}

export interface RunningBot {
  config: Config;
  logger: AppLogger;
  knowledge: KnowledgeStore;
  bot: BotApp;
  /** Stops the app, stops watching content, flushes the log, then exits 0. Idempotent. */
  shutdown(signal?: string): Promise<void>;
}

export function readPackageVersion(): string {
  const raw = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  const { version } = JSON.parse(raw) as { version?: unknown };
  return typeof version === "string" ? version : "unknown";
}

function flush(logger: AppLogger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/**
 * Starts the bot. Bad configuration, content that does not load, or a token Slack rejects
 * end the process with exit code 1 and say why; otherwise resolves once the bot is serving.
 */
export async function startBot(
  env: Readonly<Record<string, string | undefined>>,
  io: BotIo,
): Promise<RunningBot | undefined> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\n\n${SETUP_POINTER}\n`);
    io.exit(1);
    return undefined;
  }

  // With a database, query and feedback lines are also stored there, as logged.
  const logTap =
    config.databaseUrl !== undefined
      ? createLogTap(io.logDestination ?? pino.destination({ sync: false }))
      : undefined;
  const logger = createLogger({
    level: config.logLevel,
    destination: logTap ?? io.logDestination,
  });
  const fail = async (event: string, error: unknown, message: string) => {
    logger.fatal({ event, code: slackErrorCode(error), err: error }, message);
    await flush(logger);
    io.exit(1);
    return undefined;
  };

  const version = io.version ?? readPackageVersion();
  const knowledgeLogger = logger.child({ component: "knowledge" });
  const cache = createParseCache({
    directory: config.cacheDir,
    onWriteError: (error) =>
      knowledgeLogger.warn(
        { event: "cache_unwritable", dir: config.cacheDir, error: String(error) },
        "the parse cache cannot be written; files will be parsed again at the next start",
      ),
  });
  const parser = createCachedParser(createParsePool(), cache);
  const indexCache = createIndexCache({
    directory: config.cacheDir,
    onWriteError: (error) =>
      knowledgeLogger.warn(
        { event: "index_cache_unwritable", dir: config.cacheDir, error: String(error) },
        "the index cache cannot be written; the index will be built again at the next start",
      ),
  });
  const knowledge = createKnowledgeStore({
    root: config.contentDir,
    maxFileBytes: config.maxFileBytes,
    ...(config.docsBaseUrl !== undefined && { docsBaseUrl: config.docsBaseUrl }),
    serveDrafts: config.serveDrafts,
    logger: knowledgeLogger,
    watch: io.watchContent ?? true,
    parser,
    indexCache,
  });
  try {
    await knowledge.start();
  } catch (error) {
    return fail("content_failed", error, `could not load the handbook from ${config.contentDir}`);
  }
  const { base } = knowledge.current();
  logger.info(
    {
      event: "content_loaded",
      documents: base.documents.length,
      sections: base.sections.length,
      warnings: base.warnings.length,
      parsed: parser.stats.parsed,
      cached: parser.stats.hits,
    },
    "knowledge base loaded",
  );
  // In the background, after the first load: entries of files changed or gone since (at most
  // once a day; see parse-cache.ts).
  void parser.prune().then((result) => {
    if (!result.skipped && result.removed + result.failed > 0) {
      knowledgeLogger.info({ event: "cache_pruned", ...result }, "parse cache pruned");
    }
  });
  let shared: SharedState;
  try {
    shared = await openSharedState(config, logger, logTap);
  } catch (error) {
    await knowledge.close();
    return fail("state_failed", error, "could not reach or migrate the database");
  }
  const stopReloadOnSignal = onSignalReload(knowledge, io.signals);

  const bot = createApp(config, {
    logger,
    knowledge,
    version,
    clientOptions: io.clientOptions,
    shared,
  });
  try {
    await bot.start();
  } catch (error) {
    stopReloadOnSignal();
    await knowledge.close();
    await shared.close();
    return fail("start_failed", error, "could not start the Slack app");
  }

  let stopping: Promise<void> | undefined;
  const shutdown = (signal = "shutdown"): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ event: "stopping", signal }, "stopping");
      io.signals.off("SIGTERM", onTerm);
      io.signals.off("SIGINT", onInt);
      stopReloadOnSignal();
      try {
        await bot.stop();
      } catch (error) {
        logger.error({ event: "stop_failed", err: error }, "the Slack app did not stop cleanly");
      }
      await knowledge.close();
      await shared.close();
      logger.info({ event: "stopped" }, "stopped");
      await flush(logger);
      io.exit(0);
    })();
    return stopping;
  };
  const onTerm = () => void shutdown("SIGTERM");
  const onInt = () => void shutdown("SIGINT");
  io.signals.on("SIGTERM", onTerm);
  io.signals.on("SIGINT", onInt);

  return { config, logger, knowledge, bot, shutdown };
}

async function main(): Promise<void> {
  loadDotEnv();
  const running = await startBot(process.env, {
    stderr: process.stderr,
    signals: process,
    exit: (code) => process.exit(code),
  });
  if (running === undefined) return;
  // A rejection no listener caught is a bug to log, not a reason to drop every other user.
  process.on("unhandledRejection", (reason) => {
    running.logger.error({ event: "unhandled_rejection", err: reason }, "unhandled rejection");
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
