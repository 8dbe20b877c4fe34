/**
 * What the bot's replicas can share, as the Slack side sees it: the parts `createApp` takes in
 * place of its in-process defaults. src/state implements them over Redis and PostgreSQL.
 */
import type { InstallationQuery, InstallationStore } from "@slack/bolt";
import type { EscalationStore } from "./conversations/escalations.js";
import type { WorkspaceSettings } from "./conversations/workspace-settings.js";
import type { Throttle } from "./deps.js";
import type { DeliveryMemory } from "./transport/delivery-dedupe.js";
import type { HealthProbe } from "./transport/healthz.js";

export type { Throttle } from "./deps.js";
export type { DeliveryMemory } from "./transport/delivery-dedupe.js";

/** What replicas share, as `createApp` takes it; every part is absent in the single-process default. */
export interface SharedDeps {
  dedupe?: DeliveryMemory;
  /** One "not helpful" notice per owner and section per window, across replicas. */
  ownerNotices?: Throttle;
  installationStore?: InstallationStore;
  /** Serialises token refreshes across replicas (token rotation, with Redis and OAuth). */
  refreshLock?: <R>(
    authorize: (source: InstallationQuery<boolean>) => Promise<R>,
  ) => (source: InstallationQuery<boolean>) => Promise<R>;
  probes?: HealthProbe[];
  /** Channel modes, escalation channels and document owners per workspace (PostgreSQL). */
  settings?: WorkspaceSettings;
  /** Requests to experts, found by any replica and kept over restarts (PostgreSQL). */
  escalations?: EscalationStore;
}
