/**
 * `npm run playground`: the real bot against a local Slack on loopback, driven from the
 * terminal. No tokens, no network: type `/dm …`, `@bot …`, a DM, `home`, or a button's number.
 * Works the same when stdin is a pipe: each line is answered before the next is read.
 */
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pino from "pino";
import { type InFlight, trackInFlight } from "../dev/in-flight.js";
import { DEFAULT_CONTENT_DIR, type LocalBot, startLocalBot } from "../dev/local-bot.js";
import { type LocalSlack, startLocalSlack } from "../dev/local-slack/index.js";
import { describeShown, formatShown, type Shown } from "../dev/transcript.js";
// Slack escapes `&`, `<` and `>` in what a person types before any app sees it: the same escaping.
import { escapeText } from "../slack/views/escape.js";
import { runIfMain } from "./run-main.js";

export interface PlaygroundOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where the bot's log lines go: a file, or null to drop them. Default: a file in the OS temp dir. */
  logFile?: string | null;
  contentDir?: string;
  /** How long to wait for the bot to finish a reply before giving up on it. */
  replyTimeoutMs?: number;
  /** Interactive prompt; by default when both streams are terminals. */
  terminal?: boolean;
  /** Ends the session as EOF does (the CLI aborts it on Ctrl-C). */
  signal?: AbortSignal;
}

export const DEFAULT_LOG_FILE = join(tmpdir(), "handbook-bot-playground.log");

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const HELP = `Type:
  /dm <question>     ask privately: the answer is only visible to you (/dm help, /dm topics)
  @bot <question>    mention the bot in #general: it answers in a thread
  > <message>        reply in that thread without a mention (a follow-up, or a thank-you)
  <question>         anything else is a direct message to the bot
  home               open the bot's Home tab; then  search <words>  searches from it
  1, 2, …            press a numbered button (or pick a numbered option) of the last reply
  help               this help;  Ctrl-D (or Ctrl-C) quits`;

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

interface Session {
  slack: LocalSlack;
  local: LocalBot;
  inFlight: InFlight;
  print(text: string): void;
  replyTimeoutMs: number;
  /** The numbered buttons of the last reply that had any. */
  active?: Shown | undefined;
  /** The Home tab as last published, for `search`. */
  home?: Shown;
  /** The thread of the last mention in #general, for `>` replies. */
  thread?: string;
}

/** Sends one thing to the bot and prints everything it shows in return. */
async function runTurn(session: Session, send: () => Promise<unknown>): Promise<void> {
  const { slack, print } = session;
  const shown: Shown[] = [];
  const stop = slack.onCall((call) => {
    const item = describeShown(call, slack.workspace);
    if (!item) return;
    shown.push(item);
    print(formatShown(item));
  });
  try {
    await send();
    const finished = await Promise.race([
      session.inFlight.idle().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, session.replyTimeoutMs, false).unref()),
    ]);
    if (!finished) print(`(no complete reply within ${session.replyTimeoutMs / 1000} s)\n`);
    if (shown.length === 0) print("(the bot showed nothing)\n");
  } catch (error) {
    print(`(could not deliver that: ${error instanceof Error ? error.message : String(error)})\n`);
  } finally {
    stop();
  }
  // Numbers press the buttons of the last reply; a reply without any leaves nothing to press.
  if (shown.length > 0) session.active = shown.filter((item) => item.buttons.length > 0).at(-1);
  const home = shown.filter((item) => item.call.method === "views.publish").at(-1);
  if (home) session.home = home;
}

async function handleLine(session: Session, line: string): Promise<"quit" | undefined> {
  const { slack, print } = session;
  const text = line.trim();
  if (text === "") return undefined;
  if (text === "help" || text === "?") {
    print(`${HELP}\n`);
    return undefined;
  }
  if (text === "quit" || text === "exit") return "quit";
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    const button = session.active?.buttons[number - 1];
    if (!session.active || !button) {
      const count = session.active?.buttons.length ?? 0;
      print(count > 0 ? `(choose a button from 1 to ${count})\n` : "(no buttons to press yet)\n");
      return undefined;
    }
    const { call } = session.active;
    if (button.menu) {
      print(`(you chose “${button.label}”)\n`);
      await runTurn(session, () => slack.selectOption(call, button.actionId, button.value));
    } else {
      print(`(you pressed “${button.label}”)\n`);
      // Matched by value too: both feedback buttons carry one action id.
      await runTurn(session, () =>
        slack.clickButton(
          call,
          (control) => control.actionId === button.actionId && control.value === button.value,
        ),
      );
    }
    return undefined;
  }
  if (text.startsWith("/")) {
    const [command = "/dm", ...rest] = text.split(/\s+/);
    await runTurn(session, () =>
      slack.sendSlashCommand({ command, text: escapeText(rest.join(" ")) }),
    );
    return undefined;
  }
  if (text.startsWith("@")) {
    const question = text.replace(/^@\S*\s*/, "");
    await runTurn(session, async () => {
      const delivery = await slack.sendMention({ text: escapeText(question) });
      const event = delivery.payload.event as { ts?: unknown; thread_ts?: unknown };
      session.thread = String(event.thread_ts ?? event.ts);
    });
    return undefined;
  }
  if (text.startsWith(">")) {
    const thread = session.thread;
    if (thread === undefined) {
      print("(no thread yet: mention the bot first, @bot <question>)\n");
      return undefined;
    }
    const message = text.slice(1).trim();
    await runTurn(session, () =>
      slack.sendChannelMessage({ text: escapeText(message), thread_ts: thread }),
    );
    return undefined;
  }
  if (text === "home") {
    await runTurn(session, () => slack.openHome());
    return undefined;
  }
  const search = /^search\s+(.+)$/.exec(text);
  if (search?.[1]) {
    if (!session.home) await runTurn(session, () => slack.openHome());
    const home = session.home;
    const input = home?.inputs[0];
    if (!home || !input) {
      print("(the Home tab has no search box)\n");
      return undefined;
    }
    const query = search[1];
    await runTurn(session, () => slack.enterText(home.call, input.actionId, query));
    return undefined;
  }
  await runTurn(session, () => slack.sendDirectMessage({ text: escapeText(text) }));
  return undefined;
}

