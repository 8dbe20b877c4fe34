/**
 * Reading a message someone wrote in a thread the bot has answered in: is it a question for the
 * handbook, and what does it ask once read with the thread's earlier question? Pure: the text
 * in, a reading out.
 */

export type FollowUpReading =
  | {
      kind: "question";
      question: string /** Read together with the earlier question. */;
      elliptical: boolean;
    }
  | {
      kind: "ignore";
      reason: "empty" | "acknowledgement" | "addressed to someone" | "not a question";
    };

/** Words a thanks or an acknowledgement is made of; a message of only these is not a question. */
const ACKNOWLEDGEMENT_WORDS = new Set(
  (
    "thanks thank you ty thx tx cheers ta many much so very a lot lots ok okay k kk great cool nice " +
    "perfect got it that makes sense awesome brilliant excellent amazing lovely super lol haha yes " +
    "no yep yeah yup nope sure will do done good helps helped helpful this works worked for me " +
    "all clear understood noted right fab sounds for the that it info answer quick reply help"
  ).split(" "),
);

/** The words of a message as a person reads them: emoji codes and punctuation dropped. */
function messageWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/:[a-z0-9_+-]+:/g, " ")
    .replace(/[^\p{L}\p{N}'\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * A thanks or an acknowledgement and nothing else ("thanks!", "ok got it", "perfect ty
 * :pray:"): a reply to the bot, not a question for the handbook.
 */
export function isAcknowledgement(text: string): boolean {
  const words = messageWords(text);
  return words.length > 0 && words.every((word) => ACKNOWLEDGEMENT_WORDS.has(word));
}

/** How a question starts in English, when it does not end with "?". */
const QUESTION_START =
  /^(what|what's|whats|how|who|whom|whose|when|where|why|which|can|could|do|does|did|is|are|was|were|should|shall|would|will|may|might|must|has|have|any|anyone|is there|are there)\b/;

/**
 * Leads of an elliptical follow-up, which leans on the question before it: "and for
 * contractors?", "what about the US?", "how about in a retro?", "same for risks?".
 */
const ELLIPTICAL_LEAD =
  /^(and|or|but|also|plus|then|so)?\s*(what about|how about|what if|same for|and for|or for|for|in|on|with|about)?\b\s*/;

/** At most this many words, a question mark and no verb of its own: "contractors too?". */
const SHORT_FOLLOW_UP_WORDS = 4;

/**
 * `text` is already freed of Slack markup (extractQuestion); `raw` is the message as sent, to
 * see whom it mentions. `previous` is the question the bot last answered in the thread.
 */
export function readFollowUp(
  text: string,
  previous: string,
  raw = text,
  botUserId?: string,
): FollowUpReading {
  const words = messageWords(text);
  if (words.length === 0) return { kind: "ignore", reason: "empty" };
  // People talking to each other: a message that names someone else is for them.
  const mentions = [...raw.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]);
  if (mentions.some((id) => id !== botUserId)) {
    return { kind: "ignore", reason: "addressed to someone" };
  }
  if (isAcknowledgement(text)) {
    return { kind: "ignore", reason: "acknowledgement" };
  }
  const lower = text.toLowerCase().trim();
  const asks = lower.endsWith("?") || QUESTION_START.test(lower);
  const lead = ELLIPTICAL_LEAD.exec(lower)?.[0] ?? "";
  const hasLead = lead.trim() !== "";
  // A lead alone ("and then we went to lunch") is conversation; a question asks or ends in "?".
  if (!asks) return { kind: "ignore", reason: "not a question" };

  const rest = text.trim().slice(lead.length).trim();
  // A lead ("and how long should it take?") always leans on what came before; without one, only
  // a short fragment that is not a question of its own does ("contractors too?").
  const elliptical =
    previous.trim() !== "" &&
    (hasLead || (words.length <= SHORT_FOLLOW_UP_WORDS && !QUESTION_START.test(lower)));
  if (!elliptical) return { kind: "question", question: text.trim(), elliptical: false };
  return {
    kind: "question",
    question: `${previous.trim()} ${rest || text.trim()}`,
    elliptical: true,
  };
}
