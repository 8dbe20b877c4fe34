import type { Section } from "../../corpus/types.js";
import { mrkdwnContext, mrkdwnSection, oneLine } from "../views/blocks.js";
import { escapeText } from "../views/escape.js";
import { breadcrumbText, sourceLine } from "../views/source.js";
import type { SlackMessage } from "../views/types.js";

/** A Slack id a message can be posted to: a user (`U…`/`W…`) or a channel (`C…`/`G…`). */
export function isOwnerId(owner: string | undefined): owner is string {
  return owner !== undefined && /^[UWCG][A-Z0-9]{2,}$/.test(owner);
}

/**
 * What a document's owner receives when someone marks an answer from it "Not helpful":
 * who, the question as asked (escaped), and the section, with its source link.
 */
export function renderOwnerNotice(input: {
  section: Section;
  query: string;
  user: string;
  docsBaseUrl?: string;
  /** The document's owner in this workspace (document-owner.ts), named on the source line. */
  owner?: string;
  /** The asker picked the section from the topics suggested for a question it did not answer. */
  picked?: boolean;
}): SlackMessage {
  const { section, query, user } = input;
  const crumb = breadcrumbText(section);
  const where = `*${escapeText(section.document.title)}*${crumb ? ` › ${escapeText(crumb)}` : ""}`;
  const asked =
    query.trim() === ""
      ? "_(no question: opened from the table of contents)_"
      : `“${escapeText(oneLine(query))}”${input.picked ? " _(not answered: they picked this section from the suggested topics)_" : ""}`;
  return {
    text: `An answer from "${escapeText(section.document.title)}" was marked not helpful`,
    blocks: [
      mrkdwnSection(
        `:memo: <@${escapeText(user)}> found this answer *not helpful*.\n*Question:* ${asked}\n*Section:* ${where}`,
      ),
      mrkdwnContext(
        `You are listed as the owner of this document. ${sourceLine(section, input.docsBaseUrl, undefined, () => input.owner)}`,
      ),
    ],
  };
}
