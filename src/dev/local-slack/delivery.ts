/**
 * Delivering to the bot as Slack does: over Socket Mode (`/socket?ticket=…`: `hello`, envelopes,
 * acks, `disconnect`) when a bot is connected, else as signed HTTP to its Request URL.
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import type { EventOptions } from "./api.js";
import { isObject } from "./http.js";
import type { Recorder } from "./recorder.js";
import { signedHeaders } from "./signing.js";
import type { DeliveryType, JsonObject, RecordedAck, Transport } from "./types.js";
import type { Workspace } from "./workspace.js";

interface PendingAck {
  id: string;
  type: DeliveryType;
  sentAt: number;
  resolve(ack: RecordedAck): void;
  reject(error: Error): void;
}

/** Resolves when something calls the waiter it adds to `waiters`; rejects after `timeoutMs`. */
function waitFor(waiters: Set<() => void>, timeoutMs: number, timeoutMessage: string) {
  return new Promise<void>((resolve, reject) => {
    const notify = () => {
      clearTimeout(timer);
      waiters.delete(notify);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(notify);
      reject(new Error(timeoutMessage));
    }, timeoutMs);
    waiters.add(notify);
  });
}

/** Slack takes a payload in the ack of a slash command, a view submission or an options request. */
function acceptsResponsePayload(type: DeliveryType, payload: JsonObject): boolean {
  if (type === "slash_commands") return true;
  if (type === "events_api") return false;
  return payload.type === "view_submission" || payload.type === "block_suggestion";
}

export interface DeliveryDeps {
  server: Server;
  workspace: Workspace;
  recorder: Recorder;
  signingSecret: string;
  ackTimeoutMs: number;
  requestUrl?: string;
  spreadEnvelopes?: boolean;
}

export interface Delivery {
  deliver(
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
    id?: string,
  ): Promise<RecordedAck>;
  issueTicket(): string;
  transport(): Transport | undefined;
  socketCount(): number;
  setRequestUrl(url: string | undefined): void;
  waitForSocket(timeoutMs?: number): Promise<void>;
  waitForSocketsClosed(timeoutMs?: number): Promise<void>;
  disconnectSockets(reason?: string): void;
  close(error: Error): void;
}

