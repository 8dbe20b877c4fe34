/**
 * The README's opening examples are real output: replayed through the playground, every line
 * they show (bar the "…" where an excerpt is shortened) comes out, in the same order.
 */
import { readFile, rm } from "node:fs/promises";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runPlayground } from "../../src/cli/playground.js";

const README = fileURLToPath(new URL("../../README.md", import.meta.url));

/** The first ```text block of the README: the playground session it shows. */
async function readmeSession(): Promise<string[]> {
  const readme = await readFile(README, "utf8");
  const block = /```text\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no ```text example");
  return block.split("\n").map((line) => line.trimEnd());
}

/** What the playground prints for these typed lines, line by line, trailing spaces trimmed. */
async function playground(lines: readonly string[]): Promise<string[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const done = runPlayground({ input, output, logFile: null, terminal: false, watch: false });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await expect(done).resolves.toBe(0);
  return text.split("\n").map((line) => line.trimEnd());
}

/**
 * Every non-blank line of the README's example is printed, in order, starting at `from`. A line
 * shortened with "…" matches the printed line it starts.
 */
function expectPrintedInOrder(printed: readonly string[], expected: readonly string[], from = 0) {
  let at = from;
  for (const line of expected.filter((l) => l.trim() !== "" && l.trim() !== "…")) {
    const prefix = line.endsWith(" …") ? line.slice(0, -2) : undefined;
    const found = printed.findIndex(
      (candidate, index) =>
        index >= at && (prefix === undefined ? candidate === line : candidate.startsWith(prefix)),
    );
    expect(found, `README line not printed (in order): ${line}`).toBeGreaterThanOrEqual(at);
    at = found + 1;
  }
}

it("the README's playground example is what the playground prints", async () => {
  const expected = await readmeSession();
  const questions = expected.filter((line) => line.startsWith("you › ")).map((l) => l.slice(6));
  expect(questions).toEqual(["/dm what is velocity", "/dm what is the weather in london today"]);
  const printed = await playground(questions);
  const at = printed.indexOf(expected[0] ?? "");
  expect(at).toBeGreaterThanOrEqual(0);
  expectPrintedInOrder(printed, expected, at);
});

/** Permalinks and draft names carry the time of the run; everything else must match. */
function normalise(line: string): string {
  return line.replace(/\/p\d{16}\b/g, "/p…").replace(/\b\d{4}-\d{2}-\d{2}-/g, "DATE-");
}

it("the README's conversation example is what the playground prints", async () => {
  const readme = await readFile(README, "utf8");
  const block = /Conversations work there too[\s\S]*?```console\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no conversation example");
  const expected = block.split("\n").map((line) => normalise(line.trimEnd()));
  const lines = expected.filter((line) => line.startsWith("you › ")).map((l) => l.slice(6));
  expect(lines).toContain("add");
  const printed = await playground(lines);
  const draftsDir = /drafts saved with "add" go to (\S+)\./.exec(printed.join("\n"))?.[1];
  if (draftsDir) await rm(draftsDir, { recursive: true, force: true });
  expectPrintedInOrder(printed.map(normalise), expected);
});
