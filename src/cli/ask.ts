import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadKnowledgeBase } from "../corpus/load.js";
import { createSearchIndex } from "../search/index.js";
import { renderReply } from "../slack/views/reply.js";
import { renderMessageAsText } from "../slack/views/text.js";
import { runIfMain } from "./run-main.js";

/**
 * `npm run ask -- [--content DIR] [--json] "question"`: one question through the same
 * loader, search and views the bot uses, printed as readable text or as the Slack payload.
 */

export interface AskIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd(): string;
}

const USAGE = `Usage: npm run ask -- [options] "question"

Asks the knowledge base one question and prints the answer the bot would give.

Options:
  --content DIR         knowledge base directory (default: ./content)
  --docs-base-url URL   base URL of the published docs, for source links
  --json                print the Slack message payload ({ text, blocks }) as JSON
  -h, --help            show this help`;

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

export async function main(argv: readonly string[], io: AskIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const question = positionals.join(" ").trim();
  if (!question) {
    io.stderr(`Missing question.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }

  const root = resolve(io.cwd(), values.content ?? "content");
  if (!(await isDirectory(root))) {
    io.stderr(`Content directory not found: ${root}\nPass another one with --content DIR.\n`);
    return EXIT_FAILURE;
  }

  let base: Awaited<ReturnType<typeof loadKnowledgeBase>>;
  try {
    base = await loadKnowledgeBase(root);
  } catch (error) {
    io.stderr(`Could not load the knowledge base from ${root}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  if (base.warnings.length > 0) {
    io.stderr(
      `${base.warnings.length} file(s) skipped while loading; run \`npm run content:check\` for details.\n`,
    );
  }

  const index = createSearchIndex(base.sections);
  const response = index.search(question);
  const ctx = values["docs-base-url"]
    ? { ephemeral: true, docsBaseUrl: values["docs-base-url"] }
    : { ephemeral: true };
  const message = renderReply(response, ctx);

  if (values.json) {
    io.stdout(`${JSON.stringify(message, null, 2)}\n`);
  } else {
    io.stdout(`${renderMessageAsText(message).text}\n`);
  }
  return EXIT_OK;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: "string" },
      "docs-base-url": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function processIo(): AskIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: () => process.cwd(),
  };
}

runIfMain(import.meta.url, "ask", () => main(process.argv.slice(2)));
