import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppLogger } from "../../logger.js";
import { type ChannelMode, type ChannelModes, createChannelModes } from "./channel-modes.js";

/**
 * What a workspace's admins set from Slack: how the bot answers in each channel, where "Ask an
 * expert" goes when a document names no owner, and who owns a document in this workspace. Two
 * stores keep it behind this one interface: files under DATA_DIR (the single-process default)
 * and PostgreSQL (DATABASE_URL, shared by replicas, src/state/postgres-settings.ts). Every
 * method takes the asking workspace (`team`, Bolt's `context.teamId`); the file store, being
 * one workspace's, keeps channel modes by channel alone, as it always has.
 */
export interface WorkspaceSettings {
  channelMode(team: string | undefined, channel: string): Promise<ChannelMode>;
  /** Sets and saves the mode; false when it could not be saved (logged). */
  setChannelMode(
    team: string | undefined,
    channel: string,
    mode: ChannelMode,
    by: string,
  ): Promise<boolean>;
  /** The workspace's own escalation channel, when an admin set one; else undefined. */
  escalationChannel(team: string | undefined): Promise<string | undefined>;
  /** `undefined` clears it (ESCALATION_CHANNEL applies again). False when not saved. */
  setEscalationChannel(
    team: string | undefined,
    channel: string | undefined,
    by: string,
  ): Promise<boolean>;
  /** The owner an admin set for `document` (its path) in this workspace; else undefined. */
  documentOwner(team: string | undefined, document: string): Promise<string | undefined>;
  /** Every owner admins set in this workspace, by document path (one read per reply). */
  documentOwners(team: string | undefined): Promise<ReadonlyMap<string, string>>;
  /** `undefined` clears it (the frontmatter applies again). False when not saved. */
  setDocumentOwner(
    team: string | undefined,
    document: string,
    user: string | undefined,
    by: string,
  ): Promise<boolean>;
}

/** The file, under the data folder, escalation channels and document owners are kept in. */
export const WORKSPACE_SETTINGS_FILE = "workspace-settings.json";

interface SavedValue {
  value: string;
  by: string;
  at: string;
}

interface SavedFile {
  /** By workspace id ("" when Slack named none). */
  escalationChannels: Record<string, SavedValue>;
  /** By workspace id, then document path. */
  owners: Record<string, Record<string, SavedValue>>;
}

function readSavedValue(raw: unknown): SavedValue | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { value, by, at } = raw as Record<string, unknown>;
  if (typeof value !== "string" || value === "") return undefined;
  return { value, by: String(by ?? ""), at: String(at ?? "") };
}

function readSavedFile(text: string): SavedFile {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error("not a JSON object");
  const { escalationChannels, owners } = parsed as Record<string, unknown>;
  const saved: SavedFile = { escalationChannels: {}, owners: {} };
  for (const [team, raw] of Object.entries((escalationChannels ?? {}) as Record<string, unknown>)) {
    const value = readSavedValue(raw);
    if (value !== undefined) saved.escalationChannels[team] = value;
  }
  for (const [team, byDocument] of Object.entries((owners ?? {}) as Record<string, unknown>)) {
    const documents: Record<string, SavedValue> = {};
    for (const [document, raw] of Object.entries((byDocument ?? {}) as Record<string, unknown>)) {
      const value = readSavedValue(raw);
      if (value !== undefined) documents[document] = value;
    }
    saved.owners[team] = documents;
  }
  return saved;
}

/**
 * The embedded store: channel modes in `<dataDir>/channel-modes.json` (channel-modes.ts), the
 * rest in `<dataDir>/workspace-settings.json`, read once at start and written whole on each
 * change through a temporary file renamed over the old one. A file that cannot be read is
 * reported and left alone until the next change; one that cannot be written keeps the old value.
 */
export function createFileSettings(
  dataDir: string,
  logger: AppLogger,
  modes: ChannelModes = createChannelModes(dataDir, logger),
): WorkspaceSettings {
  const path = join(dataDir, WORKSPACE_SETTINGS_FILE);
  let saved: SavedFile = { escalationChannels: {}, owners: {} };
  try {
    saved = readSavedFile(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      logger.warn(
        { event: "workspace_settings_unreadable", path, err: error },
        "could not read the workspace settings; using ESCALATION_CHANNEL and the frontmatter owners",
      );
    }
  }
  /** Applies `change` to a copy and writes it; the copy replaces `saved` only once on disk. */
  const save = (change: (next: SavedFile) => void): boolean => {
    const next = structuredClone(saved);
    change(next);
    try {
      mkdirSync(dataDir, { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(temporary, path);
      saved = next;
      return true;
    } catch (error) {
      logger.error(
        { event: "workspace_settings_unsaved", path, err: error },
        "could not save the workspace settings",
      );
      return false;
    }
  };
  const stamp = (value: string, by: string): SavedValue => ({
    value,
    by,
    at: new Date().toISOString(),
  });
  return {
    channelMode: async (_team, channel) => modes.get(channel),
    setChannelMode: async (_team, channel, mode, by) => modes.set(channel, mode, by),
    escalationChannel: async (team) => saved.escalationChannels[team ?? ""]?.value,
    setEscalationChannel: async (team, channel, by) =>
      save((next) => {
        if (channel === undefined) delete next.escalationChannels[team ?? ""];
        else next.escalationChannels[team ?? ""] = stamp(channel, by);
      }),
    documentOwner: async (team, document) => saved.owners[team ?? ""]?.[document]?.value,
    documentOwners: async (team) =>
      new Map(
        Object.entries(saved.owners[team ?? ""] ?? {}).map(([document, set]) => [
          document,
          set.value,
        ]),
      ),
    setDocumentOwner: async (team, document, user, by) =>
      save((next) => {
        const documents = next.owners[team ?? ""] ?? {};
        if (user === undefined) delete documents[document];
        else documents[document] = stamp(user, by);
        next.owners[team ?? ""] = documents;
      }),
  };
}
