/**
 * Every command follows one convention (src/cli/cli-common.ts): `--help` prints the usage on
 * stdout and exits 0; a wrong command line says what is wrong on stderr and exits 2; a file that
 * cannot be used is named with the reason.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as ask } from "../../src/cli/ask.js";
import { main as bench } from "../../src/cli/bench.js";
import { parseBenchArgs } from "../../src/cli/bench-args.js";
import { main as contentCheck } from "../../src/cli/content-check.js";
import { main as evaluate } from "../../src/cli/eval.js";
import { main as gaps } from "../../src/cli/gaps.js";
import { parsePlaygroundArgs } from "../../src/cli/playground.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../fixtures/ask-kb", import.meta.url));
const SEARCH_FIXTURE = fileURLToPath(new URL("../fixtures/search-handbook", import.meta.url));

interface Captured {
  code: number;
  out: string;
  err: string;
}

type Command = (argv: string[]) => Promise<Captured>;

function capture() {
  const result = { out: "", err: "" };
  const out = (text: string) => {
    result.out += text;
  };
  const err = (text: string) => {
    result.err += text;
  };
  return { result, out, err };
}

const commands: Record<string, Command> = {
  ask: async (argv) => {
    const { result, out, err } = capture();
    const code = await ask(argv, { stdout: out, stderr: err, cwd: () => ROOT, env: {} });
    return { code, ...result };
  },
  eval: async (argv) => {
    const { result, out, err } = capture();
    const code = await evaluate(argv, { out, err, cwd: () => ROOT, env: {} });
    return { code, ...result };
  },
  bench: async (argv) => {
    const { result, out, err } = capture();
    const code = await bench(argv, { out, err, cwd: () => ROOT });
    return { code, ...result };
  },
  gaps: async (argv) => {
    const { result, out, err } = capture();
    const code = await gaps(argv, { out, err, now: () => 0 });
    return { code, ...result };
  },
  "content:check": async (argv) => {
    const { result, out, err } = capture();
    const code = await contentCheck(argv, { out, err, cwd: ROOT, now: () => 0 });
    return { code, ...result };
  },
  playground: async (argv) => {
    const { result, out, err } = capture();
    const parsed = await parsePlaygroundArgs(argv, { out, err, cwd: () => ROOT, env: {} });
    return { code: "exit" in parsed ? parsed.exit : -1, ...result };
  },
};

describe.each(Object.entries(commands))("npm run %s", (name, run) => {
  it("prints its usage on stdout for --help and -h, and exits 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const { code, out, err } = await run([flag]);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: npm run ${name}`));
      expect(err).toBe("");
    }
  });

  it("exits 2 on an unknown option, naming it, with the usage on stderr", async () => {
    const { code, out, err } = await run(["--frobnicate"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("--frobnicate");
    expect(err).toContain(`Usage: npm run ${name}`);
  });
});

describe.each(["ask", "eval", "bench", "playground"])("npm run %s --content", (name) => {
  it("exits 2 naming a folder that does not exist", async () => {
    const run = commands[name];
    if (!run) throw new Error(name);
    const argv = name === "eval" ? ["test/eval/fixture-questions.json"] : ["question"];
    const { code, out, err } = await run([
      "--content",
      "/no/such/handbook",
      ...(name === "ask" || name === "eval" ? argv : []),
    ]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("--content: no such folder: /no/such/handbook");
  });
});

describe("npm run eval", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "eval-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names a questions file that is not JSON, with the parser's reason, and exits 1", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, '[{"q": "what is velocity", ');
    const { code, out, err } =
      (await commands.eval?.([bad, "--content", FIXTURE])) ?? ({} as Captured);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(
      new RegExp(
        `^eval: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(.+\\)\\n$`,
      ),
    );
  });

  it("names a questions file of the wrong shape", async () => {
    const wrong = join(dir, "wrong.json");
    await writeFile(wrong, '{"q": "not a list"}');
    const { code, err } =
      (await commands.eval?.([wrong, "--content", FIXTURE])) ?? ({} as Captured);
    expect(code).toBe(1);
    expect(err).toContain(`${wrong}: expected a JSON array of questions`);
  });

  it("exits 2 for a missing questions file or a bad --split", async () => {
    const missing = await commands.eval?.([join(dir, "nope.json")]);
    expect(missing?.code).toBe(2);
    expect(missing?.err).toContain(`the questions file does not exist: ${join(dir, "nope.json")}`);
    const split = await commands.eval?.(["--suite", "--split", "train"]);
    expect(split?.code).toBe(2);
    expect(split?.err).toContain('--split must be dev, test, calibration or all (got "train")');
  });

  it("sets the operating points on a suite's calibration split, and says when it has none", async () => {
    const suite = (split: string) => ({
      sets: [
        {
          name: "fixture",
          corpus: SEARCH_FIXTURE,
          split,
          questions: join(ROOT, "test/eval/fixture-questions.json"),
        },
      ],
    });
    const file = join(dir, "calibration-suite.json");
    await writeFile(file, JSON.stringify(suite("calibration")));
    const calibrated = await commands.eval?.(["--suite", file, "--calibrate"]);
    expect(calibrated?.code).toBe(0);
    expect(calibrated?.out).toMatch(/^Operating points set on the calibration splits/);
    expect(calibrated?.out).toMatch(/\{"answerAt":[\d.]+,"bestMatchAt":[\d.]+\}/);
    // --fit takes its weights from dev and its points from the calibration split.
    await writeFile(
      file,
      JSON.stringify({ sets: [...suite("dev").sets, ...suite("calibration").sets] }),
    );
    const fitted = await commands.eval?.(["--suite", file, "--fit"]);
    expect(fitted?.out).toMatch(/^Decision fitted on the dev splits, operating points set on the/);
    await writeFile(file, JSON.stringify(suite("dev")));
    const devOnly = await commands.eval?.(["--suite", file, "--fit"]);
    expect(devOnly?.out).toMatch(/^Decision fitted on the dev splits \(operating points too/);
    const none = await commands.eval?.(["--suite", file, "--calibrate"]);
    expect(none?.code).toBe(1);
    expect(none?.err).toContain("no calibration split to calibrate on");
  });
  it("scores a suite again with synthetic typos or Slack padding, and refuses bad input", async () => {
    const file = join(dir, "typos-suite.json");
    await writeFile(
      file,
      JSON.stringify({
        sets: [
          {
            name: "fixture",
            corpus: SEARCH_FIXTURE,
            split: "dev",
            questions: join(ROOT, "test/eval/fixture-questions.json"),
          },
        ],
      }),
    );
    const run = await commands.eval?.(["--suite", file, "--typos", "--seed", "3"]);
    expect(run?.code).toBe(0);
    expect(run?.out).toContain("Synthetic typos (seed 3;");
    expect(run?.out).toMatch(
      /^fixture +dev +\d+ +[\d.]+ [\d.]+ [\d.]+ +[\d.]+ [\d.]+ [\d.]+ +[\d.]+$/m,
    );
    expect(run?.out).toMatch(
      /^mean with typos: top1 [\d.]+ {2}top3 [\d.]+ {2}rank1 [\d.]+ {2}abstain [\d.]+$/m,
    );
    const again = await commands.eval?.(["--suite", file, "--typos", "--seed", "3"]);
    expect(again?.out).toBe(run?.out);
    const badSeed = await commands.eval?.(["--suite", file, "--typos", "--seed", "x1"]);
    expect(badSeed?.code).toBe(2);
    expect(badSeed?.err).toContain('--seed must be a whole number (got "x1")');
    const alone = await commands.eval?.([
      join(ROOT, "test/eval/fixture-questions.json"),
      "--typos",
    ]);
    expect(alone?.code).toBe(2);
    expect(alone?.err).toContain("--typos goes with --suite");
  });
});

describe("npm run bench's command line", () => {
  it("labels each row by its folder's name", async () => {
    const args = await parseBenchArgs(["--content", FIXTURE, "--content", SEARCH_FIXTURE], ROOT);
    expect(args.content).toEqual({ dir: FIXTURE, label: "ask-kb" });
    expect(args.others).toEqual([{ dir: SEARCH_FIXTURE, label: "search-handbook" }]);
    expect(args.warnings).toEqual([]);
  });

  it("keeps --handbook as a deprecated alias of a second folder, with a warning", async () => {
    const args = await parseBenchArgs(["--handbook", SEARCH_FIXTURE], ROOT);
    expect(args.content).toEqual({ dir: join(ROOT, "content"), label: "content" });
    expect(args.others).toEqual([{ dir: SEARCH_FIXTURE, label: "search-handbook" }]);
    expect(args.warnings).toEqual([
      "bench: --handbook is deprecated; use --content DIR (repeatable) instead",
    ]);
  });

  it("tells two folders of the same name apart", async () => {
    const args = await parseBenchArgs(["--content", FIXTURE, "--content", FIXTURE], ROOT);
    expect([args.content.label, ...args.others.map((o) => o.label)]).toEqual([
      "ask-kb",
      "ask-kb (2)",
    ]);
  });

  it.each([
    [["--handbook", "/no/such/handbook"], "--handbook: no such folder: /no/such/handbook"],
    [["--rounds", "0"], '--rounds must be a positive integer (got "0")'],
    [["content"], "unexpected argument content"],
  ])("exits 2 for %j", async (argv, message) => {
    const { code, out, err } = (await commands.bench?.(argv)) ?? ({} as Captured);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
  });
});

describe("npm run content:check --content", () => {
  it("checks the folder --content names, as the positional DIR does", async () => {
    const byFlag = await commands["content:check"]?.(["--content", FIXTURE]);
    const byPosition = await commands["content:check"]?.([FIXTURE]);
    expect(byFlag?.code).toBe(byPosition?.code);
    expect(byFlag?.out).toBe(byPosition?.out);
    expect(byFlag?.out).toContain("test/fixtures/ask-kb");
    const both = await commands["content:check"]?.(["--content", FIXTURE, SEARCH_FIXTURE]);
    expect(both?.code).toBe(2);
    expect(both?.err).toContain("expected one directory, got 2");
  });
});
