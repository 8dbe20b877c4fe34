import { type ListenerDeps, replyContext } from "../../deps.js";
import { teamOf } from "../../document-owner.js";
import { callSlack } from "../../send/slack-call.js";
import { renderHomeView } from "../../views/home.js";
import type { BlockActionArgs } from "../types.js";

/** "Clear" next to the Home search results: the plain Home tab again. */
export function createHomeClearSearchListener(deps: ListenerDeps) {
  return async ({ ack, body, client, context }: BlockActionArgs): Promise<void> => {
    await ack();
    const replyCtx = await replyContext(deps, teamOf(context));
    await callSlack(deps.logger, "views.publish", () =>
      client.views.publish({
        user_id: body.user.id,
        view: renderHomeView(deps.knowledge.current().base, replyCtx),
      }),
    );
  };
}
