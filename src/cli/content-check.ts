/**
 * `npm run content:check [-- DIR] [--strict] [--all] [--stats]`: validates a knowledge base
 * before it ships. Prints problems as `file:line: severity: message` (file relative to the
 * current directory, so editors and terminals can jump to it) — every one when there are few or
 * with --all — then one line per kind of problem with a few examples, then a summary; exits 1
 * on any error.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadContentLimits } from "../config.js";
import { type ContentProblem, checkContent } from "../corpus/check.js";
import {
  assembleKnowledgeBase,
  loadParsedDocuments,
  type ParsedKnowledgeBase,
} from "../corpus/load.js";
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

const USAGE = `Usage: npm run content:check -- [DIR | --content DIR] [--strict] [--all] [--stats]

Checks what the bot needs from the handbook under DIR (default ./content): every file loads,
every page has a title, links and anchors between pages resolve, no section is too long for
Slack, and no markup (wiki links, admonitions, template tags, JSX…) would reach an answer.
Problems print as file:line: severity: message, then one line per kind of problem.

  --content DIR  the folder to check, as in every other command (the same as DIR)
  --strict     also require this project's authoring fields (tags, order, sources), an
               absolute url, and unique titles
  --all        print every problem, however many (default: all when there are at most 20)
  --stats      also load the content 5 times and print section counts and the median time
  -h, --help   show this message
`;

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const STATS_RUNS = 5;
/** Problems printed one by one without --all; past this, only the summary per kind. */
const DETAIL_LIMIT = 20;
/** Examples named on each kind's summary line. */
const EXAMPLES_PER_KIND = 3;

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

/**
 * One line per kind of problem, errors first, then by count: "error: broken link ×12, e.g.
 * a.md:8 (broken link: x.md …); b.md:3; c.md:9".
 */
export function summariseByKind(
  problems: readonly ContentProblem[],
  where: (problem: ContentProblem) => string,
  withExamples = true,
): string[] {
  const groups = new Map<string, ContentProblem[]>();
  for (const problem of problems) {
    const key = `${problem.severity}\u0000${problem.kind}`;
    const group = groups.get(key);
    if (group) group.push(problem);
    else groups.set(key, [problem]);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        Number(a[0]?.severity === "warning") - Number(b[0]?.severity === "warning") ||
        b.length - a.length,
    )
    .map((group) => {
      const [first, ...rest] = group;
      if (!first) return "";
      if (!withExamples) return `${first.severity}: ${first.kind} ×${group.length}`;
      const examples = [
        `${where(first)} (${first.message})`,
        ...rest.slice(0, EXAMPLES_PER_KIND - 1).map(where),
      ];
      const more = group.length > EXAMPLES_PER_KIND ? "; …" : "";
      return `${first.severity}: ${first.kind} ×${group.length}, e.g. ${examples.join("; ")}${more}`;
    });
}

/**
 * One line per page marked `draft: true`, answers captured from Slack first: what awaits an
 * editor's review. The bot searches them only with SERVE_DRAFTS=true.
 */
export function listDrafts(
  parsed: Pick<ParsedKnowledgeBase, "documents">,
  root: string,
  cwd: string,
): string[] {
  const drafts = parsed.documents
    .map((entry) => entry.document)
    .filter((document) => document.draft !== undefined)
    .sort((a, b) => Number(a.draft !== "slack") - Number(b.draft !== "slack"));
  if (drafts.length === 0) return [];
  return [
    `drafts: ${plural(drafts.length, "page")} marked draft: true, searched only with SERVE_DRAFTS=true:`,
    ...drafts.map(
      (document) =>
        `  ${path.relative(cwd, path.join(root, document.path)) || document.path}: ${
          document.draft === "slack" ? "unreviewed answer from Slack" : "draft"
        }: ${document.title}`,
    ),
  ];
}

export async function main(argv: readonly string[], io: ContentCheckIo): Promise<number> {
  let values: { stats: boolean; help: boolean; strict: boolean; all: boolean; content?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        content: { type: "string" },
        stats: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        all: { type: "boolean", default: false },
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
  const dirs = [...(values.content === undefined ? [] : [values.content]), ...positionals];
  if (dirs.length > 1) {
    io.err(`content:check: expected one directory, got ${dirs.length}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const root = path.resolve(io.cwd, dirs[0] ?? "content");

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
  // Drafts are checked like every page: an editor will publish them.
  const base = assembleKnowledgeBase(parsed, { serveDrafts: true });

  const problems = checkContent(parsed, { strict: values.strict });
  const where = (problem: ContentProblem) =>
    `${path.relative(io.cwd, path.join(root, problem.file)) || problem.file}:${problem.line}`;
  const detailed = values.all || problems.length <= DETAIL_LIMIT;
  if (detailed) {
    for (const problem of problems) {
      io.out(`${where(problem)}: ${problem.severity}: ${problem.message}\n`);
    }
  }
  for (const line of summariseByKind(problems, where, !detailed)) io.out(`${line}\n`);
  for (const line of listDrafts(parsed, root, io.cwd)) io.out(`${line}\n`);
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
