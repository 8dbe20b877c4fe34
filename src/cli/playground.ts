/**
 * `npm run playground`: the real bot against a local Slack on loopback, driven from the
 * terminal. No tokens, no network: type `/dm …`, `@bot …`, a DM, `home`, or a button's number.
 * Works the same when stdin is a pipe: each line is answered before the next is read.
 * The content is loaded, watched and reloaded by the same knowledge store as `npm start`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pino from "pino";
import { DEFAULT_SLASH_COMMAND } from "../config.js";
import type { KnowledgeBase } from "../corpus/types.js";
import { type InFlight, trackInFlight } from "../dev/in-flight.js";
import { DEFAULT_CONTENT_DIR, type LocalBot, startLocalBot } from "../dev/local-bot.js";
import { type LocalSlack, startLocalSlack } from "../dev/local-slack/index.js";
import { describeShown, formatShown, type Shown } from "../dev/transcript.js";
import { createKnowledgeStore } from "../knowledge/store.js";
// Slack escapes `&`, `<` and `>` in what a person types before any app sees it: the same escaping.
import { escapeText } from "../slack/views/escape.js";
import { countLabel } from "../slack/views/toc.js";
import {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  existingDirectory,
  isUsageError,
  readLocalSettings,
  usageMessage,
} from "./cli-common.js";
import { runIfMain } from "./run-main.js";

export interface PlaygroundOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where the bot's log lines go: a file, or null to drop them. Default: a file in the OS temp dir. */
  logFile?: string | null;
  contentDir?: string;
  /** The slash command the bot answers (`SLASH_COMMAND`); `/dm` by default. */
  slashCommand?: string;
  /** Reload the content when its files change (default true), as `npm start` does. */
  watch?: boolean;
  /** How long to wait for the bot to finish a reply before giving up on it. */
  replyTimeoutMs?: number;
  /** Interactive prompt; by default when both streams are terminals. */
  terminal?: boolean;
  /** DOCS_BASE_URL: where answers link to, and which links unfurl; the manifest's domain by default. */
  docsBaseUrl?: string;
  /** Ends the session as EOF does (the CLI aborts it on Ctrl-C). */
  signal?: AbortSignal;
}

/** The manifest's unfurl domain, so `link` has handbook links to unfurl without any setting. */
export const PLAYGROUND_DOCS_BASE_URL = "https://handbook.example.com";

export const DEFAULT_LOG_FILE = join(tmpdir(), "handbook-bot-playground.log");

/** What can be typed, with the slash command the bot answers. */
function helpText(command: string): string {
  const ask = `${command} <question>`.padEnd(18);
  const other = (text: string) => text.padEnd(ask.length);
  return `Type:
  ${ask} ask privately: the answer is only visible to you (${command} help, ${command} topics)
  ${other("@bot <question>")} mention the bot in #general: it answers in a thread
  ${other("> <message>")} reply in that thread without a mention (a follow-up, or a thank-you)
  ${other("expert <message>")} the expert replies to the last "Ask an expert" request
  ${other("add")} "Add to handbook" on the last reply in the thread; then  save  saves the draft
  ${other("link <url>")} post a link in #general: a handbook link unfurls
  ${other("<question>")} anything else is a direct message to the bot
  ${other("home")} open the bot's Home tab; then  search <words>  searches from it
  ${other("1, 2, …")} press a numbered button (or pick a numbered option) of the last reply
  ${other("help")} this help;  Ctrl-D (or Ctrl-C) quits`;
}

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

interface Session {
  slack: LocalSlack;
  local: LocalBot;
  inFlight: InFlight;
  print(text: string): void;
  replyTimeoutMs: number;
  /** The slash command the bot answers. */
  slashCommand: string;
  /** The numbered buttons of the last reply that had any. */
  active?: Shown | undefined;
  /** The Home tab as last published, for `search`. */
  home?: Shown;
  /** The thread of the last mention in #general, for `>` replies. */
  thread?: string;
  /** The last message typed in that thread (or the expert's reply), for `add`. */
  lastReply?: { channel: string; ts: string };
  /** The last request to an expert the bot posted, for `expert` replies. */
  escalation?: { channel: string; ts: string; expert: string };
  /** The last modal the bot opened, for `save`. */
  modal?: Shown;
}

/** The expert who answers in the playground, and the channel their requests go to. */
const PLAYGROUND_EXPERT = { id: "U0EXPERT", name: "expert" };
const PLAYGROUND_EXPERTS_CHANNEL = { id: "C0EXPERTS", name: "experts" };

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
  const modal = shown.filter((item) => item.call.method === "views.open").at(-1);
  if (modal) session.modal = modal;
  const request = shown.filter((item) => isEscalationRequest(item)).at(-1);
  if (request) {
    const channel = String(request.call.response.channel);
    const owner = session.slack.workspace.channels.get(channel)?.user;
    session.escalation = {
      channel,
      ts: String(request.call.response.ts),
      expert: owner ?? PLAYGROUND_EXPERT.id,
    };
  }
}

