import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createDedupe } from "../dedupe.js";

/**
 * Slack signs the time a request was sent; Bolt's receiver refuses requests dated more than five
 * minutes ago but accepts any date in the future, so a captured request post-dated by a year
 * could be replayed all that time. This check runs before the receiver: a request whose
 * timestamp is missing the mark by more than five minutes, either way, gets 401.
 */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function rejectOutOfWindow(
  next: Listener,
  onReject: (skewSeconds: number) => void,
  now: () => number = Date.now,
): Listener {
  return (req, res) => {
    const header = req.headers["x-slack-request-timestamp"];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    // Without a timestamp the receiver's own signature check refuses it; leave that to it.
    if (header !== undefined && Number.isFinite(timestamp)) {
      const skew = timestamp - Math.floor(now() / 1000);
      if (Math.abs(skew) > MAX_REQUEST_AGE_SECONDS) {
        onReject(skew);
        // Drain the body so the socket is freed, then answer.
        req.resume();
        res.writeHead(401).end();
        return;
      }
    }
    next(req, res);
  };
}

/** Bolt's own default body limit; a larger body gets 413, as Bolt would answer it. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads a POST body before the receiver does, and answers 400 at once when it can never be a
 * Slack payload: a JSON body (or a form `payload`) that is not an object. Bolt reads such a
 * body as `null`, throws on it outside any handler, and leaves the socket open. A usable body is
 * handed on as `rawBody`, which the receiver uses instead of reading the stream again.
 */
export function rejectUnusableBody(next: Listener, onReject: (reason: string) => void): Listener {
  return (req, res) => {
    if (req.method !== "POST") {
      next(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        onReject("body too large");
        res.writeHead(413).end();
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => {
      if (!res.headersSent) res.writeHead(400).end();
    });
    req.on("end", () => {
      if (refused) return;
      const rawBody = Buffer.concat(chunks);
      if (!isUsablePayload(rawBody, req.headers["content-type"])) {
        onReject("not a Slack payload");
        res.writeHead(400).end();
        return;
      }
      Object.assign(req, { rawBody });
      next(req, res);
    });
  };
}

/** Whether the body parses, as the receiver parses it, to an object. */
export function isUsablePayload(rawBody: Buffer, contentType: string | undefined): boolean {
  const text = rawBody.toString();
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      const payload = new URLSearchParams(text).get("payload");
      if (payload === null) return true; // a slash command's fields
      const parsed: unknown = JSON.parse(payload);
      return typeof parsed === "object" && parsed !== null;
    }
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null;
  } catch {
    // Malformed: the receiver answers that with its own 400 (or 401 when unsigned).
    return true;
  }
}

/** Signed requests remembered for replay detection; the oldest is forgotten first. */
export const MAX_REMEMBERED_REQUESTS = 10_000;

/** Whether `signature` is Slack's v0 signature of `timestamp` and `rawBody` under `secret`. */
export function hasValidSignature(
  secret: string,
  timestamp: string,
  rawBody: Buffer,
  signature: string,
): boolean {
  const expected = Buffer.from(
    `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(rawBody).digest("hex")}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The same signed bytes sent twice within the time window (a captured request replayed) are
 * answered once: a repeat of a validly signed request already seen gets an empty 200, so the
 * sender learns nothing, and goes no further. Keyed by signature and timestamp, remembered for
 * twice the window (a timestamp is accepted up to five minutes either side of now), at most
 * MAX_REMEMBERED_REQUESTS at a time. Requests with a bad signature are left to the receiver,
 * which refuses them; they are not remembered, so they cannot fill the memory or shadow a real
 * one. Runs after `rejectUnusableBody`, which leaves the body as `rawBody`.
 */
export function answerReplaysOnce(
  next: Listener,
  signingSecret: string,
  onReplay: () => void,
  now: () => number = Date.now,
): Listener {
  const seen = createDedupe({
    ttlMs: 2 * MAX_REQUEST_AGE_SECONDS * 1000,
    max: MAX_REMEMBERED_REQUESTS,
    now,
  });
  return (req, res) => {
    const rawBody = (req as { rawBody?: unknown }).rawBody;
    const timestamp = req.headers["x-slack-request-timestamp"];
    const signature = req.headers["x-slack-signature"];
    if (
      Buffer.isBuffer(rawBody) &&
      typeof timestamp === "string" &&
      typeof signature === "string" &&
      hasValidSignature(signingSecret, timestamp, rawBody, signature) &&
      !seen.firstSeen(`${signature} ${timestamp}`)
    ) {
      onReplay();
      res.writeHead(200).end();
      return;
    }
    next(req, res);
  };
}
