import type { DraftWriter } from "../knowledge/drafts.js";
import type { KnowledgeSource } from "../knowledge/types.js";
import type { AppLogger } from "../logger.js";
import type { EscalationStore } from "./conversations/escalations.js";
import type { ThreadMemory } from "./conversations/thread-memory.js";
import type { WorkspaceSettings } from "./conversations/workspace-settings.js";
import type { Dedupe } from "./dedupe.js";
import { ownerLookup } from "./document-owner.js";
import type { ReplyContext } from "./views/types.js";

/** Lets one action per key through per window (owner notices: one per owner and section). */
export interface Throttle {
  allow(key: string): Promise<boolean>;
}

/** What every listener is given; nothing is read from module state. */
export interface ListenerDeps {
  logger: AppLogger;
  /** Read with `current()` on every request, so a reload is picked up at once. */
  knowledge: KnowledgeSource;
  /** Remembers handled event deliveries, so a retried one is not answered twice. */
  dedupe: Dedupe;
  docsBaseUrl?: string;
  /** The slash command as installed (`SLASH_COMMAND`), for help and hints; `/dm` by default. */
  command?: string;
  /** Wall clock in ms, for how long ago a page was reviewed; `Date.now` by default. */
  now?: () => number;
  /** Shared throttle on "not helpful" notices to owners (with Redis); none by default. */
  ownerNotices?: Throttle;
  /** Threads the bot has answered in: the only threads whose messages it reads. */
  threads: ThreadMemory;
  /** Open requests to a human expert ("Ask an expert"). */
  escalations: EscalationStore;
  /**
   * Where "Ask an expert" goes when the document names no owner (ESCALATION_CHANNEL), unless the
   * workspace set its own (`settings`).
   */
  escalationChannel?: string;
  /**
   * What admins set from Slack, per workspace: channel modes (`/dm settings`), the escalation
   * channel and document owners. Files under DATA_DIR, or PostgreSQL with DATABASE_URL.
   */
  settings: WorkspaceSettings;
  /** Served to several workspaces (OAuth): a frontmatter `owner` is then nobody's in particular. */
  multiWorkspace?: boolean;
  /** Writes answers captured with "Add to handbook" into the drafts folder under CONTENT_DIR. */
  drafts: DraftWriter;
  /** Monotonic clock in ms for the `ms` of query log lines; `performance.now` by default. */
  clock?: () => number;
}

/**
 * What every reply is rendered with: where the docs live, the command's name, today's date, and
 * who owns each document in the asking workspace (one settings read: document-owner.ts).
 */
export async function replyContext(
  deps: Pick<ListenerDeps, "docsBaseUrl" | "command" | "now" | "settings" | "multiWorkspace">,
  team: string | undefined,
): Promise<Pick<ReplyContext, "docsBaseUrl" | "command" | "now" | "ownerOf">> {
  return {
    docsBaseUrl: deps.docsBaseUrl,
    command: deps.command,
    now: new Date((deps.now ?? Date.now)()),
    ownerOf: await ownerLookup(deps, team),
  };
}
