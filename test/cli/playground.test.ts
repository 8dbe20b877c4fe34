import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlaygroundArgs, runPlayground } from "../../src/cli/playground.js";
import { loadStaticKnowledge } from "../../src/dev/local-bot.js";
import type { KnowledgeSource } from "../../src/knowledge/types.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const QUESTION = "what is velocity";

let knowledge: KnowledgeSource;

beforeAll(async () => {
  knowledge = await loadStaticKnowledge();
});

/** The heading of the section the bot should answer with, from the same content. */
function expectedHeading(question: string): string {
  const top = knowledge.current().index.search(question).results[0];
  if (!top) throw new Error(`no result for ${question}`);
  return top.section.heading;
}

/** The page the bot answers `question` from, as a path under the docs site. */
function expectedDocumentPath(question: string): string {
  const top = knowledge.current().index.search(question).results[0];
  if (!top) throw new Error(`no result for ${question}`);
  return top.section.document.path.replace(/\.mdx?$/, "");
}

/** A playground session driven line by line, reading its output as a person would. */
function startSession(options: Partial<Parameters<typeof runPlayground>[0]> = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  const waiters = new Set<() => void>();
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const notify of [...waiters]) notify();
  });
  const done = runPlayground({ input, output, logFile: null, terminal: false, ...options });
  return {
    done,
    get text() {
      return text;
    },
    send(line: string) {
      input.write(`${line}\n`);
    },
    end() {
      input.end();
    },
    /** Waits until the output after `from` matches. */
    waitFor(pattern: RegExp, from = 0, timeoutMs = 5000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text.slice(from));
          if (!match) return false;
          clearTimeout(timer);
          waiters.delete(notify);
          resolve(match);
          return true;
        };
        const notify = () => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(notify);
          reject(new Error(`output never matched ${pattern}:\n${text.slice(from)}`));
        }, timeoutMs);
        if (!check()) waiters.add(notify);
      });
    },
  };
}

