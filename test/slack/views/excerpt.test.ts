import { describe, expect, it } from "vitest";
import type { Section } from "../../../src/corpus/types.js";
import {
  createExcerpt,
  displayedText,
  EXCERPT_BUDGET_CHARS,
  EXCERPT_MAX_CHARS,
} from "../../../src/slack/views/excerpt.js";
import { buildSections } from "../../search/build-sections.js";

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

  it("shows the part stating a figure when the question asks for one", () => {
    const pad = "It goes on with general remarks that pad the section out. ".repeat(5);
    const section = longSection([
      `Annual leave is planned with your manager. ${pad}`,
      `Carry-over rules are set by policy. ${pad}`,
      `Approval happens in the tool. ${pad}`,
      `Public holidays are separate. ${pad}`,
      `Sick days are recorded apart. ${pad}`,
      `Unpaid time off needs a reason. ${pad}`,
      `Everyone accrues 13 days each year, more after three years. ${pad}`,
    ]);
    expect(createExcerpt(section, ["leave"], true)).toContain("13 days");
    // Without the question asking for one, the words asked about decide alone.
    expect(createExcerpt(section, ["leave"], false)).not.toContain("13 days");
  });

  it("does not take the question's own number, or a footnote marker, for the figure asked", () => {
    const pad = "It goes on with general remarks that pad the section out. ".repeat(6);
    const section = longSection([
      `One-to-ones are how managers hold 1:1s. ${pad}`,
      `Agendas are shared in advance. ${pad}`,
      `Notes stay private. ${pad}`,
      `Hold them weekly and never miss them. ${pad}`,
      `Feedback goes both ways. ${pad}`,
      `[1] A report is anyone you have 1:1s with. ${pad}`,
    ]);
    // "how often do I hold 1:1s with my reports": the words asked pick the first part and the
    // footnote; "one", "1:1" and "[1]" in them are no answer to "how often".
    const excerpt = createExcerpt(section, ["hold", "1:1s", "one", "report"], true);
    expect(excerpt).toContain("[1] A report");
    expect(excerpt).toContain("weekly");
  });

  it("keeps a table row whole with its column labels when the table is cut", () => {
    const cities = ["Austin", "Boston", "Chicago", "Denver", "El Paso", "Fresno", "Gary"];
    const rows = cities.flatMap((city, i) =>
      Array.from({ length: 4 }, (_, k) =>
        [
          `*City*: ${city} ${k === 0 ? "" : `zone ${k}`}`.trim(),
          `*Lodging*: $${100 + i * 10 + k}`,
          `*Meals*: $${50 + i + k}`,
          `*Notes*: ${"Rates are reviewed by the travel office every season. ".repeat(2)}`,
        ].join("\n"),
      ),
    );
    const [section] = buildSections([
      { doc: "rates.md", title: "Per diem", heading: "Rates", body: [rows.join("\n\n")] },
    ]);
    if (section === undefined) throw new Error("no section");
    const excerpt = createExcerpt(section, ["denver"]);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(excerpt).toContain("*City*: Denver\n*Lodging*: $130\n*Meals*: $53");
    expect(excerpt.startsWith("*City*") || excerpt.startsWith("…\n*City*")).toBe(true);
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
