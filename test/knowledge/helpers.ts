import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const RELOAD_FIXTURE = fileURLToPath(new URL("../fixtures/reload-basic/", import.meta.url));
/** Files both the loader and the store must skip or warn about. */
export const EDGE_FIXTURE = fileURLToPath(new URL("../fixtures/reload-edge/", import.meta.url));

/** A temporary copy of a fixture directory, removed by `cleanup`. */
export async function copyFixture(source = RELOAD_FIXTURE) {
  const parent = await mkdtemp(join(tmpdir(), "knowledge-store-"));
  const root = join(parent, "content");
  await cp(source, root, { recursive: true });
  return { root, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

export { captureLogger, waitFor } from "../helpers.js";
