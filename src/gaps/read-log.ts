import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type GapEvent, parseLogLine } from "./events.js";

export interface LogReadStats {
  lines: number;
  /** Lines that were not query or feedback events (plain text, other log lines, bad JSON). */
  skipped: number;
}

/**
 * Streams the query and feedback events of one log file, line by line, so a month of logs
 * never sits in memory. `.gz` files (rotated logs) are decompressed on the fly.
 */
export async function* readLogEvents(
  file: string,
  stats: LogReadStats = { lines: 0, skipped: 0 },
): AsyncGenerator<GapEvent> {
  const raw = createReadStream(file);
  const input: Readable = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  // pipe() does not forward errors: a missing file must still reject the reader.
  if (input !== raw) raw.on("error", (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      if (line.trim().length === 0) continue;
      stats.lines += 1;
      const event = parseLogLine(line);
      if (event) yield event;
      else stats.skipped += 1;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