/** A request to an expert: a top-level post with the "Mark resolved" button. */
function isEscalationRequest(item: Shown): boolean {
  return (
    item.call.method === "chat.postMessage" &&
    item.call.args.thread_ts === undefined &&
    item.buttons.some((button) => button.actionId.startsWith("escalation_resolve"))
  );
}

async function handleLine(session: Session, line: string): Promise<"quit" | undefined> {
  const { slack, print } = session;
  const text = line.trim();
  if (text === "") return undefined;
  if (text === "help" || text === "?") {
    print(`${helpText(session.slashCommand)}\n`);
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
    const [command = session.slashCommand, ...rest] = text.split(/\s+/);
    if (command !== session.slashCommand) {
      // What Slack itself says: the app declares one command, and nothing else reaches it.
      print(`(${command} is not a command of this app; it answers ${session.slashCommand})\n`);
      return undefined;
    }
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
    await runTurn(session, async () => {
      const delivery = await slack.sendChannelMessage({
        text: escapeText(message),
        thread_ts: thread,
      });
      const event = delivery?.payload.event as { channel?: unknown; ts?: unknown } | undefined;
      if (event) session.lastReply = { channel: String(event.channel), ts: String(event.ts) };
    });
    return undefined;
  }
  const expert = /^expert\s+(.+)$/.exec(text);
  if (expert?.[1]) {
    const request = session.escalation;
    if (request === undefined) {
      print('(no request to an expert yet: press "Ask an expert" under an answer first)\n');
      return undefined;
    }
    const reply = escapeText(expert[1]);
    await runTurn(session, async () => {
      const channel = slack.workspace.channels.get(request.channel);
      // A document's owner gets the request by DM; anyone else in the experts' channel.
      const delivery =
        channel?.type === "im"
          ? await slack.sendDirectMessage({
              text: reply,
              user: request.expert,
              channel: request.channel,
              thread_ts: request.ts,
            })
          : await slack.sendChannelMessage({
              text: reply,
              user: request.expert,
              channel: request.channel,
              thread_ts: request.ts,
            });
      const event = delivery?.payload.event as { ts?: unknown } | undefined;
      if (event) session.lastReply = { channel: request.channel, ts: String(event.ts) };
    });
    return undefined;
  }
  if (text === "add") {
    const reply = session.lastReply;
    if (reply === undefined) {
      print("(nothing to add yet: reply in a thread with `>`, or as the expert, first)\n");
      return undefined;
    }
    await runTurn(session, () =>
      slack.useMessageShortcut({ callbackId: "add_to_handbook", ...reply }),
    );
    return undefined;
  }
  if (text === "save") {
    const modal = session.modal;
    if (modal === undefined) {
      print("(no form open: use `add` first)\n");
      return undefined;
    }
    session.modal = undefined;
    await runTurn(session, () => slack.submitView(modal.call));
    return undefined;
  }
  const link = /^link\s+(\S+)$/.exec(text);
  if (link?.[1]) {
    const url = link[1];
    if (!URL.canParse(url)) {
      print("(that is not a URL: link https://…)\n");
      return undefined;
    }
    await runTurn(session, () => slack.sendLinkShared({ urls: [url] }));
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

/** What was loaded: the folder, its counts, and every file skipped with its reason. */
export function describeContent(root: string, base: KnowledgeBase, watching: boolean): string[] {
  const lines = [
    `Content: ${root}: ${countLabel(base.documents.length, "document")}, ${countLabel(base.sections.length, "section")}${watching ? " (reloaded on change)" : ""}.`,
  ];
  if (base.warnings.length > 0) {
    lines.push(`Skipped ${countLabel(base.warnings.length, "file")}:`);
    for (const warning of base.warnings) lines.push(`  ${describeWarning(warning)}`);
  }
  return lines;
}

function describeWarning(warning: { file: string; line?: number; reason: string }): string {
  return `${warning.file}${warning.line === undefined ? "" : `:${warning.line}`}: ${warning.reason}`;
}

/** The terminal's line for a knowledge store log line worth showing there, if it is one. */
function reloadNotice(line: string): string | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (entry.event === "reload" && entry.reason !== "start") {
    return `(content reloaded: ${countLabel(Number(entry.documents), "document")}, ${countLabel(Number(entry.sections), "section")})`;
  }
  if (entry.event === "reload_file_failed") {
    const where = `${entry.file}${typeof entry.line === "number" ? `:${entry.line}` : ""}`;
    return `(${where}: ${String(entry.reason)}; ${entry.kept ? "serving its last good version" : "skipped"})`;
  }
  if (entry.event === "reload_failed") {
    return `(content reload failed: ${String(entry.error)}; still serving the previous content)`;
  }
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

  const slashCommand = options.slashCommand ?? DEFAULT_SLASH_COMMAND;
  const contentDir = resolve(options.contentDir ?? DEFAULT_CONTENT_DIR);
  const draftsDir = mkdtempSync(join(tmpdir(), "handbook-playground-"));
  print("Starting a local Slack and the bot (no tokens, no network)…");
  let slack: LocalSlack | undefined;
  let local: LocalBot | undefined;
  let started = false;
  // The store logs through here: every line to the log file, and reloads to the terminal too.
  const storeLogger = pino(
    { level: "info", base: { component: "knowledge" } },
    {
      write(line: string) {
        logDestination.write(line);
        const notice = reloadNotice(line);
        if (notice && started) print(notice);
      },
    },
  );
  const knowledge = createKnowledgeStore({
    root: contentDir,
    logger: storeLogger,
    watch: options.watch ?? true,
  });
  try {
    await knowledge.start();
    slack = await startLocalSlack({ botName: "handbook", slashCommand });
    slack.workspace.user(PLAYGROUND_EXPERT.id).name = PLAYGROUND_EXPERT.name;
    slack.workspace.channels.set(PLAYGROUND_EXPERTS_CHANNEL.id, {
      ...PLAYGROUND_EXPERTS_CHANNEL,
      type: "channel",
      botIsMember: true,
    });
    local = await startLocalBot({
      slack,
      mode: "socket",
      knowledge,
      logDestination,
      docsBaseUrl: options.docsBaseUrl ?? PLAYGROUND_DOCS_BASE_URL,
      escalationChannel: PLAYGROUND_EXPERTS_CHANNEL.id,
      // "Add to handbook" writes drafts here, never into the content folder being tried.
      contentDir: draftsDir,
    });
  } catch (error) {
    print(
      `Could not start the playground: ${error instanceof Error ? error.message : String(error)}`,
    );
    await local?.stop().catch(() => undefined);
    await slack?.close();
    await knowledge.close();
    return EXIT_FAILURE;
  }

  const session: Session = {
    slack,
    local,
    inFlight: trackInFlight(local.bot.app),
    print,
    replyTimeoutMs: options.replyTimeoutMs ?? 10_000,
    slashCommand,
  };
  const user = slack.workspace.users.get(slack.defaultUser)?.name ?? slack.defaultUser;
  const channel = slack.workspace.channels.get(slack.defaultChannel)?.name ?? slack.defaultChannel;
  print(
    [
      `Local Slack at ${slack.url}; the bot is connected over Socket Mode.`,
      ...describeContent(contentDir, knowledge.current().base, options.watch ?? true),
      `Bot logs: ${logFile ?? "discarded"}`,
      `You are @${user}; mentions go to #${channel}; "Ask an expert" goes to #${PLAYGROUND_EXPERTS_CHANNEL.name}, where @${PLAYGROUND_EXPERT.name} answers.`,
      `Answers link to ${local.config.docsBaseUrl}; drafts saved with "add" go to ${draftsDir}.`,
      helpText(slashCommand),
      "",
    ].join("\n"),
  );
  started = true;

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
    await knowledge.close();
  }
  print("Bye.");
  return exitCode();
}

