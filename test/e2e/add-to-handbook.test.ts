/**
 * "Add to handbook" end to end, in both modes: the message shortcut on an expert's reply opens a
 * modal prefilled from the thread (conversations.replies), and submitting it writes a draft into
 * CONTENT_DIR/slack-drafts with the thread's permalink, then tells the editor by DM.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFrontmatter } from "../../src/corpus/frontmatter.js";
import { type LocalBot, loadStaticKnowledge, startLocalBot } from "../../src/dev/local-bot.js";
import {
  type Delivery,
  type JsonObject,
  type LocalSlack,
  startLocalSlack,
} from "../../src/dev/local-slack/index.js";
import type { KnowledgeSource } from "../../src/knowledge/types.js";

let knowledge: KnowledgeSource;

/** The ts of the message a delivery carried; the bot is in the channel, so one was delivered. */
function tsOf(delivery: Delivery | undefined): string {
  if (delivery === undefined) throw new Error("the message was not delivered");
  return String((delivery.payload.event as JsonObject).ts);
}

beforeAll(async () => {
  knowledge = await loadStaticKnowledge();
});

describe.each(["socket", "http"] as const)("Add to handbook in %s mode", (mode) => {
  let slack: LocalSlack;
  let local: LocalBot;
  let contentDir: string;

  beforeAll(async () => {
    slack = await startLocalSlack({
      users: [
        { id: "U0ASKER", name: "asker" },
        { id: "U0EXPERT", name: "expert" },
        { id: "U0EDITOR", name: "editor" },
      ],
    });
    // The drafts go to a content folder of the test's own; answers come from content/.
    contentDir = mkdtempSync(join(tmpdir(), "handbook-drafts-"));
    local = await startLocalBot({ slack, mode, knowledge, contentDir });
    slack.reset();
  });

  afterAll(async () => {
    await local?.stop();
    await slack?.close();
    rmSync(contentDir, { recursive: true, force: true });
  });

  afterEach(() => slack.reset());

  async function expertThread() {
    const question = await slack.sendChannelMessage({
      user: "U0ASKER",
      text: "How long should a sprint retrospective take?",
    });
    const rootTs = tsOf(question);
    const answer = await slack.sendChannelMessage({
      user: "U0EXPERT",
      thread_ts: rootTs,
      text: "Keep it to *an hour*; see <https://handbook.example.com/retro|the retro page> &amp; bring snacks",
    });
    return { rootTs, answerTs: tsOf(answer) };
  }

  it("opens a prefilled modal and saves the edited draft under CONTENT_DIR", async () => {
    const { rootTs, answerTs } = await expertThread();
    await slack.useMessageShortcut({
      callbackId: "add_to_handbook",
      channel: slack.defaultChannel,
      ts: answerTs,
      user: "U0EDITOR",
    });
    const replies = await slack.waitFor({ method: "conversations.replies" });
    expect(replies.response.ok).toBe(true);
    const opened = await slack.waitFor({ method: "views.open" });
    expect(opened.response.ok).toBe(true);
    const inputs = Object.fromEntries(
      slack.controls(opened).map((control) => [control.actionId, control.value]),
    );
    expect(inputs.question_0).toBe("How long should a sprint retrospective take?");
    expect(inputs.answer_0).toBe(
      "Keep it to **an hour**; see [the retro page](https://handbook.example.com/retro) & bring snacks",
    );
    expect(inputs.document).toMatch(/\.mdx?$/);

    await slack.enterText(opened, "answer_0", "Keep it to **an hour**.");
    const submitted = await slack.submitView(opened);
    expect(submitted.ack.status).toBe(200);
    const told = await slack.waitFor({ method: "chat.postMessage", channel: "U0EDITOR" });
    expect(told.response.ok).toBe(true);

    const [file] = readdirSync(join(contentDir, "slack-drafts"));
    expect(String(told.args.text)).toContain(`slack-drafts/${file}`);
    const { data, body } = readFrontmatter(
      readFileSync(join(contentDir, "slack-drafts", String(file)), "utf8"),
    );
    expect(data).toMatchObject({
      draft: true,
      captured_from: "slack",
      asked_by: "U0ASKER",
      answered_by: "U0EXPERT",
      captured_by: "U0EDITOR",
      permalink: `https://${slack.workspace.teamDomain}.slack.com/archives/${slack.defaultChannel}/p${answerTs.replace(".", "")}`,
    });
    expect(body).toContain("> How long should a sprint retrospective take?");
    expect(body).toContain("Keep it to **an hour**.");
    expect(rootTs).not.toBe(answerTs);
  });

  it("refuses to save an emptied answer and keeps the modal open", async () => {
    const { answerTs } = await expertThread();
    await slack.useMessageShortcut({
      callbackId: "add_to_handbook",
      channel: slack.defaultChannel,
      ts: answerTs,
      user: "U0EDITOR",
    });
    const opened = await slack.waitFor({ method: "views.open" });
    const before = readdirSync(join(contentDir, "slack-drafts"), { withFileTypes: true }).length;
    await slack.enterText(opened, "answer_0", "   ");
    const submitted = await slack.submitView(opened);
    expect(submitted.ack.payload).toMatchObject({ response_action: "errors" });
    expect(slack.find({ method: "chat.postMessage", channel: "U0EDITOR" })).toEqual([]);
    expect(readdirSync(join(contentDir, "slack-drafts")).length).toBe(before);
  });
});
