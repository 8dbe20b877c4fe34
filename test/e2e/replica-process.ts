/**
 * One replica of the bot as its own process, the way production runs it: `node dist/main.js`
 * (see `replicaEntry`), otherwise `src/main.ts` through tsx.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILT = `${ROOT}dist/main.js`;

export interface Replica {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Every JSON line it has logged so far. */
  readonly lines: Record<string, unknown>[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * CI runs the build before the tests, so there the replicas are the built bot; locally a
 * dist/ may be stale, so the sources run unless USE_BUILD=1 asks for the build.
 */
export function replicaEntry(): string[] {
  const useBuild = process.env.CI === "true" || process.env.USE_BUILD === "1";
  return useBuild && existsSync(BUILT) ? [BUILT] : ["--import", "tsx", `${ROOT}src/main.ts`];
}

export async function startReplica(
  name: string,
  env: Record<string, string>,
  startTimeoutMs = 90_000,
): Promise<Replica> {
  const child = spawn(process.execPath, replicaEntry(), {
    cwd: ROOT,
    // Only what the test gives: no .env, no inherited Slack variables.
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = "";
  let buffered = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) {
      if (part.trim() === "") continue;
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ msg: part });
      }
    }
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + startTimeoutMs;
  let port: number | undefined;
  while (port === undefined) {
    const started = lines.find((line) => line.event === "started");
    if (typeof started?.port === "number") port = started.port;
    else if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(
        `replica ${name} did not start (exit ${child.exitCode}): ${stderr.slice(-2000)} ${JSON.stringify(lines.slice(-5))}`,
      );
    } else await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    lines,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
