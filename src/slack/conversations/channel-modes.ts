import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppLogger } from "../../logger.js";

/**
 * How the bot behaves in a channel: `mention` (the default) answers only when mentioned;
 * `auto` also answers, in a thread, a top-level message that reads as a question, when the
 * answer is confident.
 */
export type ChannelMode = "mention" | "auto";
export const CHANNEL_MODES: readonly ChannelMode[] = ["mention", "auto"];

export interface ChannelModes {
  get(channel: string): ChannelMode;
  /** Sets and saves the mode; returns false when it could not be saved (logged). */
  set(channel: string, mode: ChannelMode, by: string): boolean;
}

/** The file, under the data folder, the modes are kept in. */
export const CHANNEL_MODES_FILE = "channel-modes.json";

interface Saved {
  mode: ChannelMode;
  by: string;
  at: string;
}

/**
 * Channel modes kept in `<dataDir>/channel-modes.json`, read once at start and written whole on
 * each change (a temporary file renamed over the old one, so a crash never leaves half a file).
 * A file that cannot be read is reported and left alone; the bot starts with every channel in
 * `mention` mode rather than not at all.
 */
export function createChannelModes(dataDir: string, logger: AppLogger): ChannelModes {
  const path = join(dataDir, CHANNEL_MODES_FILE);
  const modes = new Map<string, Saved>();
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error("not a JSON object of channel ids");
    }
    for (const [channel, saved] of Object.entries(parsed as Record<string, unknown>)) {
      const mode = (saved as { mode?: unknown } | null)?.mode;
      if (mode === "auto" || mode === "mention") {
        const { by, at } = saved as { by?: unknown; at?: unknown };
        modes.set(channel, { mode, by: String(by ?? ""), at: String(at ?? "") });
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      logger.warn(
        { event: "channel_modes_unreadable", path, err: error },
        "could not read the channel modes; every channel answers mentions only until one is set",
      );
    }
  }
  return {
    get: (channel) => modes.get(channel)?.mode ?? "mention",
    set(channel, mode, by) {
      const previous = modes.get(channel);
      modes.set(channel, { mode, by, at: new Date().toISOString() });
      try {
        mkdirSync(dataDir, { recursive: true });
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, `${JSON.stringify(Object.fromEntries(modes), null, 2)}\n`);
        renameSync(temporary, path);
        return true;
      } catch (error) {
        if (previous === undefined) modes.delete(channel);
        else modes.set(channel, previous);
        logger.error(
          { event: "channel_modes_unsaved", path, err: error },
          "could not save the channel modes",
        );
        return false;
      }
    },
  };
}
