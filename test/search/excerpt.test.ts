import { describe, expect, it } from "vitest";
import type { Section } from "../../src/corpus/types.js";
import {
  createExcerpt,
  displayedText,
  EXCERPT_BUDGET_CHARS,
  EXCERPT_MAX_CHARS,
} from "../../src/search/excerpt.js";
import { buildSections } from "./build-sections.js";

const paragraph = (topic: string, n: number) =>
  `Paragraph ${n} is about ${topic}. ${"It goes on with general remarks that pad the section out. ".repeat(4)}`;

function longSection(paragraphs: string[]): Section {
  const [section] = buildSections([
    {
      doc: "guide.md",
      title: "Guide",
      heading: "Details",
      breadcrumb: ["Part", "Details"],
      body: paragraphs,
    },
  ]);
  if (section === undefined) throw new Error("no section");
  return section;
}

describe("createExcerpt", () => {
  it("shows a short section whole", () => {
    const [section] = buildSections([
      { doc: "a.md", title: "A", body: ["First *point*.", "• one\n• two"] },
    ]);
    if (section === undefined) throw new Error("no section");
    expect(createExcerpt(section, ["point"])).toBe("First *point*.\n\n• one\n• two");
  });

  it("keeps the blocks that cover the matched words, in document order, marking cuts", () => {
    const topics = [
      "budgets",
      "holidays",
      "laptops",
      "parking",
      "security",
      "travel",
      "printing",
      "pensions",
    ];
    const section = longSection(topics.map(paragraph));
    const excerpt = createExcerpt(section, ["travel", "laptop"]);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_BUDGET_CHARS);
    expect(excerpt).toContain("about laptops");
    expect(excerpt).toContain("about travel");
    expect(excerpt.indexOf("about laptops")).toBeLessThan(excerpt.indexOf("about travel"));
    expect(excerpt).toContain("…");
  });

  it("starts from the top when nothing matched", () => {
    const section = longSection(
      ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"].map(paragraph),
    );
    const excerpt = createExcerpt(section, []);
    expect(excerpt.startsWith("Paragraph 0 is about alpha")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
  });

  it("cuts a single huge block by lines and never exceeds the hard limit", () => {
    const list = Array.from(
      { length: 120 },
      (_, i) => `• item ${i} ${i === 90 ? "mentions invoices" : "is filler text"}`,
    ).join("\n");
    const [section] = buildSections([{ doc: "l.md", title: "List", body: [list] }]);
    if (section === undefined) throw new Error("no section");
    const excerpt = createExcerpt(section, ["invoices"]);
    expect(excerpt).toContain("item 90 mentions invoices");
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    const giant = "word ".repeat(2000);
    const [huge] = buildSections([{ doc: "h.md", title: "Huge", body: [giant] }]);
    if (huge === undefined) throw new Error("no section");
    expect(createExcerpt(huge, ["word"]).length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
  });
});

describe("displayedText", () => {
  it("is the title, the breadcrumb and the excerpt, one per line", () => {
    const section = longSection(["short body"]);
    expect(displayedText({ section, score: 1, matchedTerms: [] })).toBe(
      "Guide\nPart › Details\nshort body",
    );
  });

  it("leaves out an empty breadcrumb line", () => {
    const [section] = buildSections([{ doc: "a.md", title: "Lead", body: "Intro." }]);
    if (section === undefined) throw new Error("no section");
    expect(displayedText({ section, score: 1, matchedTerms: [] })).toBe("Lead\nIntro.");
  });
});