export function createDelivery(deps: DeliveryDeps): Delivery {
  const { server, workspace, signingSecret, ackTimeoutMs } = deps;
  const { acks } = deps.recorder;
  const options = { spreadEnvelopes: deps.spreadEnvelopes };
  const pendingAcks = new Map<string, PendingAck>();
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const socketWaiters = new Set<() => void>();
  const socketsClosedWaiters = new Set<() => void>();
  let requestUrl = deps.requestUrl;
  let nextSocket = 0;
  let closed = false;

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://local");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/socket" || !tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on("message", (data, isBinary) => {
        if (!isBinary) onSocketMessage(data.toString());
      });
      ws.on("close", () => {
        const index = sockets.indexOf(ws);
        if (index >= 0) sockets.splice(index, 1);
        if (sockets.length === 0) {
          for (const notify of [...socketsClosedWaiters]) notify();
        }
      });
      ws.on("error", () => {
        // A client that drops mid-frame is a closed client; `close` follows.
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: sockets.length,
          debug_info: {
            host: "local-slack",
            build_number: 1,
            approximate_connection_time: 18060,
          },
          connection_info: { app_id: workspace.appId },
        }),
      );
      for (const notify of [...socketWaiters]) notify();
    });
  });

  function onSocketMessage(text: string): void {
    const ackedAt = performance.now();
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.envelope_id !== "string") return;
    const pending = pendingAcks.get(message.envelope_id);
    if (!pending) return;
    pendingAcks.delete(pending.id);
    const payload = isObject(message.payload) ? message.payload : {};
    pending.resolve({
      deliveryId: pending.id,
      type: pending.type,
      transport: "socket",
      status: 200,
      payload,
      sentAt: pending.sentAt,
      ackedAt,
      ms: ackedAt - pending.sentAt,
    });
  }

  function openSocket(): WebSocket | undefined {
    if (options.spreadEnvelopes) {
      const open = sockets.filter((ws) => ws.readyState === ws.OPEN);
      if (open.length > 0) {
        nextSocket = (nextSocket + 1) % open.length;
        return open[nextSocket];
      }
    }
    for (let i = sockets.length - 1; i >= 0; i -= 1) {
      const ws = sockets[i];
      if (ws && ws.readyState === ws.OPEN) return ws;
    }
    return undefined;
  }

  function currentTransport(): Transport | undefined {
    if (sockets.some((ws) => ws.readyState === ws.OPEN)) return "socket";
    return requestUrl ? "http" : undefined;
  }

  function deliverOverSocket(
    id: string,
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
  ): Promise<RecordedAck> {
    const ws = openSocket();
    if (!ws) return Promise.reject(new Error("local Slack: no bot is connected over Socket Mode"));
    const timeoutMs = options.timeoutMs ?? ackTimeoutMs;
    return new Promise<RecordedAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        pendingAcks.delete(id);
        reject(new Error(`local Slack: no ack within ${timeoutMs} ms for ${type} envelope ${id}`));
      }, timeoutMs);
      const envelope: JsonObject = {
        envelope_id: id,
        payload,
        type,
        accepts_response_payload: acceptsResponsePayload(type, payload),
      };
      if (type === "events_api") {
        envelope.retry_attempt = options.retryNum ?? 0;
        envelope.retry_reason = options.retryReason ?? (options.retryNum ? "timeout" : "");
      }
      const text = JSON.stringify(envelope);
      pendingAcks.set(id, {
        id,
        type,
        sentAt: performance.now(),
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      ws.send(text);
    });
  }

  async function deliverOverHttp(
    id: string,
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
  ): Promise<RecordedAck> {
    if (!requestUrl) throw new Error("local Slack: no Request URL set for HTTP delivery");
    let body: string;
    let contentType: string;
    if (type === "events_api") {
      body = JSON.stringify(payload);
      contentType = "application/json";
    } else if (type === "slash_commands") {
      body = new URLSearchParams(payload as Record<string, string>).toString();
      contentType = "application/x-www-form-urlencoded";
    } else {
      body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      contentType = "application/x-www-form-urlencoded";
    }
    const headers = signedHeaders(signingSecret, body, contentType, options);
    const timeoutMs = options.timeoutMs ?? ackTimeoutMs;
    const sentAt = performance.now();
    const response = await fetch(requestUrl, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ackedAt = performance.now();
    let parsed: JsonObject = {};
    if (text.length > 0) {
      try {
        const value: unknown = JSON.parse(text);
        parsed = isObject(value) ? value : { value };
      } catch {
        parsed = { text };
      }
    }
    return {
      deliveryId: id,
      type,
      transport: "http",
      status: response.status,
      payload: parsed,
      sentAt,
      ackedAt,
      ms: ackedAt - sentAt,
    };
  }

  async function deliver(
    type: DeliveryType,
    payload: JsonObject,
    options: EventOptions,
    id: string = workspace.newEnvelopeId(),
  ): Promise<RecordedAck> {
    if (closed) throw new Error("local Slack: closed");
    const transport = options.transport ?? currentTransport();
    if (!transport) {
      throw new Error(
        "local Slack: no bot to deliver to (no Socket Mode connection, no Request URL)",
      );
    }
    const ack =
      transport === "socket"
        ? await deliverOverSocket(id, type, payload, options)
        : await deliverOverHttp(id, type, payload, options);
    acks.push(ack);
    return ack;
  }

  return {
    deliver,
    issueTicket() {
      const ticket = randomUUID();
      tickets.add(ticket);
      return ticket;
    },
    transport: currentTransport,
    socketCount: () => sockets.filter((ws) => ws.readyState === ws.OPEN).length,
    setRequestUrl(url) {
      requestUrl = url;
    },
    waitForSocket(timeoutMs = 5000) {
      if (openSocket()) return Promise.resolve();
      return waitFor(
        socketWaiters,
        timeoutMs,
        `local Slack: no Socket Mode connection within ${timeoutMs} ms`,
      );
    },
    waitForSocketsClosed(timeoutMs = 5000) {
      if (sockets.length === 0) return Promise.resolve();
      return waitFor(
        socketsClosedWaiters,
        timeoutMs,
        `local Slack: Socket Mode connections still open after ${timeoutMs} ms`,
      );
    },
    disconnectSockets(reason = "refresh_requested") {
      for (const ws of sockets) {
        ws.send(
          JSON.stringify({ type: "disconnect", reason, debug_info: { host: "local-slack" } }),
        );
      }
    },
    close(error) {
      closed = true;
      for (const pending of pendingAcks.values()) pending.reject(error);
      pendingAcks.clear();
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
