import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { runInRequestScope } from "../../logger.js";

/**
 * Global middleware: everything logged while a request is handled (the `query` and `feedback`
 * lines included) carries the workspace it came from, `team_id` and `enterprise_id` when there
 * is one, read from Bolt's context.
 */
export function createRequestScope(): Middleware<AnyMiddlewareArgs> {
  return async ({ context, next }) => {
    const scope: Record<string, string> = {};
    if (typeof context.teamId === "string" && context.teamId) scope.team_id = context.teamId;
    if (typeof context.enterpriseId === "string" && context.enterpriseId)
      scope.enterprise_id = context.enterpriseId;
    await runInRequestScope(scope, next);
  };
}
