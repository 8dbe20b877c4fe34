/**
 * The loop the gaps report exists for: people ask the running bot, the bot logs, and
 * `npm run gaps` on that log tells the content's authors what went unanswered.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main as gaps } from "../../src/cli/gaps.js";
import { type LocalBot, loadStaticKnowledge, startLocalBot } from "../../src/dev/local-bot.js";
import { type LocalSlack, startLocalSlack } from "../../src/dev/local-slack/index.js";
import type { GapsReport } from "../../src/gaps/report.js";
import type { KnowledgeSource } from "../../src/knowledge/types.js";
import { ActionId } from "../../src/slack/views/actions.js";

const UNANSWERED = "how do I bake sourdough bread";
const ANSWERED = "what is velocity";

let dir: string;
let logFile: string;
let knowledge: KnowledgeSource;
let slack: LocalSlack;
let local: LocalBot | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gaps-e2e-"));
  logFile = join(dir, "bot.log");
  knowledge = await loadStaticKnowledge();
  expect(knowledge.current().index.search(UNANSWERED).decision.tier).toBe("none");
  expect(knowledge.current().index.search(ANSWERED).decision.tier).toBe("answer");
  slack = await startLocalSlack();
});

afterAll(async () => {
  await local?.stop();
  await slack?.close();
  await rm(dir, { recursive: true, force: true });
});

it("lists the questions the bot could not answer, and the answer marked not helpful", async () => {
  const log = createWriteStream(logFile);
  local = await startLocalBot({ slack, mode: "socket", knowledge, logDestination: log });

  for (const text of [UNANSWERED, ANSWERED, "How do I bake sourdough bread?"]) {
    slack.reset();
    await slack.sendSlashCommand({ text });
    const reply = await slack.waitFor({ method: "response_url" });
    if (text === ANSWERED) {
      await slack.clickButton(
        reply,
        (control) => control.actionId === ActionId.feedback && control.feedback === "negative",
      );
      await slack.waitFor((call) => call.method === "response_url" && call.seq > reply.seq);
    }
  }
  await local.stop();
  local = undefined;
  await new Promise<void>((resolve) => log.end(resolve));

  const out: string[] = [];
  const code = await gaps([logFile, "--json"], {
    out: (text) => out.push(text),
    err: (text) => out.push(text),
    now: () => Date.now(),
  });
  expect(code).toBe(0);
  const report = JSON.parse(out.join("").trim().split("\n").at(-1) ?? "") as GapsReport;

  expect(report.queries).toMatchObject({ total: 3, answered: 1, unanswered: 2 });
  // Two spellings of one question are one gap, counted twice.
  expect(report.unanswered).toHaveLength(1);
  expect(report.unanswered[0]?.count).toBe(2);
  expect(report.unanswered[0]?.examples.map((example) => example.query)).toContain(UNANSWERED);
  const answeredWith = knowledge.current().index.search(ANSWERED).results[0]?.section.id;
  expect(report.unhelpful.map((entry) => entry.sectionId)).toEqual([answeredWith]);
});
