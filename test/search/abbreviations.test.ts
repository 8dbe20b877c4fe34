import { describe, expect, it } from "vitest";
import { learnAbbreviations, mergeAbbreviations } from "../../src/search/abbreviations.js";
import { createSearchIndex } from "../../src/search/index.js";
import { buildSections } from "./build-sections.js";

describe("learnAbbreviations", () => {
  it("learns acronyms a text defines, in either order, when the initials spell them", () => {
    const learned = learnAbbreviations([
      "Staff may take Paid Parental Leave (PPL) after twelve months.",
      "Ask the Office of Acquisition (OA) first.",
      "Set an OOO (out of office) reply.",
      "Track Objectives and Key Results (OKRs) quarterly.",
      "The team (see below) meets weekly.",
      "Our Friday Demo (FYI) is optional.",
    ]);
    expect(learned).toEqual([
      { short: "oa", long: ["office of acquisition"] },
      { short: "okr", long: ["objectives and key results"] },
      { short: "ooo", long: ["out of office"] },
      { short: "ppl", long: ["paid parental leave"] },
    ]);
  });

  it("merges learned meanings into the fixed table", () => {
    const merged = mergeAbbreviations(
      [{ short: "dm", long: ["delivery manager"] }],
      [{ short: "dm", long: ["Decision Maker"] }],
    );
    expect(merged).toEqual([{ short: "dm", long: ["delivery manager", "decision maker"] }]);
  });

  it("lets a question use an acronym the knowledge base defined", () => {
    const index = createSearchIndex(
      buildSections([
        {
          doc: "leave.md",
          title: "Leave",
          heading: "Paid parental leave (PPL)",
          body: "Twelve weeks at full pay.",
        },
        {
          doc: "leave.md",
          heading: "Applying for PPL",
          body: "Send the form to HR two months ahead.",
        },
        { doc: "travel.md", title: "Travel", body: "Book trains through the portal." },
      ]),
    );
    const ids = index
      .search("how do I apply for paid parental leave")
      .results.map((r) => r.section.id);
    expect(ids[0]).toBe("leave.md#applying-for-ppl");
  });
});
