import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDraftWriter, DRAFTS_FOLDER } from "../../src/knowledge/drafts.js";

const made: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "drafts-"));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("createDraftWriter", () => {
  it("writes into the drafts folder under the content directory, never over another draft", async () => {
    const root = await folder();
    const writer = createDraftWriter(root);
    const first = await writer.write("2024-05-01-retro", "one");
    const second = await writer.write("2024-05-01-retro", "two");
    expect(first).toBe(`${DRAFTS_FOLDER}/2024-05-01-retro.md`);
    expect(second).toBe(`${DRAFTS_FOLDER}/2024-05-01-retro-2.md`);
    expect(await readFile(path.join(root, first), "utf8")).toBe("one");
    expect(await readFile(path.join(root, second), "utf8")).toBe("two");
  });

  it("refuses a name that could leave the folder or hide the file", async () => {
    const root = await folder();
    const writer = createDraftWriter(root);
    for (const stem of ["../escape", ".hidden", "a/b", "", "UPPER"]) {
      await expect(writer.write(stem, "x")).rejects.toThrow(/not a safe draft name/);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it("refuses a drafts folder that is a link out of the content directory", async () => {
    const root = await folder();
    const outside = await folder();
    await symlink(outside, path.join(root, DRAFTS_FOLDER));
    await expect(createDraftWriter(root).write("a", "x")).rejects.toThrow(/outside/);
    expect(await readdir(outside)).toEqual([]);
  });
});
