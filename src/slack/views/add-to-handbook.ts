import { DRAFTS_FOLDER } from "../../knowledge/drafts.js";
import { mrkdwnContext } from "./blocks.js";
import { escapeText } from "./escape.js";
import { SlackLimits } from "./limits.js";
import type { InputBlock, KnownBlock, ModalView } from "./types.js";

/** `callback_id` of the "Add to handbook" modal: its submission writes the draft. */
export const ADD_TO_HANDBOOK_VIEW = "add_to_handbook_draft";

/** Slack's most characters in a `plain_text_input` (its `max_length` and `initial_value`). */
export const TEXT_INPUT_MAX = 3000;
/** Fields a long text is spread over: 14 × 3000 holds a whole Slack message (40 000). */
export const ANSWER_PARTS = 14;
export const QUESTION_PARTS = 2;
const DOCUMENT_MAX = 255;
const HEADING_MAX = 150;

export interface AddToHandbookForm {
  question: string;
  answer: string;
  /** The bot's best match for the question: where the answer probably belongs. */
  document?: string;
  heading?: string;
  /** Carried to the submission (who asked, who answered, which message); ≤ 3000 characters. */
  privateMetadata: string;
}

export interface AddToHandbookSubmission {
  question: string;
  answer: string;
  document: string;
  heading: string;
}

/**
 * Cuts `text` into at most `parts` pieces of at most `max` characters, at a line break or a
 * space when there is one (that character is dropped: pieces are joined with a line break, which
 * markdown reads as the same paragraph), else at `max` without splitting a surrogate pair.
 * Returns what did not fit as `rest`.
 */
export function splitForInputs(
  text: string,
  max: number,
  parts: number,
): { pieces: string[]; rest: string } {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max && pieces.length < parts) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = Math.max(cut, window.lastIndexOf(" "));
    let skip = 1;
    if (cut <= 0) {
      cut = max;
      skip = 0;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  if (pieces.length < parts) {
    pieces.push(rest);
    rest = "";
  }
  return { pieces, rest };
}

function textInput(spec: {
  blockId: string;
  label: string;
  value: string;
  max: number;
  multiline: boolean;
  optional: boolean;
  hint?: string;
}): InputBlock {
  return {
    type: "input",
    block_id: spec.blockId,
    optional: spec.optional,
    label: { type: "plain_text", text: spec.label },
    ...(spec.hint !== undefined && { hint: { type: "plain_text", text: spec.hint } }),
    element: {
      type: "plain_text_input",
      // Each input's action id is its block id: unique in the view, so it names what was typed.
      action_id: spec.blockId,
      multiline: spec.multiline,
      max_length: spec.max,
      ...(spec.value !== "" && { initial_value: spec.value.slice(0, spec.max) }),
    },
  };
}

/** A long text over as many fields as it needs (at least one, at most `parts`). */
function textInputs(prefix: string, label: string, text: string, parts: number) {
  const { pieces, rest } = splitForInputs(text, TEXT_INPUT_MAX, parts);
  const blocks = pieces.map((piece, index) =>
    textInput({
      blockId: `${prefix}_${index}`,
      label: pieces.length === 1 ? label : `${label} (part ${index + 1} of ${pieces.length})`,
      value: piece,
      max: TEXT_INPUT_MAX,
      multiline: true,
      // The first field is required: Slack itself refuses an empty one.
      optional: index > 0,
    }),
  );
  return { blocks, cut: rest.length };
}

/**
 * The "Add to handbook" modal: the question (the thread's first message) and the answer (the
 * message the shortcut was used on), both as markdown and editable, and the document and heading
 * the bot would have answered the question from. A text longer than one field holds is spread
 * over several, so nothing is lost.
 */
export function renderAddToHandbookModal(form: AddToHandbookForm): ModalView {
  const question = textInputs("question", "Question", form.question, QUESTION_PARTS);
  const answer = textInputs("answer", "Answer", form.answer, ANSWER_PARTS);
  const blocks: KnownBlock[] = [
    mrkdwnContext(
      `Saves a draft in the handbook's \`${DRAFTS_FOLDER}\` folder for an editor to review. It is not used in answers until then.`,
    ),
    ...question.blocks,
    ...answer.blocks,
  ];
  if (question.cut + answer.cut > 0) {
    blocks.push(
      mrkdwnContext(
        `:warning: The last ${question.cut + answer.cut} characters did not fit in the form; copy them from the message.`,
      ),
    );
  }
  blocks.push(
    textInput({
      blockId: "document",
      label: "Belongs in (document)",
      value: form.document ?? "",
      max: DOCUMENT_MAX,
      multiline: false,
      optional: true,
      hint: "The page the bot would answer this question from; change it if it belongs elsewhere.",
    }),
    textInput({
      blockId: "heading",
      label: "Under the heading",
      value: form.heading ?? "",
      max: HEADING_MAX,
      multiline: false,
      optional: true,
    }),
  );
  return {
    type: "modal",
    callback_id: ADD_TO_HANDBOOK_VIEW,
    private_metadata:
      form.privateMetadata.length <= SlackLimits.privateMetadata ? form.privateMetadata : "",
    title: { type: "plain_text", text: "Add to handbook" },
    submit: { type: "plain_text", text: "Save draft" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

type StateValues = Record<string, Record<string, { value?: string | null } | undefined>>;

function typedValue(values: StateValues, blockId: string): string | undefined {
  const value = values[blockId]?.[blockId]?.value;
  return typeof value === "string" ? value : undefined;
}

function joinParts(values: StateValues, prefix: string, parts: number): string {
  const pieces: string[] = [];
  for (let index = 0; index < parts; index++) {
    const value = typedValue(values, `${prefix}_${index}`);
    if (value !== undefined) pieces.push(value);
  }
  return pieces.join("\n");
}

/** What was submitted: each text's parts joined again, the document and heading trimmed. */
export function readAddToHandbookSubmission(values: StateValues): AddToHandbookSubmission {
  return {
    question: joinParts(values, "question", QUESTION_PARTS),
    answer: joinParts(values, "answer", ANSWER_PARTS),
    document: (typedValue(values, "document") ?? "").trim(),
    heading: (typedValue(values, "heading") ?? "").trim(),
  };
}

/** The private note to the person who saved a draft: where it is, and that it awaits review. */
export function renderDraftSaved(file: string): { text: string } {
  return {
    text: `Saved a draft for the handbook: \`${escapeText(file)}\`. It is not used in answers until an editor reviews it and removes \`draft: true\`.`,
  };
}

/** The private note when the draft could not be written. */
export function renderDraftFailed(): { text: string } {
  return {
    text: "Sorry, I could not save that draft (the problem is logged). Nothing was written; your text is still in the thread.",
  };
}
