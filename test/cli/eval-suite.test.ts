import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calibrateOperatingPoints, fitDecisionModel } from "../../src/cli/eval-fit.js";
import {
  ablate,
  calibrateLeaveOneCorpusOut,
  calibrateOnSplit,
  createSuiteContext,
  formatSuite,
  labelledExamples,
  leaveOneCorpusOut,
  loadSuite,
  paddingNoise,
  robustness,
  runSuite,
  type SuiteSet,
  typoNoise,
} from "../../src/cli/eval-suite.js";
import { DEFAULT_TUNING, RULES } from "../../src/search/tuning.js";

let dir: string;
const repository = process.cwd();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "eval-suite-"));
  await writeFile(
    path.join(dir, "suite.json"),
    JSON.stringify({
      sets: [
        {
          name: "fixture",
          corpus: "test/fixtures/search-handbook",
          split: "dev",
          questions: "test/eval/fixture-questions.json",
        },
        {
          name: "fixture",
          corpus: "test/fixtures/search-handbook",
          split: "dev",
          questions: "test/eval/fixture-questions.json",
        },
        { name: "gone", corpus: "no/such/corpus", split: "test", questions: "x.json" },
      ],
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadSuite", () => {
  it("joins files of one set and split, and skips, saying why, a set whose corpus is missing", async () => {
    const { sets, skipped } = await loadSuite(path.join(dir, "suite.json"), repository);
    expect(sets.map((set) => [set.name, set.split, set.questions.length])).toEqual([
      ["fixture", "dev", 36],
    ]);
    expect(skipped).toEqual([expect.stringMatching(/^gone \(test\): no\/such\/corpus/)]);
  });

  it("takes a calibration split, and no other name", async () => {
    const file = path.join(dir, "calibration.json");
    const entry = {
      name: "fixture",
      corpus: "test/fixtures/search-handbook",
      questions: "test/eval/fixture-questions.json",
    };
    await writeFile(file, JSON.stringify({ sets: [{ ...entry, split: "calibration" }] }));
    const { sets } = await loadSuite(file, repository);
    expect(sets.map((set) => set.split)).toEqual(["calibration"]);
    await writeFile(file, JSON.stringify({ sets: [{ ...entry, split: "tuning" }] }));
    await expect(loadSuite(file, repository)).rejects.toThrow(/split \(dev\|test\|calibration\)/);
  });

  it("rejects an entry without a split", async () => {
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ sets: [{ name: "x", corpus: "c", questions: "q" }] }));
    await expect(loadSuite(bad, repository)).rejects.toThrow(/sets\[0\] needs/);
  });
});

