import { describe, expect, it } from "vitest";
import { normaliseWords, readContentFiles } from "./knowledge-base.js";

/**
 * Distinctive sentences from the source documents. The knowledge base must state their facts in
 * its own words, so not even an eight-word stretch of any of them may appear in it.
 */
const sourcePhrases = [
  "Combining the principles of Project Management and Delivery at Scale, this role focuses on streamlining processes",
  "Delivery managers are responsible for end-to-end processes and strive to improve elements of the Service Value Chain.",
  "Facilitating communication between stakeholders, development teams, and customers, ensuring everyone is aligned and informed.",
  "A Delivery Manager is a data-driven change manager responsible for the end-to-end process of delivering the final product to the user.",
  "If there's no request for an end-to-end process, they are responsible for the entire available chain.",
  "building horizontal and vertical partnerships among all value creators",
  "They assist teams in maintaining a level of awareness that enables them to independently improve processes.",
  "The delivery manager is responsible for making sure the team is set up to deliver.",
  "play an enabling role for the team over directing the work",
  "Too much, and the team won't meet their sprint goals.",
  "Great delivery managers develop an eye for spotting potential blockers on the horizon",
  "They become traffic cops scheduling meetings rather than informed coordinators making operational decisions.",
  "The role compresses the PM + EM + scrum master triple into one position",
  "DM rates have grown 30–40% over the last 5 years.",
  "One pod (4–8 specialists) is full-time DM work.",
];

const WINDOW = 8;

function windows(phrase: string): string[] {
  const words = normaliseWords(phrase).split(" ");
  const result: string[] = [];
  for (let start = 0; start + WINDOW <= words.length; start += 1) {
    result.push(words.slice(start, start + WINDOW).join(" "));
  }
  return result;
}

const files = readContentFiles().map((file) => ({
  path: file.path,
  words: ` ${normaliseWords(file.raw)} `,
}));

describe("the knowledge base is written in its own words", () => {
  it("checks phrases long enough to be distinctive", () => {
    for (const phrase of sourcePhrases) expect(windows(phrase).length).toBeGreaterThan(0);
  });

  for (const phrase of sourcePhrases) {
    it(`does not copy: "${phrase.slice(0, 60)}…"`, () => {
      const copied = files.flatMap((file) =>
        windows(phrase)
          .filter((window) => file.words.includes(` ${window} `))
          .map((window) => `${file.path}: ${window}`),
      );
      expect(copied).toEqual([]);
    });
  }
});
