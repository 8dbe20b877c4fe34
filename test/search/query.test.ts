import { describe, expect, it } from "vitest";
import { isMisspelledStopWord } from "../../src/search/query.js";

describe("isMisspelledStopWord", () => {
  it("recognises filler words one typo away", () => {
    expect(isMisspelledStopWord("actualy")).toBe(true);
    expect(isMisspelledStopWord("shuold")).toBe(true);
    expect(isMisspelledStopWord("becuase")).toBe(true);
  });

  it("leaves content words and short words alone", () => {
    expect(isMisspelledStopWord("velocty")).toBe(false);
    expect(isMisspelledStopWord("retro")).toBe(false);
    // Four letters are too few: "thta" could be many things.
    expect(isMisspelledStopWord("whta")).toBe(false);
  });
});
