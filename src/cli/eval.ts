/**
 * `npm run eval -- <questions.json> [--content DIR] [--json]`
 *
 * Runs a question set against the knowledge base and prints, per question, the rank of the
 * first result whose displayed text satisfies the expectation, then a summary with baselines
 * (fuse.js defaults, MiniSearch) computed over the same sections in the same run. With --json
 * the last line of stdout is the summary as one JSON object.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadKnowledgeBase } from "../corpus/load.js";
import { formatRun, loadQuestionSet, runEval, summaryJson } from "./eval-run.js";

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { content: { type: "string", default: "content" }, json: { type: "boolean" } },
  });
  const questionsPath = positionals[0];
  if (questionsPath === undefined) {
    throw new Error("usage: npm run eval -- <questions.json> [--content DIR] [--json]");
  }
  const questions = await loadQuestionSet(resolve(questionsPath));
  const base = await loadKnowledgeBase(resolve(values.content));
  const run = runEval(questions, base.sections);
  process.stdout.write(
    `${base.sections.length} sections from ${base.root}; ${questions.length} questions\n`,
  );
  process.stdout.write(`${formatRun(run).join("\n")}\n`);
  if (values.json) process.stdout.write(`${summaryJson(run)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
