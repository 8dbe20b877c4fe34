import { isAcknowledgement } from "../conversations/follow-up.js";

/**
 * Turning what a person typed in Slack into a plain question for the search index.
 * Slack sends message text with its own markup (mentions, channel links, `<url|label>`
 * links, special mentions) and with `&`, `<`, `>` escaped as HTML entities.
 */

/** The question words of a message or command, without Slack markup; "" when nothing is left. */
export function extractQuestion(text: unknown, botUserId?: string): string {
  // Events are data from the network: a `text` that is not a string is no question.
  if (typeof text !== "string") return "";
  let question = text;
  if (botUserId !== undefined && botUserId !== "") {
    question = question.split(`<@${botUserId}>`).join(" ");
  }
  question = question.replace(/<([^<>]*)>/g, (_whole, inner: string) => replaceMarkup(inner));
  question = question.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return question
    .replace(/\s+/g, " ")
    .replace(/ ([?!.,;:])/g, "$1")
    .trim();
}

function replaceMarkup(inner: string): string {
  const pipe = inner.indexOf("|");
  const target = pipe === -1 ? inner : inner.slice(0, pipe);
  const label = pipe === -1 ? undefined : inner.slice(pipe + 1);
  // User and group mentions and @here/@channel say who is asked, not what.
  if (target.startsWith("@") || target.startsWith("!")) return " ";
  // A channel link keeps its name when Slack sent one: "what happens in #planning".
  if (target.startsWith("#")) return label !== undefined ? ` ${label} ` : " ";
  return ` ${label ?? target} `;
}

export type CommandIntent =
  | { kind: "help" }
  | { kind: "topics" }
  | { kind: "acknowledgement" }
  | { kind: "question"; question: string };

/**
 * What `/dm <text>` asks for: help (no text, "help", a greeting), the topic list, a thanks or
 * an acknowledgement, or a question.
 */
export function parseCommandText(text: string | undefined): CommandIntent {
  return classifyQuestion(extractQuestion(text));
}

/**
 * A greeting on its own is someone finding out what the bot does, not a question the handbook
 * failed to answer: it gets the help text (and stays out of the unanswered-questions report).
 */
const GREETING =
  /^(hi+|hello|hey+a?|hiya|howdy|yo|morning|good (morning|afternoon|evening))( there| all| y'?all| everyone| everybody| folks| team| guys| bot)?$/;

/** The same reading for text already freed of Slack markup (a mention, a DM). */
export function classifyQuestion(question: string): CommandIntent {
  const keyword = question
    .toLowerCase()
    .replace(/[?!.,]+/g, "")
    .trim();
  if (keyword === "" || keyword === "help" || GREETING.test(keyword)) return { kind: "help" };
  if (keyword === "topics" || keyword === "topic") return { kind: "topics" };
  // "thanks!" after an answer is not a question the handbook failed to answer.
  if (isAcknowledgement(question)) return { kind: "acknowledgement" };
  return { kind: "question", question };
}
