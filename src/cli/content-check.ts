/**
 * `npm run content:check [-- DIR] [--stats]`: validates a knowledge base before it ships.
 * Prints every problem as `file:line: severity: message` (file relative to the current
 * directory, so editors and terminals can jump to it), then a summary; exits 1 on any error.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadContentLimits } from "../config.js";
import { checkContent } from "../corpus/check.js";
import { assembleKnowledgeBase, loadParsedDocuments } from "../corpus/load.js";
import { runIfMain } from "./run-main.js";

export interface ContentCheckIo {
  out(text: string): void;
  err(text: string): void;
  /** Directory that printed paths are relative to. */
  cwd: string;
  /** Milliseconds, for --stats timings. */
  now(): number;
  /** Where MAX_FILE_BYTES is read from; the process environment when omitted. */
  env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: npm run content:check -- [DIR] [--stats]

Checks every .md/.mdx file under DIR (default ./content): frontmatter fields and types,
empty or over-long sections, duplicate titles, broken links between documents, and files
that could not be loaded. Problems print as file:line: severity: message.

  --stats      also load the content 5 times and print section counts and the median time
  -h, --help   show this message
`;

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const STATS_RUNS = 5;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function main(argv: readonly string[], io: ContentCheckIo): Promise<number> {
  let values: { stats: boolean; help: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        stats: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    io.err(`content:check: ${describe(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 1) {
    io.err(`content:check: expected one directory, got ${positionals.length}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const root = path.resolve(io.cwd, positionals[0] ?? "content");

  let parsed: Awaited<ReturnType<typeof loadParsedDocuments>>;
  let limits: ReturnType<typeof loadContentLimits>;
  const started = io.now();
  try {
    limits = loadContentLimits(io.env);
    parsed = await loadParsedDocuments(root, limits);
  } catch (error) {
    io.err(`content:check: ${describe(error)}\n`);
    return EXIT_FAILURE;
  }
  const firstLoadMs = io.now() - started;
  const base = assembleKnowledgeBase(parsed);

  const problems = checkContent(parsed);
  for (const problem of problems) {
    const file = path.relative(io.cwd, path.join(root, problem.file)) || problem.file;
    io.out(`${file}:${problem.line}: ${problem.severity}: ${problem.message}\n`);
  }
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  if (base.sections.length === 0) {
    io.out(`${path.relative(io.cwd, root) || "."}: error: no sections could be loaded\n`);
  }
  const failed = errors > 0 || base.sections.length === 0;

  if (values.stats) {
    const times = [firstLoadMs];
    for (let run = 1; run < STATS_RUNS; run++) {
      const start = io.now();
      assembleKnowledgeBase(await loadParsedDocuments(root, limits));
      times.push(io.now() - start);
    }
    const depths = new Map<number, number>();
    for (const section of base.sections) {
      depths.set(section.depth, (depths.get(section.depth) ?? 0) + 1);
    }
    const byDepth = [...depths.entries()]
      .sort(([a], [b]) => a - b)
      .map(([depth, count]) => `depth ${depth}: ${count}`)
      .join(", ");
    io.out(
      `stats: ${plural(parsed.files.length, "file")}, ${plural(base.documents.length, "document")}, ` +
        `${plural(base.sections.length, "section")} (${byDepth}), ${plural(parsed.warnings.length, "file")} skipped; ` +
        `ingest median ${median(times).toFixed(0)} ms over ${STATS_RUNS} runs ` +
        `(${times.map((time) => time.toFixed(0)).join(", ")})\n`,
    );
  }

  io.out(
    `content:check ${failed ? "failed" : "passed"}: ${plural(errors, "error")}, ` +
      `${plural(warnings, "warning")} in ${plural(parsed.files.length, "file")} ` +
      `(${plural(base.sections.length, "section")}) under ${path.relative(io.cwd, root) || "."}\n`,
  );
  return failed ? EXIT_FAILURE : EXIT_OK;
}

runIfMain(import.meta.url, "content:check", () =>
  main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    now: () => performance.now(),
  }),
);
