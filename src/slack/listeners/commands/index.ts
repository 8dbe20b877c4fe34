import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { createDmCommandListener, DM_COMMAND } from "./dm-command.js";

export function register(app: App, deps: ListenerDeps): void {
  app.command(DM_COMMAND, createDmCommandListener(deps));
}
