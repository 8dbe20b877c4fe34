/**
 * Structured logging: pino JSON lines, with tokens and secrets kept out of every line,
 * and an adapter that routes Bolt's (and the Web API client's) own logging through pino.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";
import { type Logger as BoltLoggerInterface, LogLevel as BoltLogLevel } from "@slack/logger";
import pino from "pino";
import type { LogLevel } from "./config.js";
import { REDACTED, scrubSecrets } from "./secrets.js";

export type AppLogger = pino.Logger;

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Where lines go; standard output when omitted. Tests pass a stream they read. */
  destination?: pino.DestinationStream;
}

export { scrubSecrets } from "./secrets.js";

/** Field names whose values are never written, wherever they sit in a logged object. */
const SECRET_KEYS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "clientSecret",
  "stateSecret",
  "tokenEncryptionKey",
  "refreshToken",
  "authorization",
  "Authorization",
];

const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

const MAX_SCRUB_DEPTH = 8;

/** pino's error serializer, scrubbed, as a plain object; already-serialized values pass through. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pino.stdSerializers.err(error))) {
    serialized[key] = scrubValue(value, 1, new WeakSet());
  }
  return serialized;
}

/**
 * Copies `value` with every string scrubbed of token-shaped text. Bolt and the Web API
 * client log request bodies and errors whose messages can quote a token.
 */
function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return serializeError(value);
  if (seen.has(value) || depth >= MAX_SCRUB_DEPTH) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = scrubValue(item, depth + 1, seen);
  return copy;
}

/**
 * The workspace a request comes from (`team_id`, `enterprise_id`), written into every line logged
 * while it is handled, so the gaps report can tell workspaces apart. Context propagation, not
 * state: each request runs in its own store (`runInRequestScope`), and a line logged outside any
 * request carries nothing.
 */
export type RequestScope = Readonly<Record<string, string>>;
const requestScope = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return requestScope.run(scope, run);
}

export function createLogger(options: CreateLoggerOptions): AppLogger {
  return pino(
    {
      level: options.level,
      // A fresh object per line: pino merges the line's fields into what the mixin returns.
      mixin: () => ({ ...requestScope.getStore() }),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object, 0, new WeakSet()) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

function toBoltLevel(level: string): BoltLogLevel {
  switch (level) {
    case "trace":
    case "debug":
      return BoltLogLevel.DEBUG;
    case "info":
      return BoltLogLevel.INFO;
    case "warn":
      return BoltLogLevel.WARN;
    default:
      return BoltLogLevel.ERROR;
  }
}

type PinoMethod = "debug" | "info" | "warn" | "error";

/**
 * A `@slack/logger` Logger backed by pino, so Bolt, the Web API client and the Socket Mode
 * client write the same JSON lines (with the same redaction) as the rest of the bot.
 * Its level is its own: Bolt calling `setLevel` does not change the application logger.
 */
export function createBoltLogger(base: AppLogger, name = "bolt"): BoltLoggerInterface {
  const logger = base.child({ name });
  const write = (method: PinoMethod, messages: unknown[]) => {
    if (!logger.isLevelEnabled(method)) return;
    const error = messages.find((message): message is Error => message instanceof Error);
    const text = messages
      .filter((message) => message !== error)
      .map((message) =>
        typeof message === "string" ? message : inspect(message, { depth: 4, breakLength: 160 }),
      )
      .join(" ");
    if (error !== undefined) logger[method]({ err: error }, text || error.message);
    else logger[method](text);
  };
  return {
    debug: (...messages: unknown[]) => write("debug", messages),
    info: (...messages: unknown[]) => write("info", messages),
    warn: (...messages: unknown[]) => write("warn", messages),
    error: (...messages: unknown[]) => write("error", messages),
    setLevel: (level: BoltLogLevel) => {
      logger.level = level;
    },
    getLevel: () => toBoltLevel(logger.level),
    setName: (newName: string) => {
      logger.setBindings({ name: newName });
    },
  };
}
