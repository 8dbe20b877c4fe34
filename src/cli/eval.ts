/**
 * `npm run eval -- <questions.json> [--content DIR] [--json]`
 * `npm run eval -- --suite [FILE] [--split dev|test|calibration|all] [--fit] [--calibrate] [--loco]
 *   [--ablate] [--typos] [--padding FILE] [--seed N] [--verbose]`
 *
 * One set: runs a question set against the knowledge base and prints, per question, the rank of
 * the first result whose displayed text satisfies the expectation and why the bot answered or
 * not, then a summary with baselines (fuse.js defaults, MiniSearch) computed over the same
 * sections in the same run. With --json the last line of stdout is the summary as one JSON object.
 *
 * The suite (default test/eval/suite.json): every set and split in one table, index next to the
 * baselines. --fit fits the answer decision's weights on the dev splits and its operating points
 * on the calibration splits and prints the model to paste into src/search/tuning.ts; --calibrate
 * sets only the points, for the shipped weights; --loco reports each corpus with the decision
 * fitted on the others; --ablate prints what switching off each rule costs on the dev splits;
 * --typos and --padding score every chosen set again with synthetic typos or Slack padding
 * (eval-noise.ts).
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadKnowledgeBase } from "../corpus/load.js";
import type { DecisionModel } from "../search/decide.js";
import { DEFAULT_TUNING } from "../search/tuning.js";
import {
  describeError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  isUsageError,
  openParseCache,
  readLocalSettings,
  resolveContentDir,
  UsageError,
  usageMessage,
} from "./cli-common.js";
import { parsePadding } from "./eval-noise.js";
import { formatRun, loadQuestionSet, readJsonFile, runEval, summaryJson } from "./eval-run.js";
import {
  ablate,
  calibrateLeaveOneCorpusOut,
  calibrateOnSplit,
  createSuiteContext,
  fitOnDev,
  formatSuite,
  leaveOneCorpusOut,
  loadSuite,
  type Noise,
  paddingNoise,
  robustness,
  runSuite,
  type SuiteSet,
  typoNoise,
} from "./eval-suite.js";
import { runIfMain } from "./run-main.js";

const USAGE = `Usage: npm run eval -- <questions.json> [--content DIR] [--json]
       npm run eval -- --suite [FILE] [--split dev|test|calibration|all] [--fit] [--calibrate]
                       [--loco] [--ablate] [--typos] [--padding FILE] [--seed N] [--verbose]

One question set: scores the answers on <questions.json> (a JSON array of
{"q": "...", "expect": [["alt", "alt"], ["alt"]] | null}) against the knowledge base, next to
two baselines, with the reason for each decision.

  --content DIR   knowledge base directory (default: $CONTENT_DIR, else ./content)
  --json          also print the summary as one JSON object on the last line

The suite (default test/eval/suite.json): every set and split in one table.

  --split S       dev (default), test, calibration or all
  --fit           fit the answer decision on the dev splits (operating points on the
                  calibration splits, if any) and print it
  --calibrate     set the decision's operating points on the calibration splits, print them
                  (and leave-one-corpus-out) and score the chosen split with them
  --loco          report the decision fitted leave-one-corpus-out
  --ablate        what switching off each rule costs on the dev splits
  --typos         score the chosen sets again with one random typo per question (two copies
                  of each), next to the sets as written
  --padding FILE  score the chosen sets again with Slack padding around each question (two
                  copies of each): FILE is {"openers": [...], "closers": [...]}, as
                  test/eval/padding.dev.json
  --seed N        the seed of --typos and --padding, a whole number (default 1)
  --verbose       list every miss
  -h, --help      show this help
`;

const SPLITS = ["dev", "test", "calibration", "all"];

export interface EvalIo {
  out(text: string): void;
  err(text: string): void;
  cwd(): string;
  /** `CONTENT_DIR`; the process's own environment by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: "string" },
      json: { type: "boolean" },
      suite: { type: "boolean" },
      split: { type: "string", default: "dev" },
      fit: { type: "boolean" },
      calibrate: { type: "boolean" },
      loco: { type: "boolean" },
      ablate: { type: "boolean" },
      typos: { type: "boolean" },
      padding: { type: "string" },
      seed: { type: "string", default: "1" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export async function main(argv: readonly string[], io: EvalIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  let questionsPath = "";
  let contentDir = "";
  try {
    parsed = parse(argv);
    if (parsed.values.help) {
      io.out(USAGE);
      return EXIT_OK;
    }
    const { values, positionals } = parsed;
    if (positionals.length > 1)
      throw new UsageError(`expected one questions file, got ${positionals.length}`);
    if (!SPLITS.includes(values.split))
      throw new UsageError(`--split must be dev, test, calibration or all (got "${values.split}")`);
    if (!/^\d{1,9}$/.test(values.seed))
      throw new UsageError(`--seed must be a whole number (got "${values.seed}")`);
    if (values.typos && !values.suite) throw new UsageError("--typos goes with --suite");
    if (values.padding !== undefined) {
      if (!values.suite) throw new UsageError("--padding goes with --suite");
      await existingFile(resolve(io.cwd(), values.padding), "the padding file");
    }
    if (values.suite) {
      questionsPath = resolve(io.cwd(), positionals[0] ?? "test/eval/suite.json");
      await existingFile(questionsPath, "the suite file");
    } else {
      const given = positionals[0];
      if (given === undefined) throw new UsageError("missing the questions file");
      questionsPath = resolve(io.cwd(), given);
      await existingFile(questionsPath, "the questions file");
      contentDir = await resolveContentDir(values.content, readLocalSettings(io.env), io.cwd());
    }
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.err(usageMessage("eval", error, USAGE));
    return EXIT_USAGE;
  }
  const { values } = parsed;
  try {
    if (values.suite) {
      await suite(questionsPath, values, io);
      return EXIT_OK;
    }
    const questions = await loadQuestionSet(questionsPath);
    const cache = openParseCache(readLocalSettings(io.env), [contentDir], io.cwd());
    const base = await loadKnowledgeBase(contentDir, cache === undefined ? {} : { cache });
    for (const warning of base.warnings) {
      const where = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}`;
      io.err(`eval: skipped ${where}: ${warning.reason}\n`);
    }
    const run = runEval(questions, base.sections);
    io.out(`${base.sections.length} sections from ${base.root}; ${questions.length} questions\n`);
    io.out(`${formatRun(run).join("\n")}\n`);
    if (values.json) io.out(`${summaryJson(run)}\n`);
    return EXIT_OK;
  } catch (error) {
    io.err(`eval: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }
}

async function existingFile(file: string, what: string): Promise<void> {
  const isFile = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) throw new UsageError(`${what} does not exist: ${file}`);
}

async function suite(
  suitePath: string,
  options: {
    split?: string;
    fit?: boolean;
    calibrate?: boolean;
    loco?: boolean;
    ablate?: boolean;
    typos?: boolean;
    padding?: string;
    seed?: string;
    verbose?: boolean;
  },
  io: EvalIo,
): Promise<void> {
  const split = options.split ?? "dev";
  // Paths in the suite are relative to where npm runs it: the repository root.
  const { sets, skipped } = await loadSuite(suitePath, io.cwd());
  for (const line of skipped) io.err(`skipped ${line}\n`);
  const inSplit = (set: SuiteSet) => split === "all" || set.split === split;
  const chosen = sets.filter(
    (set) =>
      inSplit(set) ||
      (options.fit === true && set.split !== "test") ||
      (options.calibrate === true && set.split === "calibration"),
  );
  const context = createSuiteContext(
    openParseCache(
      readLocalSettings(io.env),
      chosen.map((set) => set.corpus),
      io.cwd(),
    ),
  );
  const out = (lines: string[]) => io.out(`${lines.join("\n")}\n`);
  let results = await runSuite(chosen, context);
  // The decision the table is scored with, when --fit or --calibrate replaced the shipped one:
  // the typo run must use it too, or the two columns would compare two decisions.
  let decision: DecisionModel | undefined;
  if (options.fit) {
    // Weights from the dev splits; operating points from the calibration splits when there are
    // any, as the shipped decision is set (the dev questions' evidence is stronger than new ones').
    const fitted = fitOnDev(results);
    const model = calibrateOnSplit(results, fitted) ?? fitted;
    out([
      model === fitted
        ? "Decision fitted on the dev splits (operating points too: no calibration split):"
        : "Decision fitted on the dev splits, operating points set on the calibration splits:",
      JSON.stringify(model, null, 2),
      "",
    ]);
    decision = model;
    results = await runSuite(chosen.filter(inSplit), context, { decision: model });
    out(["With that decision:"]);
  } else if (options.calibrate) {
    const model = calibrateOnSplit(results, DEFAULT_TUNING.decision);
    if (model === undefined) throw new Error(`${suitePath}: no calibration split to calibrate on`);
    out([
      "Operating points set on the calibration splits (weights as shipped):",
      JSON.stringify({ answerAt: model.answerAt, bestMatchAt: model.bestMatchAt }),
      "",
      "Leave one corpus out (points set on the other corpora's calibration splits):",
      ...calibrateLeaveOneCorpusOut(results, DEFAULT_TUNING.decision).map(
        (entry) =>
          `  ${entry.corpus}: best match at ${entry.model.bestMatchAt.toFixed(3)}, ` +
          `top1 ${entry.top1.toFixed(2)}, abstain ${entry.abstain.toFixed(2)}`,
      ),
      "",
    ]);
    decision = model;
    results = await runSuite(chosen.filter(inSplit), context, { decision: model });
    out(["With those operating points:"]);
  }
  out(formatSuite(results));
  if (options.verbose) {
    for (const { set, run } of results) {
      out([
        "",
        `== ${set.name} ${set.split}`,
        ...run.report.misses.map((m) => `  ${m.q} → ${m.got}`),
      ]);
    }
  }
  if (options.loco) {
    const all = await runSuite(sets, context, { baselines: false });
    out(["", "Leave one corpus out (decision fitted on the other corpora's dev splits):"]);
    for (const entry of await leaveOneCorpusOut(all, context)) {
      out([
        `held out ${entry.corpus}: ${JSON.stringify(entry.model)}`,
        ...formatSuite(entry.results),
      ]);
    }
  }
  if (options.ablate) out(["", ...(await ablate(results, context))]);
  const seed = Number(options.seed ?? "1");
  const noises: Noise[] = [];
  if (options.typos) noises.push(typoNoise(seed));
  if (options.padding !== undefined) {
    const file = resolve(io.cwd(), options.padding);
    const padding = parsePadding(await readJsonFile(file), file);
    noises.push(paddingNoise(padding, options.padding, seed));
  }
  for (const noise of noises) {
    const tuning = decision && { tuning: { decision } };
    out(["", ...(await robustness(results, context, noise, tuning))]);
  }
}

function processIo(): EvalIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: () => process.cwd(),
  };
}

runIfMain(import.meta.url, "eval", () => main(process.argv.slice(2)));
