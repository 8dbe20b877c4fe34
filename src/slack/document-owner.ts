import type { Document } from "../corpus/types.js";
import type { WorkspaceSettings } from "./conversations/workspace-settings.js";

/** What owner lookups need of the listeners' dependencies (deps.ts). */
interface OwnerDeps {
  settings: Pick<WorkspaceSettings, "documentOwner" | "documentOwners">;
  /** Served to several workspaces: a frontmatter `owner` is then nobody's in particular. */
  multiWorkspace?: boolean;
}

/**
 * Who owns `document` in the asking workspace, for "Ask an expert" and "not helpful" notices:
 * the owner an admin set from Slack (`/dm owner set`), else the frontmatter's `owners` entry for
 * this workspace, else, with one workspace only, the plain `owner`. With several workspaces
 * (OAuth) a plain `owner: U…` names someone in one of them, unknown which, so it is not used.
 */
export async function ownerFor(
  deps: OwnerDeps,
  team: string | undefined,
  document: Document,
): Promise<string | undefined> {
  return ownerAmong(await deps.settings.documentOwner(team, document.path), deps, team, document);
}

/** The order both lookups share, given the owner an admin set (if any). */
function ownerAmong(
  set: string | undefined,
  deps: OwnerDeps,
  team: string | undefined,
  document: Document,
): string | undefined {
  return (
    set ??
    (team === undefined ? undefined : document.owners?.[team]) ??
    (deps.multiWorkspace === true ? undefined : document.owner)
  );
}

/** Who owns a document in the asking workspace, resolved before a reply is rendered. */
export type OwnerLookup = (document: Document) => string | undefined;

/**
 * `ownerFor` for every document at once, for the "Owner:" on a reply's source line: one read of
 * the owners admins set in this workspace, then the same order as `ownerFor`. A store that
 * cannot be read gives no set owners (it logs that itself), so the frontmatter still applies.
 */
export async function ownerLookup(deps: OwnerDeps, team: string | undefined): Promise<OwnerLookup> {
  const set = await deps.settings.documentOwners(team);
  return (document) => ownerAmong(set.get(document.path), deps, team, document);
}

/** Where "Ask an expert" goes without an owner: the workspace's own channel, else ESCALATION_CHANNEL. */
export async function escalationChannelFor(
  deps: {
    settings: Pick<WorkspaceSettings, "escalationChannel">;
    /** ESCALATION_CHANNEL, when set. */
    escalationChannel?: string;
  },
  team: string | undefined,
): Promise<string | undefined> {
  return (await deps.settings.escalationChannel(team)) ?? deps.escalationChannel;
}

/**
 * The workspace a Bolt request came from: `context.teamId`, which Bolt fills for events,
 * actions, commands and shortcuts alike (an org-wide install's request names its workspace too).
 */
export function teamOf(context: { teamId?: unknown } | undefined): string | undefined {
  const team = context?.teamId;
  return typeof team === "string" && team !== "" ? team : undefined;
}
