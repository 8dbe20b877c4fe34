/**
 * Everyday words people use for the same thing ("salary" / "pay", "boss" / "supervisor"), and
 * number words with their digits. A question word also finds sections that use a related word,
 * at a discount unless the words mean exactly the same. General English only, as data in one
 * place: add a group rather than special-casing a question. Groups are symmetric.
 */
export interface RelatedGroup {
  /** Words or short phrases, as typed; the first word of a group is no more special. */
  words: readonly string[];
  /** Share of a match a related word earns: 1 for exact equivalents (numbers), less otherwise. */
  factor: number;
}

/** Near-synonyms: close enough to answer the question, not quite the same word. */
const NEAR = 0.8;

const NUMBERS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

export const RELATED_WORDS: readonly RelatedGroup[] = [
  ...NUMBERS.map((word, n) => ({ words: [word, String(n)], factor: 1 })),
  { words: ["thirty", "30"], factor: 1 },
  { words: ["forty", "40"], factor: 1 },
  { words: ["fifty", "50"], factor: 1 },
  { words: ["hundred", "100"], factor: 1 },
  { words: ["single", "one"], factor: 1 },
  {
    words: ["salary", "pay", "wage", "compensation", "earnings", "income", "remuneration"],
    factor: NEAR,
  },
  { words: ["earn", "paid"], factor: NEAR },
  // "PTO" (twelfth session): typed, it stood for "paid time off", whose words the 18F handbook
  // never writes as a phrase ("annual leave"), so it reached none of these ("got a jury summons,
  // do i have to burn PTO for it?" found "Paid Parental Leave"). 18F dev top1 0.695 → 0.707,
  // nothing else moved.
  { words: ["vacation", "annual leave", "time off", "pto"], factor: NEAR },
  { words: ["boss", "supervisor", "line manager"], factor: NEAR },
  { words: ["obstacle", "blocker", "impediment", "hurdle", "roadblock"], factor: NEAR },
  { words: ["fix", "repair"], factor: NEAR },
  { words: ["cancel", "withdraw"], factor: NEAR },
  { words: ["quit", "resign", "resignation"], factor: NEAR },
  { words: ["hire", "recruit"], factor: NEAR },
  { words: ["job", "role", "position"], factor: NEAR },
  { words: ["laptop", "computer"], factor: NEAR },
  { words: ["phone", "mobile", "smartphone", "cellphone"], factor: NEAR },
  { words: ["money", "budget", "funding"], factor: NEAR },
  { words: ["better", "improve"], factor: NEAR },
  { words: ["affect", "impact", "influence", "change"], factor: NEAR },
  { words: ["problem", "issue"], factor: NEAR },
  { words: ["mistake", "error"], factor: NEAR },
  { words: ["rule", "policy", "guideline"], factor: NEAR },
  { words: ["buy", "purchase"], factor: NEAR },
  { words: ["trip", "travel"], factor: NEAR },
  { words: ["car", "vehicle"], factor: NEAR },
  { words: ["doctor", "physician"], factor: NEAR },
  { words: ["sick", "ill", "illness"], factor: NEAR },
  { words: ["employee", "staff", "worker"], factor: NEAR },
  { words: ["coworker", "colleague", "teammate"], factor: NEAR },
  { words: ["goal", "objective", "target"], factor: NEAR },
  { words: ["finish", "complete"], factor: NEAR },
  { words: ["course", "class", "training"], factor: NEAR },
  { words: ["certificate", "certification"], factor: NEAR },
  { words: ["raise", "increase", "rise"], factor: NEAR },
  { words: ["see", "view", "visible", "viewable"], factor: NEAR },
  { words: ["percent", "percentage"], factor: 1 },
];
