import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main as contentCheck } from "../../src/cli/content-check.js";
import { loadKnowledgeBase } from "../../src/corpus/load.js";
import { buildSearchIndex } from "../../src/search/index.js";
import { runSteps } from "../../src/search/steps.js";
import { renderAnswer } from "../../src/slack/views/answer.js";
import { PAGE_DRAFT_LABEL, SLACK_DRAFT_LABEL } from "../../src/slack/views/source.js";
import { makeRoot, removeRoots } from "./temporary-root.js";

afterEach(removeRoots);

const files = {
  "rituals.md": "---\ntitle: Rituals\n---\n\n## Stand-up\n\nA stand-up lasts fifteen minutes.\n",
  "slack-drafts/2024-05-01-retro.md":
    "---\ntitle: How long is a retro?\ndraft: true\ncaptured_from: slack\n---\n\n> How long is a retro?\n\nA retrospective lasts an hour.\n",
  "notes/plan.md":
    "---\ntitle: Plan\ndraft: true\n---\n\n## Quarterly plan\n\nThe quarterly plan is secret.\n",
};

describe("drafts (draft: true)", () => {
  it("are left out of the knowledge base unless SERVE_DRAFTS asks for them", async () => {
    const root = await makeRoot(files);
    const plain = await loadKnowledgeBase(root);
    expect(plain.documents.map((d) => d.path)).toEqual(["rituals.md"]);
    const served = await loadKnowledgeBase(root, { serveDrafts: true });
    expect(served.documents.map((d) => [d.path, d.draft]).sort()).toEqual([
      ["notes/plan.md", "page"],
      ["rituals.md", undefined],
      ["slack-drafts/2024-05-01-retro.md", "slack"],
    ]);
  });

  it("answer with a label saying they are unreviewed, when served", async () => {
    const root = await makeRoot(files);
    const base = await loadKnowledgeBase(root, { serveDrafts: true });
    const index = runSteps(buildSearchIndex(base.sections));
    const labelOf = (query: string) => {
      const top = index.search(query).results[0];
      if (top === undefined) throw new Error(`no result for ${query}`);
      return JSON.stringify(renderAnswer({ query, result: top, related: [] }).blocks);
    };
    expect(labelOf("how long is a retrospective")).toContain(SLACK_DRAFT_LABEL);
    expect(labelOf("quarterly plan")).toContain(PAGE_DRAFT_LABEL);
    const reviewed = labelOf("how long is a stand-up");
    expect(reviewed).not.toContain(SLACK_DRAFT_LABEL);
    expect(reviewed).not.toContain(PAGE_DRAFT_LABEL);
  });

  it("are listed by content:check, answers from Slack first", async () => {
    const root = await makeRoot(files);
    const out: string[] = [];
    const code = await contentCheck([root], {
      out: (text) => out.push(text),
      err: (text) => out.push(text),
      cwd: path.dirname(root),
      now: () => 0,
    });
    const text = out.join("");
    expect(code).toBe(0);
    const name = path.basename(root);
    expect(text).toContain(
      `drafts: 2 pages marked draft: true, searched only with SERVE_DRAFTS=true:\n` +
        `  ${name}/slack-drafts/2024-05-01-retro.md: unreviewed answer from Slack: How long is a retro?\n` +
        `  ${name}/notes/plan.md: draft: Plan\n`,
    );
  });
});
