import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/corpus/parse.js";
import { MAX_PSEUDO_HEADING_CHARS, readsAsTitle } from "../../src/corpus/pseudo-headings.js";
import { sectionUrl } from "../../src/slack/views/source.js";

const page = (body: string) => parseDocument("people/benefits.md", body);
const summary = (body: string) =>
  page(body).sections.map((s) => ({ id: s.id, breadcrumb: s.breadcrumb, text: s.text }));

describe("bold lines read as headings", () => {
  it("heads a section with a bold line, one level below the real heading it follows", () => {
    const parsed = page(
      "# Benefits\n\nWhat we offer.\n\n## Leave\n\n**Parental leave**\n\nTwelve weeks, fully paid.\n\n**Sick days**\n\nAs many as you need.\n",
    );
    expect(parsed.sections.map((s) => [s.heading, s.depth, s.breadcrumb])).toEqual([
      ["Benefits", 1, []],
      ["Parental leave", 3, ["Leave", "Parental leave"]],
      ["Sick days", 3, ["Leave", "Sick days"]],
    ]);
    // A bold line has no anchor on the published page: its section links to the real heading's.
    expect(parsed.anchors).toEqual(["benefits", "leave"]);
    const sickDays = parsed.sections[2];
    expect(sickDays?.anchor).toBe("leave");
    expect(sickDays && sectionUrl(sickDays, "https://handbook.example/")).toBe(
      "https://handbook.example/people/benefits#leave",
    );
  });

  it("heads a FAQ answer with its bold question, without the Q: marker", () => {
    expect(
      summary(
        "## FAQ\n\n**Q: How long do I have to submit a claim?**\nA: Within 90 days of the service.\n\n**Q: Who approves it under the [claims policy](claims.md)?**\n\n- A: Your manager.\n",
      ),
    ).toEqual([
      {
        id: "people/benefits.md#how-long-do-i-have-to-submit-a-claim",
        breadcrumb: ["FAQ", "How long do I have to submit a claim?"],
        text: "A: Within 90 days of the service.",
      },
      {
        // A link in a bold question is part of it; the answer is a list of its own.
        id: "people/benefits.md#who-approves-it-under-the-claims-policy",
        breadcrumb: ["FAQ", "Who approves it under the claims policy?"],
        text: "A: Your manager.",
      },
    ]);
  });

  it("reads a bold line in HTML styling (a word processor's underline) by its words", () => {
    const parsed = page(
      '## Policy\n\nIntro.\n\n**<span style="text-decoration:underline;">Outside activities</span>**\n\nDisclose them.\n',
    );
    expect(parsed.sections.map((s) => s.heading)).toEqual(["Policy", "Outside activities"]);
  });

  it("leaves emphasis alone: a bold sentence, a bold lead-in, a bold link, a bold line before a heading", () => {
    const body =
      "## Security\n\n**Never share your password.**\n\n**Note:** rotate keys yearly.\n\n**[Report a phish](https://x.example)**\n\nWithin the hour.\n\n**Checklist**\n\n## Next\n\nMore.\n";
    expect(page(body).sections.map((s) => s.heading)).toEqual(["Security", "Next"]);
    expect(page(body).sections[0]?.text).toContain("Never share your password.");
    expect(page(body).sections[0]?.text).toContain("Checklist");
  });

  it("never moves a real heading's anchor when a bold line has the same words", () => {
    const parsed = page("## Team\n\n**Cadence**\n\nWeekly.\n\n## Cadence\n\nMonthly review.\n");
    expect(parsed.sections.map((s) => s.id)).toEqual([
      "people/benefits.md#cadence-1",
      "people/benefits.md#cadence",
    ]);
    expect(parsed.anchors).toEqual(["team", "cadence"]);
  });

  it("links a bold line before any real heading to the top of the page", () => {
    const parsed = page("**Overview**\n\nWhat this page covers.\n");
    expect(parsed.sections[0]?.heading).toBe("Overview");
    const overview = parsed.sections[0];
    expect(overview && sectionUrl(overview, "https://handbook.example/")).toBe(
      "https://handbook.example/people/benefits",
    );
  });
});

describe("readsAsTitle", () => {
  it("takes a title's length and ending, not a sentence's", () => {
    expect(readsAsTitle("Cadence")).toBe(true);
    expect(readsAsTitle("What are async weeks?")).toBe(true);
    expect(readsAsTitle("Steps:")).toBe(false);
    expect(readsAsTitle("delivery manager → senior delivery manager")).toBe(false);
    expect(readsAsTitle("Do not share it.")).toBe(false);
    expect(readsAsTitle("1.")).toBe(false);
    expect(readsAsTitle(`X${"x".repeat(MAX_PSEUDO_HEADING_CHARS)}`)).toBe(false);
    expect(readsAsTitle(`X${"x".repeat(MAX_PSEUDO_HEADING_CHARS - 1)}`)).toBe(true);
  });
});

describe("a shared link to a bold line's real heading", () => {
  it("unfurls the real heading's section, or the first section under it", async () => {
    const { findLinkedSection } = await import("../../src/slack/views/unfurl.js");
    const docs = "https://handbook.example/";
    const withText = page(
      "## Leave\n\nAsk first.\n\n**Parental**\n\nTwelve weeks.\n\n**Sick**\n\nAny.\n",
    );
    const url = "https://handbook.example/people/benefits#leave";
    expect(findLinkedSection(withText, url, docs)?.heading).toBe("Leave");
    const folded = page("## Leave\n\n**Parental**\n\nTwelve weeks.\n\n**Sick**\n\nAny.\n");
    expect(findLinkedSection(folded, url, docs)?.heading).toBe("Parental");
  });
});

describe("links in bold lines", () => {
  it("records a link once, whether its bold line became a heading or stayed a sentence", () => {
    const parsed = page(
      "## Pay\n\n**See the [pay policy](https://pay.example/policy).**\n\nMore.\n\n**Q: Who sets the [bands](https://pay.example/bands)?**\nA: People ops.\n",
    );
    // Headings are read before bodies, so the order is not the page's; each is there once.
    expect(parsed.links.map((link) => link.url).sort()).toEqual([
      "https://pay.example/bands",
      "https://pay.example/policy",
    ]);
    expect(parsed.sections.map((s) => s.heading)).toEqual(["Pay", "Who sets the bands?"]);
  });
});
