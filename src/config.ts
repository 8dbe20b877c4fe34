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
  /** Bot token (`xoxb-…`) used for every Web API call; absent with OAuth (`oauth`). */
  botToken?: string;
  /** HTTP port; 0 asks the OS for a free one (HTTP mode). */
  port: number;
  host: string;
  /** Base URL of Slack's Web API, with a trailing slash; undefined means Slack's own. */
  slackApiUrl?: string;
  contentDir: string;
  /** Content files larger than this many bytes are skipped with a warning (MAX_FILE_BYTES). */
  maxFileBytes: number;
  /** Where parsed files are cached (the parse cache); outside `contentDir`. */
  cacheDir: string;
  /** Absolute base URL where the handbook is published, for "open in docs" links. */
  docsBaseUrl?: string;
  logLevel: LogLevel;
  /** The slash command the app declares in its manifest (`SLASH_COMMAND`, default `/dm`). */
  slashCommand: string;
  /** Shared state for several replicas and workspaces; unset means one process, in memory. */
  redisUrl?: string;
  databaseUrl?: string;
  /** AES-256-GCM key (32 bytes) for tokens at rest in PostgreSQL. */
  tokenEncryptionKey?: Buffer;
  /** OAuth distribution: installs through /slack/install, tokens from the installation store. */
  oauth?: OAuthConfig;
  /** Conversations (issue 13): the channel "Ask an expert" posts to when a document has no owner. */
  escalationChannel?: string;
  /** Where the bot keeps what it must remember across restarts (channel modes). */
  dataDir: string;
  /**
   * SERVE_DRAFTS: search pages marked `draft: true` (answers captured from Slack with "Add to
   * handbook") too, labelled as unreviewed; by default drafts are left out of the index.
   */
  serveDrafts: boolean;
}

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** Bot scopes requested at install (SLACK_SCOPES, comma-separated). */
  scopes: string[];
}

/** The manifest's bot scopes: what an install asks for when SLACK_SCOPES is not set. */
export const DEFAULT_BOT_SCOPES = [
  "commands",
  "app_mentions:read",
  "im:history",
  "channels:history",
  "groups:history",
  "users:read",
  "channels:read",
  "groups:read",
  "chat:write",
  "links:read",
  "links:write",
];

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

/** The slash command when `SLASH_COMMAND` is not set; manifest.yml declares the same. */
export const DEFAULT_SLASH_COMMAND = "/dm";
/** Slack's own limit on a slash command's name, the slash included. */
const SLASH_COMMAND_MAX_CHARS = 32;

/**
 * Why a slash command name cannot be installed, or undefined when it can. Slack's rules: it
 * starts with `/`, is lowercase, has no spaces, and is at most 32 characters long.
 */
export function slashCommandProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return `must start with / (got "${value}")`;
  if (value.length < 2) return "must name a command after the /";
  if (value.length > SLASH_COMMAND_MAX_CHARS)
    return `must be at most ${SLASH_COMMAND_MAX_CHARS} characters (got ${value.length})`;
  if (value !== value.toLowerCase()) return `must be lowercase (got "${value}")`;
  if (/\s/.test(value)) return `must not contain spaces (got "${value}")`;
  return undefined;
}

