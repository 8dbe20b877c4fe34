import { describe, expect, it } from "vitest";
import { isPersonalPage } from "../../src/search/personal.js";

describe("isPersonalPage", () => {
  it.each([
    ["handbook/engineering/readmes/jane-doe.md", "Jane Doe"],
    ["team/profiles/sam.md", "Sam"],
    ["people/jane.md", "Jane Doe's README"],
    ["people/jane.md", "Jane’s user manual"],
    ["people/jane.md", "README: Jane Doe"],
    ["jane/about.md", "Working with me"],
    ["jane/about.md", "How to work with me"],
  ])("recognises %s titled %s", (path, title) => {
    expect(isPersonalPage({ path, title })).toBe(true);
  });

  it.each([
    ["engineering/readme-guidelines.md", "Writing READMEs"],
    ["README.md", "Handbook"],
    ["people/time-off.md", "Paid time off"],
    ["tools/github.md", "Project README template"],
    ["readmes.md", "Readmes"],
  ])("leaves %s titled %s alone", (path, title) => {
    expect(isPersonalPage({ path, title })).toBe(false);
  });
});
