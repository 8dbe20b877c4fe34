import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../deps.js";
import { register as registerActions } from "./actions/index.js";
import { register as registerCommands } from "./commands/index.js";
import { register as registerEvents } from "./events/index.js";
import { register as registerShortcuts } from "./shortcuts/index.js";
import { register as registerViews } from "./views/index.js";

/** Every listener of every surface, in one call (bolt-js's and bolt-ts-starter-template's layout). */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
  registerViews(app, deps);
}
