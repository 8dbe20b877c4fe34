import { type ListenerDeps, replyContext } from "../deps.js";
import { renderAcknowledgement, renderHelp } from "../views/help.js";
import { renderTopics } from "../views/topics.js";
import type { SlackMessage } from "../views/types.js";
import { answerQuestion, type Surface } from "./answer-question.js";
import type { CommandIntent } from "./question-text.js";

export interface Asker {
  surface: Surface;
  /** Slack user id of the asker. */
  user: string;
  /** Only the asker sees the reply (a slash command's response). */
  ephemeral?: boolean;
  /** The slash command as installed, for the help text; `/dm` by default. */
  command?: string;
  /** The asker's workspace: whose document owners the answer names. */
  team?: string;
}

/**
 * What a command, mention or DM gets back: the help text, the topic list, a short reply to a
 * thanks, or the answer (which logs its `query` line). The one place the three surfaces agree
 * on what each intent shows.
 */
export async function replyToIntent(
  deps: ListenerDeps,
  intent: CommandIntent,
  asker: Asker,
): Promise<SlackMessage> {
  // The command as typed when it was one, else as installed: mentions and DMs name it too.
  const command = asker.command ?? deps.command;
  if (intent.kind === "help") return renderHelp({ command });
  if (intent.kind === "acknowledgement") return renderAcknowledgement({ command });
  if (intent.kind === "topics") return renderTopics(deps.knowledge.current().base, { command });
  return answerQuestion({
    knowledge: deps.knowledge.current(),
    question: intent.question,
    surface: asker.surface,
    user: asker.user,
    logger: deps.logger,
    clock: deps.clock,
    context: {
      ...(await replyContext(deps, asker.team)),
      command,
      ...(asker.ephemeral === true ? { ephemeral: true } : {}),
    },
  }).message;
}