/** Runs a playground session until EOF, `quit` or the signal; returns the exit code. */
export async function runPlayground(options: PlaygroundOptions): Promise<number> {
  const { input, output } = options;
  // The reader can go away mid-session (`npm run playground | head`): writing then fails with
  // EPIPE, emitted on the stream. The session ends quietly, as `head` asked. The listener stays
  // after the session: the last write's EPIPE can arrive after it.
  let outputError: NodeJS.ErrnoException | undefined;
  let endSession = () => {};
  const onOutputError = (error: NodeJS.ErrnoException) => {
    outputError ??= error;
    endSession();
  };
  output.on("error", onOutputError);
  const print = (text: string) => {
    if (outputError) return;
    output.write(text.endsWith("\n") ? text : `${text}\n`);
  };
  const exitCode = () =>
    outputError === undefined || outputError.code === "EPIPE" ? EXIT_OK : EXIT_FAILURE;
  const terminal = options.terminal ?? (isTty(input) && isTty(output));
  const logFile = options.logFile === undefined ? DEFAULT_LOG_FILE : options.logFile;
  const logDestination =
    logFile === null
      ? { write: () => undefined }
      : pino.destination({ dest: logFile, sync: true, append: false, mkdir: true });

  print("Starting a local Slack and the bot (no tokens, no network)…");
  let slack: LocalSlack | undefined;
  let local: LocalBot | undefined;
  try {
    slack = await startLocalSlack({ botName: "handbook" });
    local = await startLocalBot({
      slack,
      mode: "socket",
      contentDir: options.contentDir ?? DEFAULT_CONTENT_DIR,
      logDestination,
    });
  } catch (error) {
    print(
      `Could not start the playground: ${error instanceof Error ? error.message : String(error)}`,
    );
    await local?.stop().catch(() => undefined);
    await slack?.close();
    return EXIT_FAILURE;
  }

  const session: Session = {
    slack,
    local,
    inFlight: trackInFlight(local.bot.app),
    print,
    replyTimeoutMs: options.replyTimeoutMs ?? 10_000,
  };
  const user = slack.workspace.users.get(slack.defaultUser)?.name ?? slack.defaultUser;
  const channel = slack.workspace.channels.get(slack.defaultChannel)?.name ?? slack.defaultChannel;
  print(
    [
      `Local Slack at ${slack.url}; the bot is connected over Socket Mode.`,
      `Bot logs: ${logFile ?? "discarded"}`,
      `You are @${user}; mentions go to #${channel}.`,
      HELP,
      "",
    ].join("\n"),
  );

  const rl = createInterface({ input, output, terminal, prompt: "you › " });
  rl.on("SIGINT", () => rl.close());
  const abort = () => rl.close();
  endSession = abort;
  options.signal?.addEventListener("abort", abort, { once: true });
  // Ctrl-C while the bot was starting, or a reader gone already, ends it before it reads.
  const lines = options.signal?.aborted || outputError ? [] : rl;
  if (terminal && lines === rl) rl.prompt();
  try {
    for await (const line of lines) {
      if (!terminal && line.trim() !== "") print(`you › ${line.trim()}`);
      const outcome = await handleLine(session, line);
      if (outcome === "quit") break;
      if (terminal) rl.prompt();
    }
  } finally {
    options.signal?.removeEventListener("abort", abort);
    rl.close();
    // Replies still being written finish before the bot stops.
    await Promise.race([
      session.inFlight.idle(),
      new Promise((resolve) => setTimeout(resolve, session.replyTimeoutMs).unref()),
    ]);
    await local.stop();
    await slack.close();
  }
  print("Bye.");
  return exitCode();
}

const USAGE = `Usage: npm run playground -- [options]

Starts a local Slack on 127.0.0.1 and the bot against it, then lets you talk to the bot.
Needs no tokens and no network. Reads lines from stdin (a terminal or a pipe).

Options:
  --content DIR      knowledge base directory (default: the repository's content/)
  --log-file PATH    where the bot's log lines go (default: ${DEFAULT_LOG_FILE})
  -h, --help         show this help

${HELP}`;

async function main(argv: readonly string[]): Promise<number> {
  let values: { content?: string; "log-file"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        content: { type: "string" },
        "log-file": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort();
    // A second Ctrl-C means now.
    process.once("SIGINT", () => process.exit(130));
  });
  return runPlayground({
    input: process.stdin,
    output: process.stdout,
    signal: controller.signal,
    ...(values.content ? { contentDir: resolve(values.content) } : {}),
    ...(values["log-file"] ? { logFile: resolve(values["log-file"]) } : {}),
  });
}

runIfMain(import.meta.url, "playground", () => main(process.argv.slice(2)));
