/**
 * The real bot — the same `createApp`, config, logger and knowledge as production — started
 * against a local Slack, in Socket Mode or HTTP mode. Used by the end-to-end tests, the
 * playground and the end-to-end benchmark.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type pino from "pino";
import { type Config, type LogLevel, loadConfig } from "../config.js";
import { loadKnowledgeBase } from "../corpus/load.js";
import { createStaticKnowledge } from "../knowledge/static.js";
import type { KnowledgeSource } from "../knowledge/types.js";
import { type AppLogger, createLogger } from "../logger.js";
import { createSearchIndex } from "../search/index.js";
import { type BotApp, type CreateAppDeps, createApp, EVENTS_PATH } from "../slack/app.js";
import type { LocalSlack } from "./local-slack/index.js";

/** The repository's own handbook, wherever the process was started from. */
export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL("../../content/", import.meta.url));

export type BotMode = "socket" | "http";

/** Log lines kept in memory: the bot stays quiet, and tests read what it logged. */
export interface LogCapture {
  destination: pino.DestinationStream;
  /** Every line so far, parsed. */
  readonly lines: readonly Record<string, unknown>[];
  /** Lines whose fields include all of `fields`. */
  find(fields: Record<string, unknown>): Record<string, unknown>[];
  clear(): void;
}

export function createLogCapture(): LogCapture {
  const lines: Record<string, unknown>[] = [];
  return {
    destination: {
      write(line: string) {
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          lines.push({ msg: line });
        }
      },
    },
    get lines() {
      return lines;
    },
    find(fields) {
      return lines.filter((line) =>
        Object.entries(fields).every(([key, value]) => line[key] === value),
      );
    },
    clear() {
      lines.length = 0;
    },
  };
}

/** Loads a content directory into a knowledge source that never changes. */
export async function loadStaticKnowledge(
  contentDir: string = DEFAULT_CONTENT_DIR,
  docsBaseUrl?: string,
): Promise<KnowledgeSource> {
  const base = await loadKnowledgeBase(contentDir, docsBaseUrl ? { docsBaseUrl } : {});
  return createStaticKnowledge(base, createSearchIndex(base.sections));
}

export interface LocalBotOptions {
  slack: LocalSlack;
  mode: BotMode;
  /** Loaded once when `knowledge` is not given; the repository's `content/` by default. */
  contentDir?: string;
  knowledge?: KnowledgeSource;
  /** Where the bot's pino lines go; kept in memory (`logs`) when omitted. */
  logDestination?: pino.DestinationStream;
  logLevel?: LogLevel;
  docsBaseUrl?: string;
  /** `SLASH_COMMAND`; the local Slack's declared command by default, as a manifest and `.env` agree. */
  slashCommand?: string;
  /** ESCALATION_CHANNEL: where "Ask an expert" goes when a document has no owner. */
  escalationChannel?: string;
  /** DATA_DIR; a fresh temporary folder by default, so a run never writes into the repository. */
  dataDir?: string;
  /** Other dependencies of `createApp` to replace (a dedupe, a clock). */
  appDeps?: Partial<Pick<CreateAppDeps, "dedupe" | "clock">>;
}

export interface LocalBot {
  mode: BotMode;
  config: Config;
  bot: BotApp;
  logger: AppLogger;
  /** Present when no `logDestination` was given. */
  logs?: LogCapture;
  stop(): Promise<void>;
}

/**
 * Starts the bot against the local Slack and connects the two: in Socket Mode the bot opens
 * the WebSocket itself; in HTTP mode the local Slack is given the bot's Request URL.
 */
export async function startLocalBot(options: LocalBotOptions): Promise<LocalBot> {
  const { slack, mode } = options;
  const contentDir = options.contentDir ?? DEFAULT_CONTENT_DIR;
  const config = loadConfig({
    SLACK_MODE: mode,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    CONTENT_DIR: contentDir,
    LOG_LEVEL: options.logLevel ?? "info",
    SLASH_COMMAND: options.slashCommand ?? slack.slashCommand,
    ...(options.docsBaseUrl ? { DOCS_BASE_URL: options.docsBaseUrl } : {}),
    ...(options.escalationChannel ? { ESCALATION_CHANNEL: options.escalationChannel } : {}),
    DATA_DIR: options.dataDir ?? mkdtempSync(join(tmpdir(), "handbook-bot-data-")),
  });
  const logs = options.logDestination ? undefined : createLogCapture();
  const destination = options.logDestination ?? logs?.destination;
  const logger = createLogger({ level: config.logLevel, ...(destination ? { destination } : {}) });
  const knowledge =
    options.knowledge ?? (await loadStaticKnowledge(contentDir, options.docsBaseUrl));
  const bot = createApp(config, {
    logger,
    knowledge,
    version: "local",
    ...options.appDeps,
    // The Socket Mode client would otherwise retry 100 times; a failure should show at once.
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await bot.start();
  if (mode === "http") {
    const port = bot.port();
    if (port === undefined) throw new Error("the bot started in HTTP mode without a port");
    await slack.connectBot({ requestUrl: `http://127.0.0.1:${port}${EVENTS_PATH}` });
  } else {
    await slack.connectBot({ timeoutMs: 5000 });
  }
  let stopped = false;
  return {
    mode,
    config,
    bot,
    logger,
    ...(logs ? { logs } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (mode === "http") slack.setRequestUrl(undefined);
      await bot.stop();
    },
  };
}
