import type { ListenerDeps } from "../../deps.js";
import { callSlack } from "../../send/slack-call.js";
import { renderEscalationResolved } from "../../views/escalation.js";
import { readValue } from "../action-body.js";
import type { BlockActionArgs } from "../types.js";

/**
 * "Mark resolved" under a request to an expert: the request is closed, logged (`gaps` stops
 * listing it as open), and its thread says who closed it.
 */
export function createResolveEscalationListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: BlockActionArgs): Promise<void> => {
    await ack();
    const id = readValue(action);
    const escalation = id === undefined ? undefined : await deps.escalations.byId(id);
    if (escalation?.posted === undefined) {
      deps.logger.warn(
        { event: "ignored_action", actionId: action.action_id },
        "no such request to an expert (answered before a restart?)",
      );
      return;
    }
    // Already resolved (here or on another replica): said once is enough.
    if (!(await deps.escalations.advance(escalation.id, "resolved"))) return;
    const user = body.user.id;
    deps.logger.info(
      {
        event: "escalation",
        status: "resolved",
        id: escalation.id,
        query: escalation.question,
        user,
      },
      "request to an expert resolved",
    );
    const { channel, ts } = escalation.posted;
    await callSlack(deps.logger, "chat.postMessage", () =>
      client.chat.postMessage({ channel, thread_ts: ts, ...renderEscalationResolved(user) }),
    );
  };
}
