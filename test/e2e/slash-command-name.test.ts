/**
 * End to end: a workspace that installed the command under another name (SLASH_COMMAND and the
 * manifest agree). The real bot answers that name, every hint names it, and the old name gets
 * no answer: Bolt's unhandled-request path acknowledges it empty, where it once got a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalBot, loadStaticKnowledge, startLocalBot } from "../../src/dev/local-bot.js";
import { type LocalSlack, startLocalSlack } from "../../src/dev/local-slack/index.js";
import { renderHelp } from "../../src/slack/views/help.js";

const NAME = "/handbook";

describe(`the bot installed as ${NAME}`, () => {
  let slack: LocalSlack;
  let local: LocalBot;

  beforeAll(async () => {
    slack = await startLocalSlack({ slashCommand: NAME });
    local = await startLocalBot({ slack, mode: "http", knowledge: await loadStaticKnowledge() });
  });

  afterAll(async () => {
    await local?.stop();
    await slack?.close();
  });

  it("answers the renamed command, and its help names it", async () => {
    expect(local.config.slashCommand).toBe(NAME);
    const delivery = await slack.sendSlashCommand({ text: "help" });
    expect(delivery.payload.command).toBe(NAME);
    expect(delivery.ack.status).toBe(200);
    const reply = await slack.waitFor({ method: "response_url" });
    expect(reply.args.blocks).toEqual(renderHelp({ command: NAME }).blocks);
    expect(JSON.stringify(reply.args)).not.toContain("/dm");
  });

  it("names it in a mention's help too", async () => {
    slack.reset();
    await slack.sendMention({ text: "help" });
    const reply = await slack.waitFor({ method: "chat.postMessage" });
    expect(JSON.stringify(reply.args)).toContain("`/handbook topics`");
    expect(JSON.stringify(reply.args)).not.toContain("/dm");
  });

  it("does not answer the old name /dm, and acknowledges it without an error", async () => {
    slack.reset();
    local.logs?.clear();
    const delivery = await slack.sendSlashCommand({ command: "/dm", text: "what is velocity" });
    expect(delivery.ack.status).toBe(200);
    expect(delivery.ack.payload).toEqual({});
    expect(slack.find({ method: "response_url" })).toHaveLength(0);
    expect(local.logs?.find({ event: "query" })).toEqual([]);
    expect(local.logs?.find({ event: "unhandled_request" })).toHaveLength(1);
  });
});
