/**
 * Watches a content directory for markdown changes and reports them in debounced batches,
 * so saving ten files (or an editor's write-rename dance) costs one reload, not ten.
 */
import type { Stats } from "node:fs";
import { relative, sep } from "node:path";
import { watch } from "chokidar";
import { DOCUMENT_FILE } from "../corpus/file-types.js";

export interface ContentChange {
  event: "add" | "change" | "unlink" | "unlinkDir";
  /** Path relative to the content root, forward slashes. */
  path: string;
}

export interface ContentWatcher {
  close(): Promise<void>;
}

export interface WatchContentOptions {
  /** Quiet time after the last change before `onChanges` fires (default 250 ms). */
  debounceMs?: number;
  onChanges(changes: ContentChange[]): void;
  onError(error: unknown): void;
}

/** Dotfiles and dot-directories (`.git`, editor swap files) and `node_modules` never matter. */
export function isIgnoredContentPath(root: string, path: string, stats?: Stats): boolean {
  const rel = relative(root, path);
  if (rel === "") return false;
  const segments = rel.split(sep);
  if (segments.some((segment) => segment.startsWith(".") || segment === "node_modules")) {
    return true;
  }
  // chokidar asks once without stats; only a known file can be ruled out by its extension.
  return stats?.isFile() === true && !DOCUMENT_FILE.test(rel);
}

/** Resolves once the initial scan is done, so no change after it is missed. */
export async function watchContent(
  root: string,
  options: WatchContentOptions,
): Promise<ContentWatcher> {
  const { debounceMs = 250, onChanges, onError } = options;
  let pending: ContentChange[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const watcher = watch(root, {
    ignoreInitial: true,
    // A link to /etc must not make the watcher walk /etc; the loader refuses what links lead
    // outside the content folder anyway, and changes inside it are seen at their real path.
    followSymlinks: false,
    ignored: (path, stats) => isIgnoredContentPath(root, path, stats),
    // A file saved in several writes is reported once its size has settled.
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
  });

  const flush = () => {
    timer = undefined;
    const changes = pending;
    pending = [];
    if (!closed && changes.length > 0) onChanges(changes);
  };

  watcher.on("all", (event, path) => {
    if (event !== "add" && event !== "change" && event !== "unlink" && event !== "unlinkDir") {
      return;
    }
    // A directory removed with markdown inside: chokidar reports the directory, maybe not
    // each file. Non-markdown files cannot reach here (ignored), so every event is relevant.
    pending.push({ event, path: relative(root, path).split(sep).join("/") });
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  watcher.on("error", onError);

  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      pending = [];
      await watcher.close();
    },
  };
}
