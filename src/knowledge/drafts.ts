/**
 * Writes drafts (answers captured from Slack) into one folder under the content directory, the
 * only place the bot ever writes content. A name is never reused: each draft gets a file of its
 * own (`-2`, `-3`… when the name is taken), created exclusively so two saves cannot collide.
 */
import { mkdir, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { isInside } from "../corpus/files.js";

/** The drafts folder, relative to CONTENT_DIR. */
export const DRAFTS_FOLDER = "slack-drafts";
/** A name stem the writer accepts: nothing that could climb out of the folder or hide a file. */
const STEM = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** Names tried before giving up: a hundred drafts of one question on one day is a loop, not use. */
const MAX_SUFFIX = 100;

export interface DraftWriter {
  /** Writes `text` as `<stem>.md` (or `<stem>-N.md`); resolves with its path relative to CONTENT_DIR. */
  write(stem: string, text: string): Promise<string>;
}

export function createDraftWriter(contentDir: string): DraftWriter {
  const root = path.resolve(contentDir);
  return {
    async write(stem, text) {
      if (!STEM.test(stem)) throw new Error(`not a safe draft name: ${JSON.stringify(stem)}`);
      const folder = path.join(root, DRAFTS_FOLDER);
      await mkdir(folder, { recursive: true });
      // The folder may be a link: what it leads to must still be inside the content directory.
      const [realRoot, realFolder] = await Promise.all([realpath(root), realpath(folder)]);
      if (!isInside(realRoot, realFolder) || realRoot === realFolder)
        throw new Error(`${DRAFTS_FOLDER} leads outside the content directory`);
      for (let n = 1; n <= MAX_SUFFIX; n++) {
        const name = `${stem}${n === 1 ? "" : `-${n}`}.md`;
        try {
          await writeFile(path.join(realFolder, name), text, { flag: "wx" });
          return `${DRAFTS_FOLDER}/${name}`;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
      }
      throw new Error(`${MAX_SUFFIX} drafts named ${stem} already exist`);
    },
  };
}
