import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";

export const RELOAD_FIXTURE = fileURLToPath(new URL("../fixtures/reload-basic/", import.meta.url));
/** Files both the loader and the store must skip or warn about. */
export const EDGE_FIXTURE = fileURLToPath(new URL("../fixtures/reload-edge/", import.meta.url));

/** A temporary copy of a fixture directory, removed by `cleanup`. */
export async function copyFixture(source = RELOAD_FIXTURE) {
  const parent = await mkdtemp(join(tmpdir(), "knowledge-store-"));
  const root = join(parent, "content");
  await cp(source, root, { recursive: true });
  return { root, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

export type LogLine = Record<string, unknown> & { event?: string };

/** A real pino logger whose JSON lines are parsed back, so tests see exactly what is written. */
export function captureLogger() {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return { logger, lines, events: (event: string) => lines.filter((line) => line.event === event) };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
