/** HTTP plumbing shared by the local Slack's routes: bodies in, JSON out. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JsonObject } from "./types.js";

/** Fields Slack decodes as JSON when they come form-encoded. */
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "view",
  "metadata",
  "unfurls",
  "user_auth_blocks",
  "channels",
  "users",
  "options",
]);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Form fields as Slack reads them: the JSON ones (`blocks`, `view`…) decoded. */
export function decodeFormFields(params: URLSearchParams): JsonObject {
  const args: JsonObject = {};
  for (const [key, value] of params) {
    if (JSON_FIELDS.has(key) && /^\s*[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Slack answers such a field with a parse error; keeping the raw string lets the checks refuse it.
      }
    }
    args[key] = value;
  }
  return args;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: JsonObject,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
