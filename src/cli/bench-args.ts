/**
 * `npm run bench`'s command line, apart from the measuring: which folders to measure and how
 * each row is labelled. `--content DIR` as in every other command; `--handbook DIR` is its
 * deprecated old name for the second folder, kept working with a warning.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_LATENCY } from "./bench-run.js";
import { DEFAULT_CONTENT, existingDirectory, UsageError } from "./cli-common.js";

/** Measured next to the knowledge base when nothing else is asked for, if it is there. */
export const DEFAULT_HANDBOOK = "../shared/corpora/18f-handbook";

export const BENCH_USAGE = `Usage: npm run bench -- [--content DIR]… [--rounds N] [--no-e2e] [--json]

Index build time, query latency (p50/p95/p99) and memory for each folder, next to MiniSearch
measured in the same run; process start to a ready index, and the end-to-end Slack round trip,
for the first folder. Rows are labelled by folder name.

  --content DIR   a folder to measure; repeat it for more. The first is measured with the
                  Delivery Manager questions, the others with the 18F handbook's, and the
                  largest of those others also replicated ten times. Default: ./content, then
                  ${DEFAULT_HANDBOOK} when it exists
  --handbook DIR  deprecated: the same as a second --content DIR
  --rounds N      timed rounds over the questions (default ${DEFAULT_LATENCY.rounds})
  --no-e2e        skip the end-to-end Slack round trip
  --json          also print every row as one JSON object on the last line
  -h, --help      show this help
`;

export interface BenchFolder {
  dir: string;
  /** The row's name: the folder's own name ("content", "18f-handbook"). */
  label: string;
}

export interface BenchArgs {
  help: boolean;
  /** The knowledge base: readiness and the end-to-end round trip are measured on it. */
  content: BenchFolder;
  /** Other folders, measured with the handbook questions. */
  others: BenchFolder[];
  /** The default handbook folder, absent here: reported as a skipped row, not an error. */
  missingDefault?: string;
  rounds: number;
  json: boolean;
  e2e: boolean;
  /** Printed on stderr before measuring (a deprecated option). */
  warnings: string[];
}

/** A row label per folder: its name, made unique with a number when two share one. */
function labelFolders(dirs: readonly string[]): BenchFolder[] {
  const seen = new Map<string, number>();
  return dirs.map((dir) => {
    const name = path.basename(dir) || dir;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return { dir, label: count === 1 ? name : `${name} (${count})` };
  });
}

/** Parses and checks the command line; a wrong one throws (a UsageError or parseArgs' own). */
export async function parseBenchArgs(argv: readonly string[], cwd: string): Promise<BenchArgs> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: "string", multiple: true },
      handbook: { type: "string" },
      rounds: { type: "string" },
      json: { type: "boolean", default: false },
      "no-e2e": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const base = {
    rounds: DEFAULT_LATENCY.rounds,
    json: values.json,
    e2e: !values["no-e2e"],
    warnings: [] as string[],
  };
  if (values.help) {
    const content = { dir: path.resolve(cwd, DEFAULT_CONTENT), label: DEFAULT_CONTENT };
    return { ...base, help: true, content, others: [] };
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${positionals[0]}: folders go after --content`);
  }
  const rounds = values.rounds === undefined ? DEFAULT_LATENCY.rounds : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new UsageError(`--rounds must be a positive integer (got "${values.rounds}")`);
  }

  const given = [...(values.content ?? [])].map((dir) => ({ dir, from: "--content" }));
  if (values.handbook !== undefined) {
    base.warnings.push("bench: --handbook is deprecated; use --content DIR (repeatable) instead");
    if (given.length === 0)
      given.push({ dir: DEFAULT_CONTENT, from: "the default content folder" });
    given.push({ dir: values.handbook, from: "--handbook" });
  }
  let missingDefault: string | undefined;
  if (given.length === 0) {
    given.push({ dir: DEFAULT_CONTENT, from: "the default content folder" });
    const handbook = path.resolve(cwd, DEFAULT_HANDBOOK);
    if (existsSync(handbook)) given.push({ dir: DEFAULT_HANDBOOK, from: "the default handbook" });
    else missingDefault = handbook;
  }
  const dirs: string[] = [];
  for (const { dir, from } of given) {
    dirs.push(await existingDirectory(path.resolve(cwd, dir), from));
  }
  const [content, ...others] = labelFolders(dirs);
  if (!content) throw new UsageError("no folder to measure");
  return {
    ...base,
    rounds,
    help: false,
    content,
    others,
    ...(missingDefault !== undefined && { missingDefault }),
  };
}