const USAGE = `Usage: npm run playground -- [options]

Starts a local Slack on 127.0.0.1 and the bot against it, then lets you talk to the bot.
Needs no tokens and no network. Reads lines from stdin (a terminal or a pipe).

Options:
  --content DIR      knowledge base directory (default: $CONTENT_DIR, else the repository's
                     content/); reloaded whenever a file in it changes
  --log-file PATH    where the bot's log lines go (default: ${DEFAULT_LOG_FILE})
  -h, --help         show this help

The slash command is $SLASH_COMMAND (default ${DEFAULT_SLASH_COMMAND}), as for \`npm start\`.

${helpText(DEFAULT_SLASH_COMMAND)}`;

export interface PlaygroundIo {
  out(text: string): void;
  err(text: string): void;
  cwd(): string;
  /** `CONTENT_DIR` and `SLASH_COMMAND`; the process's own environment by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The command line and environment, checked: the session's options, or an exit code. */
export async function parsePlaygroundArgs(
  argv: readonly string[],
  io: PlaygroundIo,
): Promise<
  { options: Pick<PlaygroundOptions, "contentDir" | "slashCommand" | "logFile"> } | { exit: number }
> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        content: { type: "string" },
        "log-file": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      io.out(`${USAGE}\n`);
      return { exit: EXIT_OK };
    }
    const settings = readLocalSettings(io.env);
    const [given, from] =
      values.content !== undefined
        ? [values.content, "--content"]
        : settings.contentDir !== undefined
          ? [settings.contentDir, "CONTENT_DIR"]
          : [DEFAULT_CONTENT_DIR, "the default content folder"];
    const contentDir = await existingDirectory(resolve(io.cwd(), given), from);
    return {
      options: {
        contentDir,
        slashCommand: settings.slashCommand,
        ...(values["log-file"] ? { logFile: resolve(io.cwd(), values["log-file"]) } : {}),
      },
    };
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.err(usageMessage("playground", error, USAGE));
    return { exit: EXIT_USAGE };
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = await parsePlaygroundArgs(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: () => process.cwd(),
  });
  if ("exit" in parsed) return parsed.exit;
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
    ...parsed.options,
  });
}

runIfMain(import.meta.url, "playground", () => main(process.argv.slice(2)));
