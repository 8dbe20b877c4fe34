/**
 * The compiled bot (`npm run build` → dist/) for the tests that run it as production does.
 * Built when missing or older than any file under src/, so `npm ci && npm test` works on a
 * fresh clone and an edit is never tested against a stale build.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILT_MAIN = join(REPO_ROOT, "dist", "main.js");

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` unless dist/ is newer than every source file. */
export function ensureBuilt(): void {
  if (existsSync(BUILT_MAIN)) {
    const built = statSync(BUILT_MAIN).mtimeMs;
    if (built >= newestMtime(join(REPO_ROOT, "src"))) return;
  }
  execFileSync("npm", ["run", "-s", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
}
