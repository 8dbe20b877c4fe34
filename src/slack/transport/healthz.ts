import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { KnowledgeBase } from "../../corpus/types.js";
import type { KnowledgeSource } from "../../knowledge/types.js";

export const HEALTH_PATH = "/healthz";

/**
 * One part the bot depends on (Socket Mode connection, Redis, PostgreSQL). A required part that
 * is down makes the replica unready (503); an optional one only degrades it.
 */
export interface HealthProbe {
  name: string;
  required: boolean;
  check(): boolean | Promise<boolean>;
}

export type PartState = "up" | "down";

export interface HealthStatus {
  /** `down` when a required part is down (503), `degraded` when an optional one is. */
  status: "ok" | "degraded" | "down";
  /** Sections in the knowledge the bot is answering from right now. */
  sections: number;
  /** A hash of the loaded content: replicas serving the same handbook report the same one. */
  contentVersion: string;
  version: string;
  /** Each probed part; absent when the bot probes nothing (the single-process HTTP default). */
  parts?: Record<string, PartState>;
}

const contentVersions = new WeakMap<KnowledgeBase, string>();

/** sha256 of every section's id, heading and text, in order; computed once per loaded base. */
export function contentVersion(base: KnowledgeBase): string {
  const known = contentVersions.get(base);
  if (known !== undefined) return known;
  const hash = createHash("sha256");
  for (const section of base.sections) {
    hash.update(section.id).update("\0").update(section.heading).update("\0");
    hash.update(section.text).update("\0\0");
  }
  const version = hash.digest("hex").slice(0, 16);
  contentVersions.set(base, version);
  return version;
}

/** A probe that throws or hangs past this is down. */
const PROBE_TIMEOUT_MS = 1000;

async function runProbe(probe: HealthProbe): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const up = await Promise.race([
      Promise.resolve().then(() => probe.check()),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      }),
    ]);
    return up ? "up" : "down";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

export async function healthStatus(
  knowledge: KnowledgeSource,
  version: string,
  probes: readonly HealthProbe[] = [],
): Promise<HealthStatus> {
  const { base } = knowledge.current();
  const states = await Promise.all(probes.map(runProbe));
  let status: HealthStatus["status"] = "ok";
  probes.forEach((probe, i) => {
    if (states[i] === "up") return;
    if (probe.required) status = "down";
    else if (status === "ok") status = "degraded";
  });
  return {
    status,
    sections: base.sections.length,
    contentVersion: contentVersion(base),
    version,
    ...(probes.length > 0 && {
      parts: Object.fromEntries(probes.map((probe, i) => [probe.name, states[i] ?? "down"])),
    }),
  };
}

/**
 * `GET /healthz` → {@link HealthStatus}: 200 when every required part is up (`ok` or
 * `degraded`), 503 when one is down, so a load balancer takes the replica out of rotation.
 */
export function createHealthHandler(
  knowledge: KnowledgeSource,
  version: string,
  probes: readonly HealthProbe[] = [],
) {
  return (_request: IncomingMessage, response: ServerResponse): void => {
    void healthStatus(knowledge, version, probes).then((health) => {
      response.writeHead(health.status === "down" ? 503 : 200, {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
      });
      response.end(JSON.stringify(health));
    });
  };
}
