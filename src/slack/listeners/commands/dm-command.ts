import { DEFAULT_SLASH_COMMAND } from "../../../config.js";
import type { ListenerDeps } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { parseCommandText } from "../../replies/question-text.js";
import { replyToIntent } from "../../replies/reply-to-intent.js";
import { deliverReply } from "../../send/deliver.js";
import { callSlack } from "../../send/slack-call.js";
import type { CommandArgs } from "../types.js";
import { parseSettings, settingsReply } from "./channel-settings.js";
import { adminReply, isAdminCommand, parseAdminRequest } from "./workspace-admin.js";

/** Registered under `SLASH_COMMAND` when set; this is its default. */
export const DM_COMMAND = DEFAULT_SLASH_COMMAND;

/**
 * `/dm <question>`, `/dm help`, `/dm topics`. Acknowledged at once with no body, then
 * answered through `response_url` as an ephemeral message: that works in every conversation
 * (private channels and DMs the bot is not in, where chat.postEphemeral fails with
 * `channel_not_found`), needs no extra scope, and lets the answer's buttons later replace or
 * delete it, which chat.update cannot do for ephemeral messages.
 */
export function createDmCommandListener(deps: ListenerDeps) {
  return async ({ command, ack, respond, client, context }: CommandArgs): Promise<void> => {
    await ack();
    const team = teamOf(context);
    // `/dm owner …` and `/dm settings escalation …`: workspace settings (workspace-admin.ts).
    const admin = parseAdminRequest(command.text);
    if (isAdminCommand(admin, deps.knowledge.current().base)) {
      const reply = await adminReply(deps, client, admin, {
        ...(team !== undefined && { team }),
        user: command.user_id,
        channel: command.channel_id,
        command: command.command,
      });
      await callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "ephemeral", ...reply }),
      );
      return;
    }
    // `/dm settings [auto|mention]`: how the bot answers in this channel (channel-settings.ts).
    const settings = parseSettings(command.text);
    if (settings !== undefined) {
      const reply = await settingsReply(deps, client, {
        ...(team !== undefined && { team }),
        user: command.user_id,
        channel: command.channel_id,
        command: command.command,
        ...settings,
      });
      await callSlack(deps.logger, "response_url", () =>
        respond({ response_type: "ephemeral", ...reply }),
      );
      return;
    }
    await deliverReply({
      logger: deps.logger,
      method: "response_url",
      compose: () =>
        replyToIntent(deps, parseCommandText(command.text), {
          surface: "command",
          user: command.user_id,
          ephemeral: true,
          command: command.command,
          team: teamOf(context),
        }),
      send: (message) => respond({ response_type: "ephemeral", ...message }),
    });
  };
}
