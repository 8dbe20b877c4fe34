/**
 * `npm run gaps -- <log files…> [--since 7d] [--json]`: what the bot could not answer, what it
 * answered unhelpfully and what people ask most, from the bot's JSON log lines.
 */
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { GapEvent } from "../gaps/events.js";
import { renderGapsMarkdown } from "../gaps/markdown.js";
import { type LogReadStats, readLogEvents } from "../gaps/read-log.js";
import { buildGapsReport } from "../gaps/report.js";
import { parseSince } from "../gaps/since.js";
import { runIfMain } from "./run-main.js";

export interface GapsIo {
  out(text: string): void;
  err(text: string): void;
  now(): number;
}

const USAGE = `Usage: npm run gaps -- <log files…> [--since 7d] [--json]

Reads the bot's JSON log lines (plain or .gz) and reports unanswered questions, answers
marked not helpful and the most asked sections, as markdown.

  --since <when>  only events since 30m, 24h, 7d, 2w ago, or since an ISO date (2025-03-01)
  --json          print the report data as one JSON object on the last line instead
  -h, --help      show this message
`;

/** Same convention as `npm run ask`: 1 when the work failed, 2 when the command line was wrong. */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function main(argv: readonly string[], io: GapsIo): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    io.err(`gaps: ${describe(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (files.length === 0) {
    io.err(USAGE);
    return EXIT_USAGE;
  }

  let since: number | undefined;
  if (values.since !== undefined) {
    try {
      since = parseSince(values.since, io.now());
    } catch (error) {
      io.err(`gaps: ${describe(error)}\n`);
      return EXIT_USAGE;
    }
  }

  // Check every file before reading any, so a typo fails fast and names every culprit.
  const missing: string[] = [];
  for (const file of files) {
    try {
      await access(file);
    } catch {
      missing.push(file);
    }
  }
  if (missing.length > 0) {
    // A path on the command line that does not exist is a wrong command line, as in every command.
    io.err(missing.map((file) => `gaps: cannot read log file ${file}: not found\n`).join(""));
    return EXIT_USAGE;
  }

  const events: GapEvent[] = [];
  const stats: LogReadStats = { lines: 0, skipped: 0 };
  for (const file of files) {
    try {
      for await (const event of readLogEvents(file, stats)) events.push(event);
    } catch (error) {
      io.err(`gaps: cannot read log file ${file}: ${describe(error)}\n`);
      return EXIT_FAILURE;
    }
  }

  const report = buildGapsReport(events, since === undefined ? {} : { since });
  if (values.json) {
    io.out(`${JSON.stringify({ ...report, input: { files, ...stats } })}\n`);
  } else {
    io.out(renderGapsMarkdown(report, { files }));
  }
  return EXIT_OK;
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      since: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

runIfMain(import.meta.url, "gaps", () =>
  main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    now: () => Date.now(),
  }),
);
