import { parseArgs } from "node:util";
import { docsBaseUrlProblem, type LocalSettings } from "../config.js";
import { loadKnowledgeBase } from "../corpus/load.js";
import { createSearchIndex } from "../search/index.js";
import { renderReply } from "../slack/views/reply.js";
import { renderMessageAsText } from "../slack/views/text.js";
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
import { runIfMain } from "./run-main.js";

/**
 * `npm run ask -- [--content DIR] [--json] "question"`: one question through the same
 * loader, search and views the bot uses, printed as readable text or as the Slack payload.
 */

export interface AskIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd(): string;
  /** Wall clock in ms, for the answer's age; `Date.now` by default. */
  now?(): number;
  /** `CONTENT_DIR` and `SLASH_COMMAND`; the process's own environment by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: npm run ask -- [options] "question"

Asks the knowledge base one question and prints the answer the bot would give.

Options:
  --content DIR         knowledge base directory (default: $CONTENT_DIR, else ./content)
  --docs-base-url URL   base URL of the published docs, for source links and links between pages (absolute http(s))
  --json                print the Slack message payload ({ text, blocks }) as JSON
  -h, --help            show this help`;

export async function main(argv: readonly string[], io: AskIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  let root: string;
  let settings: LocalSettings;
  try {
    parsed = parse(argv);
    if (parsed.values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (parsed.positionals.join(" ").trim() === "") throw new UsageError("missing question");
    const docsBaseUrl = parsed.values["docs-base-url"];
    const invalidUrl = docsBaseUrl === undefined ? undefined : docsBaseUrlProblem(docsBaseUrl);
    if (invalidUrl !== undefined) throw new UsageError(`--docs-base-url ${invalidUrl}`);
    settings = readLocalSettings(io.env);
    root = await resolveContentDir(parsed.values.content, settings, io.cwd());
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.stderr(usageMessage("ask", error, USAGE));
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const question = positionals.join(" ").trim();

  let base: Awaited<ReturnType<typeof loadKnowledgeBase>>;
  try {
    const docsBaseUrl = parsed.values["docs-base-url"];
    const cache = openParseCache(settings, [root], io.cwd());
    base = await loadKnowledgeBase(root, {
      ...(docsBaseUrl && { docsBaseUrl }),
      ...(cache !== undefined && { cache }),
    });
  } catch (error) {
    io.stderr(`ask: could not load the knowledge base from ${root}: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }
  for (const warning of base.warnings) {
    const where = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}`;
    io.stderr(`ask: skipped ${where}: ${warning.reason}\n`);
  }

  const index = createSearchIndex(base.sections);
  const response = index.search(question);
  const ctx = {
    ephemeral: true,
    command: settings.slashCommand,
    now: new Date((io.now ?? Date.now)()),
    ...(values["docs-base-url"] ? { docsBaseUrl: values["docs-base-url"] } : {}),
  };
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

function processIo(): AskIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: () => process.cwd(),
    now: () => Date.now(),
  };
}

runIfMain(import.meta.url, "ask", () => main(process.argv.slice(2)));
