/**
 * Helpers every test area uses: capturing what pino writes, and waiting for something the code
 * under test reaches asynchronously (polling, never a fixed sleep).
 */
import { Writable } from "node:stream";
import { createLogger } from "../src/logger.js";
import type { Decision, Tier } from "../src/search/decide.js";

export type LogLine = Record<string, unknown>;

/** A destination that keeps every line pino writes: raw, and parsed as JSON. */
export function captureLogStream() {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n")) {
        if (line.trim() === "") continue;
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      }
      callback();
    },
  });
  return { stream, lines, raw };
}

/** The app's own logger (redaction and all) at debug level, writing to a captured stream. */
export function captureLogger() {
  const { stream, lines } = captureLogStream();
  const logger = createLogger({ level: "debug", destination: stream });
  return { logger, lines, events: (name: string) => lines.filter((line) => line.event === name) };
}

/** Polls `check` until it returns something other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A decision of the given tier, for fake search responses (the features do not matter). */
export function decisionOf(tier: Tier): Decision {
  const probability = tier === "answer" ? 0.9 : tier === "best-match" ? 0.6 : 0.1;
  return {
    tier,
    probability,
    reason: `${tier}: fake`,
    features: {
      coverage: probability,
      topicality: probability,
      blockCoverage: probability,
      margin: probability,
      pageAgreement: probability,
      headingMatch: probability,
      clauseCoverage: probability,
    },
  };
}
