/**
 * The index built in slices (for reloads) is the index built at once, and the slices really
 * give the event loop back.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ROLE_QUESTIONS } from "../../src/cli/bench-queries.js";
import { loadKnowledgeBase } from "../../src/corpus/load.js";
import { learnAbbreviations, learnAbbreviationsSteps } from "../../src/search/abbreviations.js";
import { buildSearchIndex, createSearchIndex } from "../../src/search/index.js";
import { runSteps, runStepsInSlices } from "../../src/search/steps.js";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));

describe("buildSearchIndex", () => {
  it("built in slices, answers every question exactly as the index built at once", async () => {
    const { sections } = await loadKnowledgeBase(CONTENT);
    const atOnce = createSearchIndex(sections);
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    const sliced = await runStepsInSlices(buildSearchIndex(sections), { sliceMs: 0 });
    clearInterval(counting);
    // Timers ran while it was built: the event loop was not held for the whole build.
    expect(turns).toBeGreaterThan(0);
    expect(sliced.size).toBe(atOnce.size);
    for (const question of ROLE_QUESTIONS) {
      expect(sliced.search(question)).toEqual(atOnce.search(question));
    }
  });

  it("stops between slices when its signal is aborted", async () => {
    const { sections } = await loadKnowledgeBase(CONTENT);
    const controller = new AbortController();
    setImmediate(() => controller.abort(new Error("closing")));
    await expect(
      runStepsInSlices(buildSearchIndex(sections), { sliceMs: 0, signal: controller.signal }),
    ).rejects.toThrow("closing");
  });
});

describe("learnAbbreviationsSteps", () => {
  it("learns what learnAbbreviations learns, across many slices", async () => {
    const { sections } = await loadKnowledgeBase(CONTENT);
    const texts = [
      ...sections.flatMap((section) => [section.heading, section.text]),
      "Paid Parental Leave (PPL) is explained below.",
      "Ask about PPL (paid parental leave) early.",
      "Service Level Agreements (SLAs) bind us; Key Performance Indicators (KPIs) too.",
    ];
    expect(texts.length).toBeGreaterThan(256);
    const learned = runSteps(learnAbbreviationsSteps(texts));
    expect(learned).toEqual(learnAbbreviations(texts));
    expect(learned.map((entry) => entry.short)).toEqual(expect.arrayContaining(["ppl", "sla"]));
  });
});
