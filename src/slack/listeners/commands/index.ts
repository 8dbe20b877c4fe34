import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { createDmCommandListener, DM_COMMAND } from "./dm-command.js";

/** The one slash command, under the name it is installed with (`SLASH_COMMAND`). */
export function register(app: App, deps: ListenerDeps): void {
  app.command(deps.command ?? DM_COMMAND, createDmCommandListener(deps));
}
