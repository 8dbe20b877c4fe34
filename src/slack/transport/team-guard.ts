import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { AppLogger } from "../../logger.js";

/**
 * The bot acts only for the workspace it is installed in (`auth.test`'s team at start). A
 * request that says it comes from another team (a forged or misrouted payload) is acknowledged,
 * so Slack does not retry it, logged, and otherwise ignored.
 */
export function createTeamGuard(
  installedTeam: () => string | undefined,
  logger: AppLogger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const team = installedTeam();
    const from = args.context.teamId;
    if (team !== undefined && from !== undefined && from !== team) {
      logger.warn(
        { event: "request_ignored", reason: "another workspace", teamId: from },
        "ignored a request from a workspace the bot is not installed in",
      );
      if ("ack" in args && typeof args.ack === "function") await args.ack();
      return;
    }
    await args.next();
  };
}
