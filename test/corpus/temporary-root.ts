import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Content folders written for one test, and removed after it: `makeRoot` in the test,
 * `removeRoots` in `afterEach`.
 */
const temporaryRoots: string[] = [];

export async function makeRoot(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "corpus-"));
  temporaryRoots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return root;
}

/** Removes every folder `makeRoot` made, even one a test made unreadable. */
export async function removeRoots(): Promise<void> {
  for (const root of temporaryRoots.splice(0)) {
    await chmod(root, 0o755).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}