/** Why a docs base URL cannot be used (`DOCS_BASE_URL`, `ask --docs-base-url`), or undefined. */
export function docsBaseUrlProblem(value: string): string | undefined {
  return isHttpUrl(value) ? undefined : `must be an absolute http(s) URL (got "${value}")`;
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

  const scaling = readScalingConfig(env, mode, problem);
  const botToken = read(env, "SLACK_BOT_TOKEN");
  const usesOAuth = read(env, "SLACK_CLIENT_ID") !== undefined;
  if (botToken === undefined && !usesOAuth)
    problem("SLACK_BOT_TOKEN", "missing (the bot token, xoxb-…)");
  else if (botToken !== undefined && usesOAuth)
    problem("SLACK_BOT_TOKEN", "must not be set with SLACK_CLIENT_ID: OAuth installs bring tokens");
  else if (botToken !== undefined && !botToken.startsWith("xoxb-"))
    problem("SLACK_BOT_TOKEN", "must start with xoxb-");

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
  // Where tools keep caches by convention (find-cache-dir), so `npm ci` starts it afresh.
  const cacheDir = read(env, "CACHE_DIR") ?? DEFAULT_CACHE_DIR;
  const fromContent = path.relative(path.resolve(contentDir), path.resolve(cacheDir));
  if (fromContent === "" || (!fromContent.startsWith("..") && !path.isAbsolute(fromContent)))
    problem("CACHE_DIR", `must be outside CONTENT_DIR (got "${cacheDir}")`);

  const docsBaseUrl = read(env, "DOCS_BASE_URL");
  const docsBaseUrlInvalid =
    docsBaseUrl === undefined ? undefined : docsBaseUrlProblem(docsBaseUrl);
  if (docsBaseUrlInvalid !== undefined) problem("DOCS_BASE_URL", docsBaseUrlInvalid);

  const slashCommand = read(env, "SLASH_COMMAND") ?? DEFAULT_SLASH_COMMAND;
  const slashCommandInvalid = slashCommandProblem(slashCommand);
  if (slashCommandInvalid !== undefined) problem("SLASH_COMMAND", slashCommandInvalid);

  const logLevelRaw = (read(env, "LOG_LEVEL") ?? "info").toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw);
  if (logLevel === undefined)
    problem("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")} (got "${logLevelRaw}")`);

  // Conversations (issue 13).
  const escalationChannel = read(env, "ESCALATION_CHANNEL");
  if (escalationChannel !== undefined && !/^[CG][A-Z0-9]{2,}$/.test(escalationChannel))
    problem(
      "ESCALATION_CHANNEL",
      `must be a channel id such as C0123456789, not a name (got "${escalationChannel}")`,
    );
  const dataDir = read(env, "DATA_DIR") ?? "./data";
  const serveDrafts = readServeDrafts(env);
  if (serveDrafts === undefined)
    problem("SERVE_DRAFTS", `must be true or false (got "${read(env, "SERVE_DRAFTS")}")`);

  if (
    problems.length > 0 ||
    mode === undefined ||
    !logLevel ||
    "problem" in maxFileBytes ||
    serveDrafts === undefined
  ) {
    throw new ConfigError(problems);
  }

  const common: CommonConfig = {
    ...(botToken !== undefined && { botToken }),
    ...scaling,
    port,
    host,
    contentDir,
    maxFileBytes: maxFileBytes.value,
    cacheDir,
    logLevel,
    slashCommand,
    ...(slackApiUrl !== undefined && { slackApiUrl: withTrailingSlash(slackApiUrl) }),
    ...(docsBaseUrl !== undefined && { docsBaseUrl }),
    ...(escalationChannel !== undefined && { escalationChannel }),
    dataDir,
    serveDrafts,
  };
  if (mode === "socket") {
    if (appToken === undefined) throw new ConfigError(problems);
    return { ...common, mode, appToken };
  }
  if (signingSecret === undefined) throw new ConfigError(problems);
  return { ...common, mode, signingSecret };
}

/** SERVE_DRAFTS as a boolean (unset is false), or undefined when it is neither true nor false. */
function readServeDrafts(env: Env): boolean | undefined {
  const raw = read(env, "SERVE_DRAFTS")?.toLowerCase();
  if (raw === undefined || raw === "false" || raw === "0" || raw === "no") return false;
  if (raw === "true" || raw === "1" || raw === "yes") return true;
  return undefined;
}

/** What the local commands (playground, ask, eval, bench) take from the environment. */
export interface LocalSettings {
  /** `CONTENT_DIR`, when set; a command's `--content` wins over it. */
  contentDir?: string;
  slashCommand: string;
  /** `CACHE_DIR`, when set: where `ask` and `eval` keep parses (DEFAULT_CACHE_DIR otherwise). */
  cacheDir?: string;
}

/**
 * The part of the configuration the local commands use, which need no Slack tokens. Throws a
 * `ConfigError` for an invalid `SLASH_COMMAND`, as `loadConfig` does.
 */
export function loadLocalSettings(env: Env = process.env): LocalSettings {
  const slashCommand = read(env, "SLASH_COMMAND") ?? DEFAULT_SLASH_COMMAND;
  const invalid = slashCommandProblem(slashCommand);
  if (invalid !== undefined)
    throw new ConfigError([{ variable: "SLASH_COMMAND", problem: invalid }]);
  const contentDir = read(env, "CONTENT_DIR");
  const cacheDir = read(env, "CACHE_DIR");
  return {
    slashCommand,
    ...(contentDir !== undefined && { contentDir }),
    ...(cacheDir !== undefined && { cacheDir }),
  };
}

/** DATABASE_URL alone, for tools that read the database without running the bot (`gaps`). */
export function readDatabaseUrl(env: Env = process.env): string | undefined {
  return read(env, "DATABASE_URL");
}

/**
 * REDIS_URL, DATABASE_URL, TOKEN_ENCRYPTION_KEY and the OAuth variables: everything a scaled-out
 * deployment adds. Each one unset keeps the single-process default.
 */
function readScalingConfig(
  env: Env,
  mode: SlackMode | undefined,
  problem: (variable: string, text: string) => void,
): Pick<CommonConfig, "redisUrl" | "databaseUrl" | "tokenEncryptionKey" | "oauth"> {
  const redisUrl = read(env, "REDIS_URL");
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl))
    problem("REDIS_URL", "must be a redis:// or rediss:// URL");
  const databaseUrl = read(env, "DATABASE_URL");
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problem("DATABASE_URL", "must be a postgres:// or postgresql:// URL");
  const keyRaw = read(env, "TOKEN_ENCRYPTION_KEY");
  let tokenEncryptionKey: Buffer | undefined;
  if (keyRaw !== undefined) {
    const key = /^[0-9a-f]{64}$/i.test(keyRaw)
      ? Buffer.from(keyRaw, "hex")
      : Buffer.from(keyRaw, "base64");
    if (key.length === 32) tokenEncryptionKey = key;
    else problem("TOKEN_ENCRYPTION_KEY", "must be 32 bytes, as 64 hex digits or base64");
  }
  const clientId = read(env, "SLACK_CLIENT_ID");
  const clientSecret = read(env, "SLACK_CLIENT_SECRET");
  const stateSecret = read(env, "SLACK_STATE_SECRET");
  let oauth: OAuthConfig | undefined;
  if (clientId !== undefined || clientSecret !== undefined || stateSecret !== undefined) {
    if (clientId === undefined) problem("SLACK_CLIENT_ID", "missing (needed for OAuth installs)");
    if (clientSecret === undefined)
      problem("SLACK_CLIENT_SECRET", "missing (needed for OAuth installs)");
    if (stateSecret === undefined || stateSecret.length < 16)
      problem("SLACK_STATE_SECRET", "missing or shorter than 16 characters (signs OAuth state)");
    if (mode === "socket") problem("SLACK_MODE", 'must be "http" for OAuth installs');
    if (databaseUrl === undefined)
      problem("DATABASE_URL", "missing (OAuth installations are kept in PostgreSQL)");
    if (keyRaw === undefined)
      problem("TOKEN_ENCRYPTION_KEY", "missing (encrypts installation tokens at rest)");
    const scopes = (read(env, "SLACK_SCOPES")?.split(",") ?? DEFAULT_BOT_SCOPES)
      .map((scope) => scope.trim())
      .filter((scope) => scope !== "");
    if (clientId !== undefined && clientSecret !== undefined && stateSecret !== undefined)
      oauth = { clientId, clientSecret, stateSecret, scopes };
  }
  return {
    ...(redisUrl !== undefined && { redisUrl }),
    ...(databaseUrl !== undefined && { databaseUrl }),
    ...(tokenEncryptionKey !== undefined && { tokenEncryptionKey }),
    ...(oauth !== undefined && { oauth }),
  };
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