describe("runPlayground", () => {
  it("answers /dm ephemerally, shares the answer by its button number, and exits 0 at EOF", async () => {
    const session = startSession();
    await session.waitFor(/Type:/);
    let mark = session.text.length;
    session.send(`/dm ${QUESTION}`);
    await session.waitFor(/only visible to you/, mark);
    expect(session.text.slice(mark)).toContain(expectedHeading(QUESTION));
    const [, number] = await session.waitFor(/\[(\d+)\] Share in channel/, mark);

    mark = session.text.length;
    session.send(String(number));
    await session.waitFor(/removed its earlier reply/, mark);
    const shared = session.text.slice(mark);
    expect(shared).toContain("in #general");
    expect(shared).toContain("Shared by @");
    session.end();
    await expect(session.done).resolves.toBe(0);
    expect(session.text.trimEnd().endsWith("Bye.")).toBe(true);
  });

  it("answers a mention in a thread, a plain line as a DM, and shows the Home tab and its search", async () => {
    const session = startSession();
    session.send(`@bot ${QUESTION}`);
    session.send("how much work should a team commit to in a sprint");
    session.send("home");
    session.send(`search ${QUESTION}`);
    session.end();
    await expect(session.done).resolves.toBe(0);
    const transcript = session.text;
    const parts = transcript.split(/^you › /m);
    const mention = parts.find((p) => p.startsWith("@bot")) ?? "";
    expect(mention).toContain("in #general (in the thread)");
    expect(mention).toContain(expectedHeading(QUESTION));
    const dm = parts.find((p) => p.startsWith("how much work")) ?? "";
    expect(dm).toContain("in your DM");
    expect(dm).toContain(expectedHeading("how much work should a team commit to in a sprint"));
    const home = parts.find((p) => p.startsWith("home")) ?? "";
    expect(home).toContain("Home tab");
    const search = parts.find((p) => p.startsWith("search")) ?? "";
    expect(search).toContain("Home tab");
    expect(search).toContain(`Search the handbook: [${QUESTION}]`);
    expect(search).toContain(expectedHeading(QUESTION));
  });

  it("follows up in the mention's thread with `>`, and stays quiet for a thank-you", async () => {
    const session = startSession();
    session.send("> too early");
    session.send("@bot how do I run a retrospective");
    session.send("> and how long should it take?");
    session.send("> thanks!");
    session.end();
    await expect(session.done).resolves.toBe(0);
    const parts = session.text.split(/^you › /m);
    expect(parts.find((p) => p.startsWith("> too early"))).toContain("no thread yet");
    const followUp = parts.find((p) => p.startsWith("> and how long")) ?? "";
    expect(followUp).toContain("in #general (in the thread)");
    expect(followUp).toContain(
      expectedHeading("how do I run a retrospective how long should it take?"),
    );
    expect(parts.find((p) => p.startsWith("> thanks"))).toContain("the bot showed nothing");
  });

  it("asks an expert, relays the expert's reply, saves it as a draft, and unfurls a handbook link", async () => {
    const session = startSession();
    session.send("expert too early");
    session.send("@bot how long should a retrospective take?");
    // The answer's buttons end with "Ask an expert": its number is read from the output.
    const asked = await session.waitFor(/\[(\d+)\] Ask an expert/);
    const start = session.text.length;
    session.send(String(asked[1]));
    await session.waitFor(/I have asked #C0EXPERTS/, start);
    session.send("expert Keep it to *an hour*.");
    session.send("add");
    session.send("save");
    const url = `https://handbook.example.com/${expectedDocumentPath("how long should a retrospective take?")}`;
    session.send(`link ${url}`);
    session.end();
    await expect(session.done).resolves.toBe(0);
    const parts = session.text.split(/^you › /m);
    expect(parts.find((p) => p.startsWith("expert too early"))).toContain(
      "no request to an expert yet",
    );
    const relayed = parts.find((p) => p.startsWith("expert Keep")) ?? "";
    expect(relayed).toContain("in #general (in the thread)");
    expect(relayed).toContain("> Keep it to an hour.");
    const form = parts.find((p) => p.startsWith("add")) ?? "";
    expect(form).toContain("Question: [how long should a retrospective take?]");
    expect(form).toContain("Answer: [Keep it to **an hour**.]");
    const saved = /Saved a draft for the handbook: `(slack-drafts\/[^`]+)`/.exec(
      parts.find((p) => p.startsWith("save")) ?? "",
    );
    const draftsDir = /drafts saved with "add" go to (\S+)\./.exec(session.text)?.[1] ?? "";
    expect(await readFile(join(draftsDir, saved?.[1] ?? "missing"), "utf8")).toContain(
      "draft: true",
    );
    await rm(draftsDir, { recursive: true, force: true });
    expect(parts.find((p) => p.startsWith("link "))).toContain("link preview in #general");
  });

  it("opens a section picked by its number from the /dm topics picker", async () => {
    const session = startSession();
    await session.waitFor(/Type:/);
    const mark = session.text.length;
    session.send("/dm topics");
    const [, number = "", label = ""] = await session.waitFor(
      /Open a section…:\n\s+\[\d+\] .+\n\s+\[(\d+)\] (.+)\n/,
      mark,
    );
    const heading = label.split(" › ").at(-1) ?? "";
    expect(heading).not.toBe("");
    const picked = session.text.length;
    session.send(number);
    await session.waitFor(/· modal/, picked);
    session.end();
    await expect(session.done).resolves.toBe(0);
    const shown = session.text.slice(picked);
    expect(shown).toContain(`(you chose “${label}”)`);
    const modal = shown.slice(shown.indexOf("· modal"));
    expect(modal.split("\n").map((line) => line.trim())).toContain(heading);
  });

  it("prints its help, and says so when there is no button with that number", async () => {
    const session = startSession();
    session.send("help");
    session.send("3");
    session.end();
    await expect(session.done).resolves.toBe(0);
    const afterHelp = session.text.split(/^you › help$/m)[1] ?? "";
    expect(afterHelp).toContain("/dm <question>");
    expect(afterHelp).toContain("no buttons to press yet");
  });

  it.each([
    ["while the bot starts", /Starting/],
    ["while it waits for a line", /Type:/],
  ])("ends cleanly on the abort signal (Ctrl-C) %s", async (_when, ready) => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    const controller = new AbortController();
    const done = runPlayground({
      input,
      output,
      logFile: null,
      terminal: false,
      signal: controller.signal,
    });
    await new Promise<void>((resolve) => {
      output.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        if (ready.test(text)) resolve();
      });
    });
    controller.abort();
    await expect(done).resolves.toBe(0);
    expect(text.trimEnd().endsWith("Bye.")).toBe(true);
  });

  it("stops quietly with 0 when its output is closed (EPIPE), without reading on", async () => {
    const input = new PassThrough();
    let writes = 0;
    let text = "";
    // Like `| head -5`: the reader takes a few lines, then goes away.
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        writes += 1;
        if (writes > 3) {
          callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
          return;
        }
        text += chunk.toString("utf8");
        callback();
      },
    });
    const done = runPlayground({ input, output, logFile: null, terminal: false });
    input.write(`/dm ${QUESTION}\nhome\n`);
    // Input left open: only the closed output can end the session.
    await expect(done).resolves.toBe(0);
    expect(writes).toBe(4);
    expect(text).not.toContain("Bye.");
  });

  it("ends with 1 when its output fails for another reason", async () => {
    const input = new PassThrough();
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error("i/o error"), { code: "EIO" }));
      },
    });
    await expect(runPlayground({ input, output, logFile: null, terminal: false })).resolves.toBe(1);
  });
});

describe("the playground's content and command", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "playground-content-"));
    await cp(join(ROOT, "test/fixtures/reload-edge"), dir, { recursive: true });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("says which folder it loaded, its counts and each skipped file, and reloads on change", async () => {
    const session = startSession({ contentDir: dir });
    const [, documents, sections] = await session.waitFor(
      /Content: .+: (\d+) documents?, (\d+) sections? \(reloaded on change\)\./,
    );
    const intro = session.text;
    expect(intro).toContain(`Content: ${dir}:`);
    expect(Number(documents)).toBeGreaterThan(0);
    expect(intro).toMatch(/Skipped 3 files:\n {2}guides\/broken\.md:\d+: invalid frontmatter YAML/);
    expect(intro).toContain("  guides/empty.md: empty file");
    await session.waitFor(/Type:/);

    const mark = session.text.length;
    await writeFile(
      join(dir, "kettle.md"),
      "---\ntitle: Office kettle\n---\n\n## Descaling the kettle\n\nDescale the office kettle every Friday with citric acid.\n",
    );
    const [, after] = await session.waitFor(
      /\(content reloaded: (\d+) documents?, \d+ sections?\)/,
      mark,
      10_000,
    );
    expect(Number(after)).toBe(Number(documents) + 1);
    expect(Number(sections)).toBeGreaterThan(0);
    const asked = session.text.length;
    session.send("/dm how do I descale the kettle");
    await session.waitFor(/only visible to you/, asked);
    await session.waitFor(/Descaling the kettle/, asked);
    session.end();
    await expect(session.done).resolves.toBe(0);
  });

  it("answers the command SLASH_COMMAND names, and only that one", async () => {
    const session = startSession({ slashCommand: "/handbook" });
    await session.waitFor(/Type:/);
    expect(session.text).toContain("/handbook <question>");
    const mark = session.text.length;
    session.send(`/dm ${QUESTION}`);
    session.send(`/handbook ${QUESTION}`);
    session.end();
    await expect(session.done).resolves.toBe(0);
    const shown = session.text.slice(mark);
    expect(shown).toContain("(/dm is not a command of this app; it answers /handbook)");
    expect(shown).toContain(expectedHeading(QUESTION));
  });

  it("takes the folder from --content, else CONTENT_DIR, and the command from SLASH_COMMAND", async () => {
    const io = { out: () => {}, err: () => {}, cwd: () => ROOT };
    await expect(
      parsePlaygroundArgs([], { ...io, env: { CONTENT_DIR: dir, SLASH_COMMAND: "/hb" } }),
    ).resolves.toEqual({ options: { contentDir: dir, slashCommand: "/hb" } });
    await expect(
      parsePlaygroundArgs(["--content", "test/fixtures/ask-kb"], {
        ...io,
        env: { CONTENT_DIR: dir },
      }),
    ).resolves.toEqual({
      options: { contentDir: join(ROOT, "test/fixtures/ask-kb"), slashCommand: "/dm" },
    });
    let err = "";
    const bad = await parsePlaygroundArgs([], {
      ...io,
      err: (text) => {
        err += text;
      },
      env: { SLASH_COMMAND: "/Handbook" },
    });
    expect(bad).toEqual({ exit: 2 });
    expect(err).toContain("SLASH_COMMAND must be lowercase");
  });
});

describe("npm run playground with piped stdin", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "playground-test-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the answer, writes the bot's logs to the file it names, and exits 0", async () => {
    const logFile = join(dir, "bot.log");
    const child = spawn(
      process.execPath,
      [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "src/cli/playground.ts", "--log-file", logFile],
      { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.stdin.end(`/dm ${QUESTION}\n`);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`Bot logs: ${logFile}`);
    expect(stdout).toContain(expectedHeading(QUESTION));
    const lines = (await readFile(logFile, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: "query",
        surface: "command",
        query: QUESTION,
        answered: true,
      }),
    );
  });

  it("exits 0 without a stack trace when the reader closes its stdout (`| head`)", async () => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "src/cli/playground.ts",
        "--log-file",
        join(dir, "head.log"),
      ],
      { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    // Read until the session is ready, then close our end, as `head` does once it has its lines.
    await new Promise<void>((resolve) => {
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        if (stdout.includes("Type:")) resolve();
      });
    });
    child.stdout.destroy();
    child.stdin.end(`/dm ${QUESTION}\nhome\n`);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
