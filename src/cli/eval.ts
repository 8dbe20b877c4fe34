/**
 * `npm run eval -- <questions.json> [--content DIR] [--json]`
 * `npm run eval -- --suite [FILE] [--split dev|test|all] [--fit] [--loco] [--ablate] [--verbose]`
 *
 * One set: runs a question set against the knowledge base and prints, per question, the rank of
 * the first result whose displayed text satisfies the expectation and why the bot answered or
 * not, then a summary with baselines (fuse.js defaults, MiniSearch) computed over the same
 * sections in the same run. With --json the last line of stdout is the summary as one JSON object.
 *
 * The suite (default test/eval/suite.json): every set and split in one table, index next to the
 * baselines. --fit fits the answer decision on the dev splits and prints the model to paste into
 * src/search/tuning.ts; --loco reports each corpus with the decision fitted on the others;
 * --ablate prints what switching off each rule costs on the dev splits.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadKnowledgeBase } from "../corpus/load.js";
import { formatRun, loadQuestionSet, runEval, summaryJson } from "./eval-run.js";
import {
  ablate,
  createSuiteContext,
  fitOnDev,
  formatSuite,
  leaveOneCorpusOut,
  loadSuite,
  runSuite,
} from "./eval-suite.js";

const USAGE =
  "usage: npm run eval -- <questions.json> [--content DIR] [--json]\n" +
  "       npm run eval -- --suite [FILE] [--split dev|test|all] [--fit] [--loco] [--ablate] [--verbose]";

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: "string", default: "content" },
      json: { type: "boolean" },
      suite: { type: "boolean" },
      split: { type: "string", default: "dev" },
      fit: { type: "boolean" },
      loco: { type: "boolean" },
      ablate: { type: "boolean" },
      verbose: { type: "boolean" },
    },
  });
  if (values.suite) return suite(positionals[0] ?? "test/eval/suite.json", values);
  const questionsPath = positionals[0];
  if (questionsPath === undefined) throw new Error(USAGE);
  const questions = await loadQuestionSet(resolve(questionsPath));
  const base = await loadKnowledgeBase(resolve(values.content));
  const run = runEval(questions, base.sections);
  process.stdout.write(
    `${base.sections.length} sections from ${base.root}; ${questions.length} questions\n`,
  );
  process.stdout.write(`${formatRun(run).join("\n")}\n`);
  if (values.json) process.stdout.write(`${summaryJson(run)}\n`);
}

async function suite(
  file: string,
  options: { split?: string; fit?: boolean; loco?: boolean; ablate?: boolean; verbose?: boolean },
): Promise<void> {
  const split = options.split ?? "dev";
  if (!["dev", "test", "all"].includes(split)) throw new Error(USAGE);
  const suitePath = resolve(file);
  // Paths in the suite are relative to where npm runs: the repository root.
  // Paths in the suite are relative to where npm runs it: the repository root.
  const { sets, skipped } = await loadSuite(suitePath, process.cwd());
  for (const line of skipped) process.stderr.write(`skipped ${line}\n`);
  const chosen = sets.filter((set) => split === "all" || set.split === split || options.fit);
  const context = createSuiteContext();
  const out = (lines: string[]) => process.stdout.write(`${lines.join("\n")}\n`);
  let results = await runSuite(chosen, context);
  if (options.fit) {
    const model = fitOnDev(results);
    out(["Decision fitted on the dev splits:", JSON.stringify(model, null, 2), ""]);
    results = await runSuite(
      chosen.filter((set) => split === "all" || set.split === split),
      context,
      { decision: model },
    );
    out(["With that decision:"]);
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
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
