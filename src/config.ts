/**
 * Configuration from the environment. This module is the only reader of `process.env`
 * (through the default argument of `loadConfig` and through `loadDotEnv`).
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type SlackMode = "socket" | "http";

interface CommonConfig {
  /** Bot token (`xoxb-…`) used for every Web API call. */
  botToken: string;
  /** HTTP port; 0 asks the OS for a free one (HTTP mode). */
  port: number;
  host: string;
  /** Base URL of Slack's Web API, with a trailing slash; undefined means Slack's own. */
  slackApiUrl?: string;
  contentDir: string;
  /** Where parsed files are cached (the parse cache); outside `contentDir`. */
  cacheDir: string;
  /** Absolute base URL where the handbook is published, for "open in docs" links. */
  docsBaseUrl?: string;
  logLevel: LogLevel;
}

export interface SocketModeConfig extends CommonConfig {
  mode: "socket";
  /** App-level token (`xapp-…`) with `connections:write`. */
  appToken: string;
}

export interface HttpModeConfig extends CommonConfig {
  mode: "http";
  signingSecret: string;
}

export type Config = SocketModeConfig | HttpModeConfig;

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown by `loadConfig` with every missing or invalid variable at once. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.problem}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The parse cache's folder unless CACHE_DIR says otherwise, relative to the working directory. */
export const DEFAULT_CACHE_DIR = "node_modules/.cache/handbook-bot";

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Reads and validates the configuration. Throws a `ConfigError` naming every missing or
 * invalid variable, so one failed start tells the operator everything to fix.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: ConfigProblem[] = [];
  const problem = (variable: string, text: string) => problems.push({ variable, problem: text });

  const modeRaw = read(env, "SLACK_MODE") ?? "socket";
  const mode: SlackMode | undefined =
    modeRaw === "socket" || modeRaw === "http" ? modeRaw : undefined;
  if (mode === undefined) problem("SLACK_MODE", `must be "socket" or "http" (got "${modeRaw}")`);

  const botToken = read(env, "SLACK_BOT_TOKEN");
  if (botToken === undefined) problem("SLACK_BOT_TOKEN", "missing (the bot token, xoxb-…)");
  else if (!botToken.startsWith("xoxb-")) problem("SLACK_BOT_TOKEN", "must start with xoxb-");

  const appToken = read(env, "SLACK_APP_TOKEN");
  if (mode === "socket") {
    if (appToken === undefined)
      problem("SLACK_APP_TOKEN", "missing (an app-level token, xapp-…, needed in Socket Mode)");
    else if (!appToken.startsWith("xapp-")) problem("SLACK_APP_TOKEN", "must start with xapp-");
  }

  const signingSecret = read(env, "SLACK_SIGNING_SECRET");
  if (mode === "http" && signingSecret === undefined)
    problem("SLACK_SIGNING_SECRET", "missing (the app's signing secret, needed in HTTP mode)");

  const portRaw = read(env, "PORT") ?? "3000";
  const port = /^\d+$/.test(portRaw) ? Number(portRaw) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problem("PORT", `must be an integer from 0 to 65535 (got "${portRaw}")`);

  const host = read(env, "HOST") ?? "0.0.0.0";

  const slackApiUrl = read(env, "SLACK_API_URL");
  if (slackApiUrl !== undefined && !isHttpUrl(slackApiUrl))
    problem("SLACK_API_URL", `must be an absolute http(s) URL (got "${slackApiUrl}")`);

  const contentDir = read(env, "CONTENT_DIR") ?? "./content";

  // Where tools keep caches by convention (find-cache-dir), so `npm ci` starts it afresh.
  const cacheDir = read(env, "CACHE_DIR") ?? DEFAULT_CACHE_DIR;
  const fromContent = path.relative(path.resolve(contentDir), path.resolve(cacheDir));
  if (fromContent === "" || (!fromContent.startsWith("..") && !path.isAbsolute(fromContent)))
    problem("CACHE_DIR", `must be outside CONTENT_DIR (got "${cacheDir}")`);

  const docsBaseUrl = read(env, "DOCS_BASE_URL");
  if (docsBaseUrl !== undefined && !isHttpUrl(docsBaseUrl))
    problem("DOCS_BASE_URL", `must be an absolute http(s) URL (got "${docsBaseUrl}")`);

  const logLevelRaw = (read(env, "LOG_LEVEL") ?? "info").toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw);
  if (logLevel === undefined)
    problem("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")} (got "${logLevelRaw}")`);

  if (problems.length > 0 || mode === undefined || botToken === undefined || !logLevel) {
    throw new ConfigError(problems);
  }

  const common: CommonConfig = {
    botToken,
    port,
    host,
    contentDir,
    cacheDir,
    logLevel,
    ...(slackApiUrl !== undefined && { slackApiUrl: withTrailingSlash(slackApiUrl) }),
    ...(docsBaseUrl !== undefined && { docsBaseUrl }),
  };
  if (mode === "socket") {
    if (appToken === undefined) throw new ConfigError(problems);
    return { ...common, mode, appToken };
  }
  if (signingSecret === undefined) throw new ConfigError(problems);
  return { ...common, mode, signingSecret };
}

/**
 * Loads `path` (default `.env` in the working directory) into `process.env` when the file
 * exists, with Node's own parser. Variables already set in the environment win.
 * Returns whether a file was loaded.
 */
export function loadDotEnv(path = ".env"): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
