import type { IncomingMessage, ServerResponse } from "node:http";
import type { KnowledgeSource } from "../knowledge/types.js";

export const HEALTH_PATH = "/healthz";

export interface HealthStatus {
  status: "ok";
  /** Sections in the knowledge the bot is answering from right now. */
  sections: number;
  version: string;
}

export function healthStatus(knowledge: KnowledgeSource, version: string): HealthStatus {
  return { status: "ok", sections: knowledge.current().base.sections.length, version };
}

/** `GET /healthz` → 200 with {@link HealthStatus}, for load balancers and orchestrators. */
export function createHealthHandler(knowledge: KnowledgeSource, version: string) {
  return (_request: IncomingMessage, response: ServerResponse): void => {
    const body = JSON.stringify(healthStatus(knowledge, version));
    response.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
    });
    response.end(body);
  };
}
