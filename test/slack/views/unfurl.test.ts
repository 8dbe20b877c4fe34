import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/corpus/parse.js";
import { sectionUrl } from "../../../src/slack/views/source.js";
import {
  findLinkedSection,
  renderUnfurl,
  UNFURL_EXCERPT_CHARS,
} from "../../../src/slack/views/unfurl.js";
import { buildSections } from "../../search/build-sections.js";

const DOCS = "https://handbook.example.org/docs";
const sections = buildSections([
  { doc: "rituals/retro.md", title: "Retrospectives", body: "Why we hold them." },
  {
    doc: "rituals/retro.md",
    title: "Retrospectives",
    heading: "Running one",
    body: "Ask what went well.",
  },
  { doc: "people/leave.md", title: "Leave", heading: "Parental leave", body: "x ".repeat(400) },
]);
const base = { sections };

function sectionAt(i: number) {
  const section = sections[i];
  if (section === undefined) throw new Error(`no section ${i}`);
  return section;
}

describe("findLinkedSection", () => {
  it("finds the section a page-and-anchor link names, and a page link's first section", () => {
    const running = sectionAt(1);
    expect(findLinkedSection(base, sectionUrl(running, DOCS) as string, DOCS)).toBe(running);
    expect(findLinkedSection(base, `${DOCS}/rituals/retro`, DOCS)).toBe(sections[0]);
    // As browsers and people write them: a trailing slash, a .html, another letter case host.
    expect(findLinkedSection(base, "https://HANDBOOK.example.org/docs/rituals/retro/", DOCS)).toBe(
      sections[0],
    );
    expect(findLinkedSection(base, `${DOCS}/rituals/retro.html`, DOCS)).toBe(sections[0]);
  });

  it("leaves alone any other URL, and every URL when there is no DOCS_BASE_URL", () => {
    expect(findLinkedSection(base, `${DOCS}/rituals/unknown`, DOCS)).toBeUndefined();
    expect(findLinkedSection(base, "https://example.com/rituals/retro", DOCS)).toBeUndefined();
    expect(findLinkedSection(base, "not a url", DOCS)).toBeUndefined();
    expect(findLinkedSection(base, "javascript:alert(1)", DOCS)).toBeUndefined();
    // A malformed escape is a URL that matches nothing, not an error.
    expect(findLinkedSection(base, `${DOCS}/rituals/%E0%A4%A`, DOCS)).toBeUndefined();
    expect(findLinkedSection(base, `${DOCS}/rituals/retro`, undefined)).toBeUndefined();
  });
});

describe("renderUnfurl", () => {
  it("shows the title and breadcrumb, a short excerpt and the source, within Slack's limits", () => {
    const { blocks } = renderUnfurl(sectionAt(2), { docsBaseUrl: DOCS });
    const [main, source] = blocks as {
      type: string;
      text?: { text: string };
      elements?: { text: string }[];
    }[];
    expect(main?.text?.text).toMatch(/^\*Leave\*\nParental leave\n/);
    const excerpt = main?.text?.text.split("\n").slice(2).join("\n") ?? "";
    expect(excerpt.length).toBeLessThanOrEqual(UNFURL_EXCERPT_CHARS);
    expect(main?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(source?.elements?.[0]?.text).toContain(
      "Source: <https://handbook.example.org/docs/people/leave#parental-leave|Leave>",
    );
  });

  it("never lets section text ping a channel", () => {
    const parsed = parseDocument("a.md", "# Alerts <!here>\n\n<!channel> read this, @channel\n");
    const noisy = parsed.sections[0];
    if (noisy === undefined) throw new Error("no section");
    const text = JSON.stringify(renderUnfurl(noisy, {}));
    expect(text).not.toContain("<!here>");
    expect(text).not.toContain("<!channel>");
  });
});
