/**
 * A round-robin HTTP load balancer on loopback, for running several replicas of the bot behind
 * one Request URL (the multi-replica tests, the compose-less local try-out). Each request goes to
 * the next upstream; one that refuses the connection or drops it before answering is skipped and
 * the request (body buffered) goes to the next, as a load balancer with passive health checks
 * does. Nothing in the bot imports it.
 */
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedRequest {
  path: string;
  /** Upstreams tried, in order; the last one answered unless `status` is 502. */
  tried: string[];
  status: number;
}

export interface RoundRobinProxy {
  readonly url: string;
  /** Every request handled, in arrival order. */
  readonly log: readonly ProxiedRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(
  upstream: string,
  req: IncomingMessage,
  body: Buffer,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? "/", upstream);
    const outgoing = request(
      target,
      {
        method: req.method,
        headers: { ...req.headers, host: target.host, "content-length": String(body.length) },
        timeout: timeoutMs,
        // A fresh connection per request: a pooled one the replica closes while idle would fail
        // the request and look like a dead replica.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error("upstream timed out")));
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

export async function startRoundRobinProxy(
  upstreams: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error("round-robin proxy: no upstreams");
  const timeoutMs = options.timeoutMs ?? 5000;
  const log: ProxiedRequest[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const entry: ProxiedRequest = { path: req.url ?? "/", tried: [], status: 502 };
      log.push(entry);
      const start = next;
      next = (next + 1) % upstreams.length;
      for (let i = 0; i < upstreams.length; i += 1) {
        const upstream = upstreams[(start + i) % upstreams.length] ?? "";
        entry.tried.push(upstream);
        try {
          const answer = await forward(upstream, req, body, timeoutMs);
          entry.status = answer.status;
          const headers = { ...answer.headers };
          delete headers["transfer-encoding"];
          headers["content-length"] = String(answer.body.length);
          res.writeHead(answer.status, headers);
          res.end(answer.body);
          return;
        } catch {
          // Refused or dropped: this upstream is down; the next one gets the request.
        }
      }
      res.writeHead(502).end();
    })();
  });
  // Longer than fetch's own idle timeout (4 s), so the client, never the proxy, closes an idle
  // kept-alive connection: otherwise a request can race the close and fail with ECONNRESET.
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
