/**
 * `npm run gaps -- <log files…> [--since 7d] [--json]`: what the bot could not answer, what it
 * answered unhelpfully and what people ask most, from the bot's JSON log lines.
 */
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { readDatabaseUrl } from "../config.js";
import type { GapEvent } from "../gaps/events.js";
import { renderGapsMarkdown } from "../gaps/markdown.js";
import { readWorkspaceEvents } from "../gaps/read-database.js";
import { type LogReadStats, readLogEvents } from "../gaps/read-log.js";
import { buildGapsReport } from "../gaps/report.js";
import { parseSince } from "../gaps/since.js";
import { runIfMain } from "./run-main.js";

export interface GapsIo {
  out(text: string): void;
  err(text: string): void;
  now(): number;
  /** Where DATABASE_URL is read for --database; the process's environment by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: npm run gaps -- <log files…> [--since 7d] [--json]
       npm run gaps -- --database [--since 7d] [--json]

Reads the bot's JSON log lines (plain or .gz) and reports unanswered questions, answers
marked not helpful and the most asked sections, as markdown. With --database it reads the
events the bot stored in PostgreSQL (DATABASE_URL) instead, one report per workspace.

  --since <when>  only events since 30m, 24h, 7d, 2w ago, or since an ISO date (2025-03-01)
  --json          print the report data as one JSON object on the last line instead
  --database      read the events stored in DATABASE_URL, reported per workspace
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
  if (values.database && files.length > 0) {
    io.err(`gaps: give log files or --database, not both\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (files.length === 0 && !values.database) {
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

  if (values.database) return reportFromDatabase(io, since, values.json);

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

/** One report per workspace (`team_id`) from the `bot_events` table. */
async function reportFromDatabase(
  io: GapsIo,
  since: number | undefined,
  json: boolean,
): Promise<number> {
  const url = readDatabaseUrl(io.env);
  if (url === undefined) {
    io.err("gaps: --database needs DATABASE_URL (postgres://…)\n");
    return EXIT_FAILURE;
  }
  let workspaces: Map<string, GapEvent[]>;
  try {
    workspaces = await readWorkspaceEvents(url, since);
  } catch (error) {
    // 42P01: no such table. The bot creates it when it first starts with this DATABASE_URL.
    const missing = (error as { code?: unknown }).code === "42P01";
    io.err(
      missing
        ? "gaps: no bot events in that database yet: the bot creates its tables when it first starts with this DATABASE_URL\n"
        : `gaps: cannot read the database: ${describe(error)}\n`,
    );
    return EXIT_FAILURE;
  }
  const reports = [...workspaces].map(([team, events]) => ({
    team,
    report: buildGapsReport(events, since === undefined ? {} : { since }),
  }));
  if (json) {
    io.out(
      `${JSON.stringify({ workspaces: Object.fromEntries(reports.map((r) => [r.team, r.report])) })}\n`,
    );
    return EXIT_OK;
  }
  if (reports.length === 0) io.out("No questions or feedback stored yet.\n");
  for (const { team, report } of reports) {
    io.out(`# Workspace ${team}\n\n${renderGapsMarkdown(report, {})}\n`);
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
      database: { type: "boolean", default: false },
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
