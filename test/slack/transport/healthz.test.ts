import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../../src/corpus/types.js";
import type { KnowledgeSource } from "../../../src/knowledge/types.js";
import {
  contentVersion,
  createHealthHandler,
  type HealthProbe,
  healthStatus,
} from "../../../src/slack/transport/healthz.js";

function baseOf(texts: string[]): KnowledgeBase {
  return {
    root: "/content",
    documents: [],
    warnings: [],
    sections: texts.map((text, i) => ({ id: `doc.md#s${i}`, heading: `S${i}`, text })),
  } as unknown as KnowledgeBase;
}

const knowledgeOf = (base: KnowledgeBase): KnowledgeSource => ({
  current: () => ({ base, index: {} as never, loadedAt: 0 }),
});

const probe = (name: string, required: boolean, check: HealthProbe["check"]): HealthProbe => ({
  name,
  required,
  check,
});

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function get(handler: ReturnType<typeof createHealthHandler>) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("contentVersion", () => {
  it("is the same for the same content and changes when a section's text changes", () => {
    expect(contentVersion(baseOf(["a", "b"]))).toBe(contentVersion(baseOf(["a", "b"])));
    expect(contentVersion(baseOf(["a", "b"]))).not.toBe(contentVersion(baseOf(["a", "c"])));
    expect(contentVersion(baseOf(["ab"]))).not.toBe(contentVersion(baseOf(["a", "b"])));
  });
});

describe("/healthz", () => {
  const knowledge = knowledgeOf(baseOf(["a"]));

  it("is ok with 200 when every part is up, naming each part", async () => {
    const handler = createHealthHandler(knowledge, "1.0.0", [
      probe("socket", true, () => true),
      probe("redis", false, async () => true),
    ]);
    expect(await get(handler)).toEqual({
      status: 200,
      body: {
        status: "ok",
        sections: 1,
        contentVersion: contentVersion(knowledge.current().base),
        version: "1.0.0",
        parts: { socket: "up", redis: "up" },
      },
    });
  });

  it("is degraded but 200 when Redis (optional) is down: the replica still answers", async () => {
    const handler = createHealthHandler(knowledge, "1", [probe("redis", false, () => false)]);
    expect(await get(handler)).toMatchObject({
      status: 200,
      body: { status: "degraded", parts: { redis: "down" } },
    });
  });

  it("is down with 503 when a required part is down, throws, or does not answer in time", async () => {
    for (const check of [
      () => false,
      () => {
        throw new Error("boom");
      },
      () => new Promise<boolean>(() => undefined),
    ]) {
      const handler = createHealthHandler(knowledge, "1", [
        probe("redis", false, () => true),
        probe("socket", true, check),
      ]);
      expect(await get(handler)).toMatchObject({
        status: 503,
        body: { status: "down", parts: { socket: "down", redis: "up" } },
      });
    }
  });

  it("has no parts when nothing is probed (the single-process HTTP default)", async () => {
    expect(await healthStatus(knowledge, "1")).not.toHaveProperty("parts");
  });
});