describe("runSuite, labelledExamples, ablate", () => {
  let sets: SuiteSet[];
  const context = createSuiteContext();
  beforeAll(async () => {
    ({ sets } = await loadSuite(path.join(dir, "suite.json"), repository));
  });

  it("scores every set next to both baselines, in one table", async () => {
    const results = await runSuite(sets, context);
    const [header, row] = formatSuite(results);
    expect(header).toMatch(/index t1 t3 abst.*fuse-default.*minisearch/);
    expect(row).toMatch(/^fixture\s+dev\s+28\s+8\s+\d\.\d\d \d\.\d\d \d\.\d\d/);
  });

  it("labels each decision: 1 when the first result is right, 0 out of scope", async () => {
    const [result] = await runSuite(sets, context, { baselines: false });
    const examples = labelledExamples(result ? [result] : []);
    expect(examples).toHaveLength(36);
    expect(examples.filter((e) => e.outOfScope).every((e) => e.label === 0)).toBe(true);
    // One corpus: its weights sum to the same total every corpus gets.
    expect(examples.reduce((sum, e) => sum + e.weight, 0)).toBeCloseTo(100);
  });

  it("leaves a set with nothing answerable out of the fit", async () => {
    const [result] = await runSuite(sets, context, { baselines: false });
    if (result === undefined) throw new Error("no fixture set");
    const offTopic = {
      ...result,
      run: {
        ...result.run,
        report: {
          ...result.run.report,
          answerable: 0,
          outcomes: result.run.report.outcomes.filter((o) => !o.answerable),
        },
      },
    };
    expect(labelledExamples([offTopic])).toEqual([]);
    expect(labelledExamples([result, offTopic])).toEqual(labelledExamples([result]));
  });

  it("prints one line per rule, with the change it makes on each dev set", async () => {
    const results = await runSuite(sets, context, { baselines: false });
    const lines = await ablate(results, context);
    for (const rule of RULES) {
      expect(lines.some((line) => line.startsWith(rule))).toBe(true);
    }
  });

  it("scores each set again with typos, with the decision it is given", async () => {
    const results = await runSuite(sets, context, { baselines: false });
    const lines = await robustness(results, context, typoNoise(4));
    expect(lines[0]).toMatch(/^Synthetic typos \(seed 4;/);
    const row = (of: string[]) => of.find((line) => line.startsWith("fixture"))?.split(/\s+/) ?? [];
    // set, split, asked, then as written t1 t3 abst, then with typos t1 t3 abst, rank1.
    const cells = row(lines);
    expect(Number(cells[2])).toBeGreaterThan(0);
    expect(cells.slice(3, 6).join(" ")).toBe(
      [results[0]?.run.report.top1, results[0]?.run.report.top3, results[0]?.run.report.abstain]
        .map((n) => (n ?? -1).toFixed(2))
        .join(" "),
    );
    expect(Number(cells[6])).toBeGreaterThan(0);
    // A decision that never answers: with typos, nothing is right and everything abstains.
    const silent = { ...DEFAULT_TUNING.decision, answerAt: 2, bestMatchAt: 2 };
    const never = row(
      await robustness(results, context, typoNoise(4), { tuning: { decision: silent } }),
    );
    expect(never.slice(6, 9)).toEqual(["0.00", "0.00", "1.00"]);
    // Same seed, same typos.
    expect(await robustness(results, context, typoNoise(4))).toEqual(lines);
    // Padding: the same table, its own title and column.
    const padded = await robustness(
      results,
      context,
      paddingNoise({ openers: ["hey team, "], closers: [" ty!"] }, "pads.json", 4),
    );
    expect(padded[0]).toMatch(
      /^Slack padding \(seed 4; an opener, a closer or both from pads\.json/,
    );
    expect(padded[1]).toContain("padded t1 t3 abst");
    expect(padded.at(-1)).toMatch(/^mean padded: top1 [\d.]+/);
  });

  it("sets operating points on calibration splits only, and each corpus on the others'", async () => {
    const [result] = await runSuite(sets, context, { baselines: false });
    if (result === undefined) throw new Error("no fixture set");
    const shipped = DEFAULT_TUNING.decision;
    expect(calibrateOnSplit([result], shipped)).toBeUndefined();
    const asCalibration = (corpus: string) => ({
      ...result,
      set: { ...result.set, corpus, split: "calibration" as const },
    });
    const calibrated = calibrateOnSplit([asCalibration("a")], shipped);
    expect(calibrated?.weights).toEqual(shipped.weights);
    // Two copies of one corpus under two names: each is answered at the other's points, which
    // are its own, so its figures are those of the whole set at those points.
    const held = calibrateLeaveOneCorpusOut([asCalibration("a"), asCalibration("b")], shipped);
    expect(held.map((entry) => entry.corpus)).toEqual(["a", "b"]);
    const outcomes = result.run.report.outcomes;
    const answerable = outcomes.filter((o) => o.answerable);
    const at = calibrated?.bestMatchAt ?? 1;
    const top1 =
      answerable.filter((o) => o.found === 1 && (o.decision?.probability ?? 0) >= at).length /
      answerable.length;
    expect(held[0]?.model.bestMatchAt).toBe(at);
    expect(held[0]?.top1).toBeCloseTo(top1);
    expect(held[0]?.abstain).toBeGreaterThanOrEqual(0.85);
  });

  it("holds each corpus out of the fit and of the calibration alike", async () => {
    const file = path.join(dir, "loco.json");
    // A calibration set of its own, so that its points differ from the fit's.
    const calibrationQuestions = path.join(dir, "calibration-questions.json");
    await writeFile(
      calibrationQuestions,
      JSON.stringify([
        { q: "claim back a taxi", expect: [["receipt", "expense"]] },
        { q: "days off per year", expect: [["28 days"]] },
        { q: "what's the office wifi password", expect: null },
        { q: "expenses for my dog", expect: null },
        { q: "holiday party date", expect: null },
      ]),
    );
    const entry = (corpus: string, split: string) => ({
      name: path.basename(corpus),
      corpus,
      split,
      questions:
        split === "calibration" ? calibrationQuestions : "test/eval/fixture-questions.json",
    });
    await writeFile(
      file,
      JSON.stringify({
        sets: [
          entry("test/fixtures/search-handbook", "dev"),
          entry("test/fixtures/search-handbook", "calibration"),
          entry("test/fixtures/ask-kb", "dev"),
        ],
      }),
    );
    const loaded = await loadSuite(file, repository);
    const results = await runSuite(loaded.sets, context, { baselines: false });
    const [searchDev, searchCalibration, askDev] = results;
    if (searchDev === undefined || searchCalibration === undefined || askDev === undefined)
      throw new Error("fixture sets missing");
    const loco = await leaveOneCorpusOut(results, context);
    const heldOut = (name: string) => loco.find((e) => path.basename(e.corpus) === name)?.model;
    // Held out, the other corpus is answered at points set on this one's calibration split.
    const fitted = fitDecisionModel(labelledExamples([searchDev]));
    const calibrated = calibrateOperatingPoints(labelledExamples([searchCalibration]), fitted);
    expect(calibrated.bestMatchAt).not.toBe(fitted.bestMatchAt);
    expect(heldOut("ask-kb")).toEqual(calibrated);
    // This corpus has no other calibration split to be set on: its points come with the fit.
    expect(heldOut("search-handbook")).toEqual(fitDecisionModel(labelledExamples([askDev])));
  });
});
