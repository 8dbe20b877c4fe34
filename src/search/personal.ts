import type { Document } from "../corpus/types.js";
import { PERSONAL_FOLDERS, PERSONAL_TITLES } from "./words/personal-pages.js";

/**
 * True for one person's page (their README, profile or "working with me" note), by its folder
 * or its title (words/personal-pages.ts). Re-ranking demotes such pages (rank.ts) unless the
 * question names the page.
 */
export function isPersonalPage(document: Pick<Document, "path" | "title">): boolean {
  const folders = document.path.toLowerCase().split("/").slice(0, -1);
  if (folders.some((folder) => PERSONAL_FOLDERS.includes(folder))) return true;
  const title = document.title.trim();
  return PERSONAL_TITLES.some((pattern) => pattern.test(title));
}
