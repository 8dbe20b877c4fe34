/**
 * What every command shares: exit codes, how the content folder is chosen, and how a wrong
 * command line is reported. One convention for all of them:
 * - `--help` (or `-h`) prints the usage on stdout and exits 0;
 * - a wrong command line (unknown option, missing argument, a path that does not exist) prints
 *   what is wrong and the usage on stderr and exits 2;
 * - work that fails (a file that cannot be read or parsed) names the file and why, and exits 1.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import {
  ConfigError,
  DEFAULT_CACHE_DIR,
  type LocalSettings,
  loadLocalSettings,
} from "../config.js";
import { isInside, type OutcomeCache } from "../corpus/load.js";
import { createParseCache } from "../knowledge/parse-cache.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A wrong command line: the message is printed with the usage, and the command exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A wrong command line: ours, or one of `node:util` parseArgs' own (unknown option, missing value). */
export function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The content folder when no `--content` and no `CONTENT_DIR` is given. */
export const DEFAULT_CONTENT = "content";

/**
 * `--content DIR` when given, else `CONTENT_DIR`, else `./content`, resolved against `cwd`.
 * A folder that does not exist is a usage error, named with where it came from.
 */
export async function resolveContentDir(
  flag: string | undefined,
  settings: Pick<LocalSettings, "contentDir">,
  cwd: string,
): Promise<string> {
  const [given, from] =
    flag !== undefined
      ? [flag, "--content"]
      : settings.contentDir !== undefined
        ? [settings.contentDir, "CONTENT_DIR"]
        : [DEFAULT_CONTENT, "the default content folder"];
  return existingDirectory(path.resolve(cwd, given), from);
}

/** `dir` when it is a folder; otherwise a usage error saying which option named it. */
export async function existingDirectory(dir: string, from: string): Promise<string> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch {
    throw new UsageError(`${from}: no such folder: ${dir}`);
  }
  if (!isDirectory) throw new UsageError(`${from}: not a folder: ${dir}`);
  return dir;
}

/** The environment a local command reads (`CONTENT_DIR`, `SLASH_COMMAND`), as a usage error when invalid. */
export function readLocalSettings(
  env?: Readonly<Record<string, string | undefined>>,
): LocalSettings {
  try {
    return loadLocalSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new UsageError(error.problems.map((p) => `${p.variable} ${p.problem}`).join("; "));
    }
    throw error;
  }
}

/** The line printed for a usage error: the command's name, what is wrong, then the usage. */
export function usageMessage(name: string, error: unknown, usage: string): string {
  return `${name}: ${describeError(error)}\n\n${usage.trimEnd()}\n`;
}

/**
 * The parse cache the bot uses (`CACHE_DIR`, else DEFAULT_CACHE_DIR, against `cwd`), for
 * commands that load handbooks: a second run reads unchanged files' parses instead of parsing
 * them. None when the folder would be inside one of `contentDirs` (nothing is written there).
 */
export function openParseCache(
  settings: Pick<LocalSettings, "cacheDir">,
  contentDirs: readonly string[],
  cwd: string,
): OutcomeCache | undefined {
  const directory = path.resolve(cwd, settings.cacheDir ?? DEFAULT_CACHE_DIR);
  if (contentDirs.some((dir) => isInside(path.resolve(cwd, dir), directory))) return undefined;
  return createParseCache({ directory });
}
