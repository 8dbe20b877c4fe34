/**
 * Normalised terms of a question, for grouping unanswered questions that ask the same thing
 * in different words ("How do I book a room?" and "booking rooms" both become `book room`).
 *
 * Deliberately small and predictable: a maintainer reading the report must be able to guess why
 * two questions landed in the same group. It is not the search's analyser (that one fuzzes).
 */

/** Question scaffolding and function words: they say how something is asked, not what. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be been before being below
  between both but by can cannot could did do does doing don down during each few for from
  further get gets got had has have having he her here hers herself him himself his how i if in
  into is it its itself just let lets me more most my myself need needs no nor not now of off on
  once only or other ought our ours ourselves out over own please same shall she should so some
  such tell than that thats the their theirs them themselves then there these they this those
  through to too under until up us very want was we were what whats when where which while who
  whom whose why will with would you your yours yourself yourselves hi hello hey thanks thank`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/** Endings that look plural but are not (`status`, `process`, `analysis`, `bus`). */
const NOT_PLURAL = /(?:ss|us|is|ous)$/;

/**
 * Light stemming: folds plurals and the commonest verb endings, nothing cleverer.
 * `rooms`→`room`, `policies`→`policy`, `booking`→`book`, `booked`→`book`, `running`→`run`.
 */
export function stemTerm(word: string): string {
  let stem = word;
  if (stem.length > 4 && stem.endsWith("ies")) {
    stem = `${stem.slice(0, -3)}y`;
  } else if (/(?:ss|x|ch|sh|z)es$/.test(stem)) {
    stem = stem.slice(0, -2);
  } else if (stem.length > 3 && stem.endsWith("s") && !NOT_PLURAL.test(stem)) {
    stem = stem.slice(0, -1);
  }
  for (const ending of ["ing", "ed"]) {
    if (!stem.endsWith(ending)) continue;
    const base = stem.slice(0, -ending.length);
    // A stem needs three letters and a vowel, so `bring`, `string`, `red` and `speed` survive.
    if (base.length >= 3 && /[aeiouy]/.test(base) && !base.endsWith("e")) {
      // `running` → `runn` → `run`; but `staff`, `bill` and `add` keep their doubled letter.
      stem = /([^aeiouslfzd])\1$/.test(base) ? base.slice(0, -1) : base;
    }
    break;
  }
  return stem;
}

/** Lowercased words of a text, diacritics folded, apostrophes dropped (`don't` → `dont`). */
export function splitWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The sorted, de-duplicated set of meaningful stemmed terms of a question. */
export function normaliseTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of splitWords(text)) {
    if (STOP_WORDS.has(word)) continue;
    const stem = stemTerm(word);
    if (stem.length === 0 || STOP_WORDS.has(stem)) continue;
    terms.add(stem);
  }
  return [...terms].sort();
}
