import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { callSlack } from "../../send/slack-call.js";
import { renderHomeView } from "../../views/home.js";
import { fieldProblem } from "../event-fields.js";
import type { EventArgs } from "../types.js";

/**
 * Publishes the Home tab each time it is opened, so it always shows the current knowledge
 * (a reload may have changed the table of contents). The Messages tab is left alone.
 */
export function createAppHomeOpenedListener(deps: ListenerDeps) {
  return async ({ event, client, context }: EventArgs<"app_home_opened">): Promise<void> => {
    if (event.tab !== "home") return;
    const problem = fieldProblem(event, ["user"]);
    if (problem !== undefined) {
      deps.logger.warn({ event: "event_ignored", reason: problem }, "a malformed app_home_opened");
      return;
    }
    const replyCtx = await replyContext(deps, teamOf(context));
    await callSlack(deps.logger, "views.publish", () =>
      client.views.publish({
        user_id: event.user,
        view: renderHomeView(deps.knowledge.current().base, replyCtx),
      }),
    );
  };
}
