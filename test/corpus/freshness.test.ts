import { describe, expect, it } from "vitest";
import {
  addInterval,
  documentFreshness,
  formatAge,
  parseReviewInterval,
} from "../../src/corpus/freshness.js";
import { readReviewFields } from "../../src/corpus/frontmatter.js";
import { parseDocument } from "../../src/corpus/parse.js";
import type { Document } from "../../src/corpus/types.js";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

function doc(fields: Partial<Document>): Document {
  return { path: "a.md", title: "A", tags: [], order: 1, sources: [], aliases: [], ...fields };
}

describe("parseReviewInterval", () => {
  it.each([
    ["6 months", { count: 6, unit: "month" }],
    ["12 Months", { count: 12, unit: "month" }],
    ["1 year", { count: 1, unit: "year" }],
    ["90 days", { count: 90, unit: "day" }],
    ["2 weeks", { count: 2, unit: "week" }],
    [" 3months ", { count: 3, unit: "month" }],
  ])("reads %j", (text, interval) => {
    expect(parseReviewInterval(text)).toEqual(interval);
  });

  it.each(["{period}", "soon", "0 months", "six months", "6", "-1 year", ""])(
    "refuses %j",
    (text) => {
      expect(parseReviewInterval(text)).toBeUndefined();
    },
  );
});

describe("addInterval", () => {
  it("adds calendar months, clamping to the month's last day", () => {
    expect(addInterval("2025-01-31", { count: 1, unit: "month" })).toBe("2025-02-28");
    expect(addInterval("2024-01-31", { count: 1, unit: "month" })).toBe("2024-02-29");
    expect(addInterval("2025-08-15", { count: 6, unit: "month" })).toBe("2026-02-15");
    expect(addInterval("2025-08-15", { count: 1, unit: "year" })).toBe("2026-08-15");
    expect(addInterval("2025-12-30", { count: 2, unit: "week" })).toBe("2026-01-13");
    expect(addInterval("not a day", { count: 1, unit: "day" })).toBeUndefined();
  });
});

describe("formatAge", () => {
  const now = day("2026-11-29");
  it.each([
    ["2026-11-29", "today"],
    ["2026-12-05", "today"],
    ["2026-11-28", "yesterday"],
    ["2026-11-01", "28 days ago"],
    ["2026-10-29", "1 month ago"],
    ["2026-10-30", "30 days ago"],
    ["2026-05-29", "6 months ago"],
    ["2024-11-30", "23 months ago"],
    ["2024-11-29", "2 years ago"],
    ["2019-01-01", "7 years ago"],
  ])("%s is %s on 2026-11-29", (iso, age) => {
    expect(formatAge(iso, now)).toBe(age);
  });
});

describe("documentFreshness", () => {
  const now = day("2026-11-29");

  it("counts from the last review when there is one, else the last update", () => {
    expect(documentFreshness(doc({ updated: "2026-09-01", reviewed: "2026-05-01" }), now)).toEqual({
      date: "2026-05-01",
      kind: "reviewed",
      age: "6 months ago",
      overdue: false,
    });
    expect(documentFreshness(doc({ updated: "2026-09-01" }), now)).toMatchObject({
      kind: "updated",
      age: "2 months ago",
    });
    expect(documentFreshness(doc({}), now)).toBeUndefined();
  });

  it("is overdue once review_in has passed since the last review, not before", () => {
    const reviewIn = { count: 6, unit: "month" } as const;
    const due = doc({ reviewed: "2026-05-28", reviewIn });
    expect(documentFreshness(due, now)).toMatchObject({ overdue: true, reviewDue: "2026-11-28" });
    const onTheDay = doc({ reviewed: "2026-05-29", reviewIn });
    expect(documentFreshness(onTheDay, now)).toMatchObject({
      overdue: false,
      reviewDue: "2026-11-29",
    });
  });

  it("never calls a page overdue without review_in, however old", () => {
    expect(documentFreshness(doc({ updated: "2015-01-01" }), now)?.overdue).toBe(false);
  });
});

describe("the review fields in frontmatter", () => {
  it("reads GOV.UK tech docs' last_reviewed_on and review_in", () => {
    const parsed = parseDocument(
      "standards/pull-requests.md",
      "---\ntitle: Pull requests\nlast_reviewed_on: 2026-01-10\nreview_in: 6 months\n---\n\n## Why\n\nSmall changes.\n",
    );
    expect(parsed.document).toMatchObject({
      reviewed: "2026-01-10",
      reviewIn: { count: 6, unit: "month" },
      updated: "2026-01-10",
    });
    expect(documentFreshness(parsed.document, day("2026-11-29"))).toMatchObject({
      kind: "reviewed",
      age: "10 months ago",
      overdue: true,
      reviewDue: "2026-07-10",
    });
  });

  it("dates a Hugo page by its lastmod, else its date, in TOML or YAML", () => {
    const toml = parseDocument(
      "content/leave.md",
      '+++\ntitle = "Leave"\ndate = 2025-01-06\nlastmod = 2026-05-18T09:30:00Z\n+++\n\nBook leave early.\n',
    );
    expect(toml.document.updated).toBe("2026-05-18");
    const yaml = parseDocument(
      "content/leave.md",
      "---\ntitle: Leave\ndate: 2025-01-06\n---\n\nBook leave early.\n",
    );
    expect(yaml.document.updated).toBe("2025-01-06");
    expect(documentFreshness(yaml.document, day("2026-11-29"))).toMatchObject({
      kind: "updated",
      age: "22 months ago",
      overdue: false,
    });
    // The handbook's own fields come first: a review says more than a publication date.
    const reviewed = parseDocument(
      "content/leave.md",
      "---\ntitle: Leave\ndate: 2025-01-06\nlast_reviewed: 2026-02-01\n---\n\nBook leave early.\n",
    );
    expect(documentFreshness(reviewed.document, day("2026-11-29"))).toMatchObject({
      kind: "reviewed",
      date: "2026-02-01",
    });
  });

  it("leaves out what it cannot read, and loads the page all the same", () => {
    expect(readReviewFields({ last_reviewed_on: "yyyy-mm-dd", review_in: "{period}" })).toEqual({});
    expect(readReviewFields({ last_reviewed: new Date("2026-03-01") })).toEqual({
      reviewed: "2026-03-01",
    });
  });
});
