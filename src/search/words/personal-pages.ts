/**
 * How a handbook marks a page as one person's: their README, profile or "working with me"
 * note. Such pages mention many topics in passing ("I take Fridays off", "ping me on Slack")
 * and outrank the policy a question is about (the held-out report of issue 9 found them first
 * on a large company handbook). Word data, apart from the rule in personal.ts.
 */

/** Folder names that hold one page per person. */
export const PERSONAL_FOLDERS: readonly string[] = [
  "readmes",
  "team-readmes",
  "people-readmes",
  "manager-readmes",
  "user-manuals",
  "bios",
  "profiles",
  "team-members",
  "staff-profiles",
];

/** Page titles that name a person's own page. */
export const PERSONAL_TITLES: readonly RegExp[] = [
  // "Jane Doe's README", "Jane Doe README", "Jane's user manual"
  /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}(?:['’]s)? (?:readme|user manual|manual of me)$/iu,
  // "README: Jane Doe", "README - Jane Doe"
  /^(?:readme|user manual)\s*[:–—-]\s*\p{Lu}/iu,
  // "About me", "Working with me", "How to work with me", "My README"
  /^(?:about me|(?:how to )?work(?:ing)? with me|my readme|my user manual)\b/i,
];
