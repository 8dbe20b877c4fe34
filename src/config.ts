/**
 * Configuration from the environment. This module is the only reader of `process.env`
 * (through the default argument of `loadConfig` and through `loadDotEnv`).
 */
import { existsSync } from "node:fs";

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
  /** Content files larger than this many bytes are skipped with a warning (MAX_FILE_BYTES). */
  maxFileBytes: number;
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
 * Default MAX_FILE_BYTES: 2 MB, forty times the largest page of the three reference handbooks
 * (47 KB), and small enough that one file parses in a few seconds even on a busy machine.
 */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** MAX_FILE_BYTES as a number of bytes, or a problem with it. */
function readMaxFileBytes(env: Env): { value: number } | { problem: string } {
  const raw = read(env, "MAX_FILE_BYTES");
  if (raw === undefined) return { value: DEFAULT_MAX_FILE_BYTES };
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    return { problem: `must be a whole number of bytes, at least 1 (got "${raw}")` };
  }
  return { value };
}

/**
 * The limits the content loader applies, for the tools that load content without the Slack
 * settings (content:check). Throws a `ConfigError` when MAX_FILE_BYTES is invalid.
 */
export function loadContentLimits(env: Env = process.env): { maxFileBytes: number } {
  const maxFileBytes = readMaxFileBytes(env);
  if ("problem" in maxFileBytes) {
    throw new ConfigError([{ variable: "MAX_FILE_BYTES", problem: maxFileBytes.problem }]);
  }
  return { maxFileBytes: maxFileBytes.value };
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

  const maxFileBytes = readMaxFileBytes(env);
  if ("problem" in maxFileBytes) problem("MAX_FILE_BYTES", maxFileBytes.problem);

  const docsBaseUrl = read(env, "DOCS_BASE_URL");
  if (docsBaseUrl !== undefined && !isHttpUrl(docsBaseUrl))
    problem("DOCS_BASE_URL", `must be an absolute http(s) URL (got "${docsBaseUrl}")`);

  const logLevelRaw = (read(env, "LOG_LEVEL") ?? "info").toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw);
  if (logLevel === undefined)
    problem("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")} (got "${logLevelRaw}")`);

  if (
    problems.length > 0 ||
    mode === undefined ||
    botToken === undefined ||
    !logLevel ||
    "problem" in maxFileBytes
  ) {
    throw new ConfigError(problems);
  }

  const common: CommonConfig = {
    botToken,
    port,
    host,
    contentDir,
    maxFileBytes: maxFileBytes.value,
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
