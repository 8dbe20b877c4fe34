import type { IncomingMessage, ServerResponse } from "node:http";

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
