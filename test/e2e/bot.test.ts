/**
 * End to end: the real bot (createApp, Bolt, the Web API and Socket Mode clients, the
 * repository's content) against the local Slack over real sockets, in both modes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalBot, loadStaticKnowledge, startLocalBot } from "../../src/dev/local-bot.js";
import {
  type Control,
  type JsonObject,
  type LocalSlack,
  type RecordedCall,
  startLocalSlack,
} from "../../src/dev/local-slack/index.js";
import type { KnowledgeSource } from "../../src/knowledge/types.js";
import { CHANNEL_MODES_FILE } from "../../src/slack/conversations/channel-modes.js";
import { ASK_HANDBOOK_CALLBACK } from "../../src/slack/listeners/shortcuts/ask-handbook.js";
import { ActionId } from "../../src/slack/views/actions.js";
import { renderHelp } from "../../src/slack/views/help.js";
import { renderTopics } from "../../src/slack/views/topics.js";
import { waitFor } from "../helpers.js";

const CONFIDENT_QUESTION = "what is velocity";
const UNKNOWN_QUESTION = "how do I bake sourdough bread at home";
/** A thread's first question, and a follow-up that means something only after it. */
const THREAD_QUESTION = "how do I run a retrospective";
const FOLLOW_UP = "and how long should it take?";
/** ESCALATION_CHANNEL: the repository's handbook names no owners, so experts are asked here. */
const EXPERTS = "C0EXPERTS";

let knowledge: KnowledgeSource;

beforeAll(async () => {
  knowledge = await loadStaticKnowledge();
  // The questions must mean what the tests say they mean, whatever the content becomes.
  expect(knowledge.current().index.search(CONFIDENT_QUESTION).decision.tier).toBe("answer");
  expect(knowledge.current().index.search(UNKNOWN_QUESTION).decision.tier).toBe("none");
  expect(knowledge.current().index.search(THREAD_QUESTION).decision.tier).toBe("answer");
  // Alone the follow-up answers nothing; read with the thread's question it does.
  expect(knowledge.current().index.search(FOLLOW_UP).decision.tier).toBe("none");
});

/** Every string a Slack client would render from a payload: `text` at any depth. */
function renderedTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(renderedTexts);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "text" && typeof item === "string" ? [item] : renderedTexts(item),
  );
}

/** One of the two buttons of the feedback control under an answer. */
function feedbackButton(which: "positive" | "negative") {
  return (control: Control) => control.actionId === ActionId.feedback && control.feedback === which;
}

function allText(call: RecordedCall): string {
  return renderedTexts(call.args).join("\n");
}

function blocksOf(call: RecordedCall): JsonObject[] {
  const source = typeof call.args.view === "object" ? (call.args.view as JsonObject) : call.args;
  return Array.isArray(source.blocks) ? (source.blocks as JsonObject[]) : [];
}

describe.each(["socket", "http"] as const)("the bot in %s mode", (mode) => {
  let slack: LocalSlack;
  let local: LocalBot;

  const logs = () => {
    if (!local.logs) throw new Error("logs are not captured");
    return local.logs;
  };

  /** A fresh question answered in a DM: once it is answered, everything sent before was handled. */
  async function barrier(tag: string): Promise<RecordedCall> {
    const after = slack.calls.at(-1)?.seq ?? 0;
    const delivery = await slack.sendDirectMessage({ text: `${CONFIDENT_QUESTION} ${tag}` });
    const channel = (delivery.payload.event as JsonObject).channel;
    return slack.waitFor(
      (call) =>
        call.seq > after &&
        call.method === "chat.postMessage" &&
        call.args.channel === channel &&
        call.response.ok === true,
    );
  }

  let startup: RecordedCall[];

  beforeAll(async () => {
    slack = await startLocalSlack({ echoBotMessages: true });
    // The escalation channel, which the bot was invited to.
    slack.workspace.channel(EXPERTS, true);
    local = await startLocalBot({ slack, mode, knowledge, escalationChannel: EXPERTS });
    startup = [...slack.calls];
    slack.reset();
  });

  afterAll(async () => {
    await local?.stop();
    await slack?.close();
  });

  afterEach(() => {
    slack.reset();
    local.logs?.clear();
  });

  it(`starts the way ${mode} mode does: auth.test, then ${mode === "socket" ? "a WebSocket" : "a Request URL"}`, () => {
    expect(slack.transport).toBe(mode);
    expect(startup.find((call) => call.method === "auth.test")).toMatchObject({
      token: slack.botToken,
      response: { ok: true },
    });
    const opened = startup.filter((call) => call.method === "apps.connections.open");
    if (mode === "socket") {
      expect(opened).toHaveLength(1);
      expect(opened[0]?.token).toBe(slack.appToken);
    } else {
      expect(opened).toHaveLength(0);
    }
  });

  it("answers /dm <question> ephemerally through the response URL, and logs the query", async () => {
    const delivery = await slack.sendSlashCommand({ text: CONFIDENT_QUESTION });
    // Acknowledged at once and empty: the answer comes through the response URL.
    expect(delivery.ack.status).toBe(200);
    expect(delivery.ack.payload).toEqual({});
    const reply = await slack.waitFor({ method: "response_url" });
    expect(reply.status).toBe(200);
    expect(reply.origin?.deliveryId).toBe(delivery.id);
    expect(reply.args.response_type).toBe("ephemeral");
    const top = knowledge.current().index.search(CONFIDENT_QUESTION).results[0];
    expect(allText(reply)).toContain(top?.section.document.title);
    expect(slack.controls(reply).map((c) => c.actionId)).toEqual(
      expect.arrayContaining([ActionId.shareInChannel, ActionId.showFullSection]),
    );
    expect(slack.find({ method: ["chat.postMessage", "chat.postEphemeral"] })).toHaveLength(0);

    const [line] = logs().find({ event: "query", surface: "command" });
    expect(line).toMatchObject({
      user: slack.defaultUser,
      query: CONFIDENT_QUESTION,
      answered: true,
      sectionId: top?.section.id,
    });
    expect(typeof line?.ms).toBe("number");
  });

  it("answers /dm help with the help message", async () => {
    await slack.sendSlashCommand({ text: "help" });
    const reply = await slack.waitFor({ method: "response_url" });
    expect(reply.args.blocks).toEqual(renderHelp({ command: "/dm" }).blocks);
  });

  it("answers /dm topics with what the handbook covers", async () => {
    await slack.sendSlashCommand({ text: "topics" });
    const reply = await slack.waitFor({ method: "response_url" });
    expect(reply.status).toBe(200);
    expect(reply.args.blocks).toEqual(renderTopics(knowledge.current().base).blocks);
  });

  it("says so honestly when the handbook has no confident answer", async () => {
    await slack.sendSlashCommand({ text: UNKNOWN_QUESTION });
    const reply = await slack.waitFor({ method: "response_url" });
    expect(reply.args.response_type).toBe("ephemeral");
    // No share button: there is no answer to share. The closest topics are offered instead.
    const actionIds = slack.controls(reply).map((c) => c.actionId);
    expect(actionIds).not.toContain(ActionId.shareInChannel);
    expect(actionIds.some((id) => id.startsWith(ActionId.suggestedTopic))).toBe(true);
    expect(allText(reply)).toContain(UNKNOWN_QUESTION);
    expect(logs().find({ event: "query", query: UNKNOWN_QUESTION })[0]).toMatchObject({
      answered: false,
    });
  });

  it("shares an answer in a channel the bot is in, and deletes the ephemeral copy", async () => {
    const channel = slack.defaultChannel;
    await slack.sendSlashCommand({ text: CONFIDENT_QUESTION, channel });
    const reply = await slack.waitFor({ method: "response_url" });
    await slack.clickButton(reply, ActionId.shareInChannel);
    const shared = await slack.waitFor({ method: "chat.postMessage", channel });
    expect(shared.response.ok).toBe(true);
    expect(allText(shared)).toContain(`<@${slack.defaultUser}>`);
    const deleted = await slack.waitFor({ method: "response_url", delete_original: true });
    expect(deleted.status).toBe(200);
    const original = reply.surface;
    if (original?.kind !== "message") throw new Error("the answer was not shown as a message");
    expect(original.ephemeral).toBe(true);
    expect(slack.workspace.findMessage(original.channel, original.ts)).toBeUndefined();
  });

  it("shares through the response URL where the bot was never added (not_in_channel)", async () => {
    const channel = "C0NOTJOINED";
    await slack.sendSlashCommand({ text: CONFIDENT_QUESTION, channel });
    const reply = await slack.waitFor({ method: "response_url" });
    await slack.clickButton(reply, ActionId.shareInChannel);
    const refused = await slack.waitFor({ method: "chat.postMessage", channel });
    expect(refused.response).toMatchObject({ ok: false, error: "not_in_channel" });
    const shared = await slack.waitFor({ method: "response_url", response_type: "in_channel" });
    expect(shared.status).toBe(200);
    expect(shared.surface).toMatchObject({ kind: "message", channel, ephemeral: false });
    expect(allText(shared)).toContain(`<@${slack.defaultUser}>`);
    await slack.waitFor({ method: "response_url", delete_original: true });
  });

  it("opens the full section in a modal with the click's trigger id", async () => {
    await slack.sendSlashCommand({ text: CONFIDENT_QUESTION });
    const reply = await slack.waitFor({ method: "response_url" });
    const click = await slack.clickButton(reply, ActionId.showFullSection);
    const opened = await slack.waitFor({ method: "views.open" });
    expect(opened.response.ok).toBe(true);
    expect(opened.args.trigger_id).toBe(click.triggerId);
    const top = knowledge.current().index.search(CONFIDENT_QUESTION).results[0];
    expect(allText(opened)).toContain(top?.section.heading);
  });

  it("answers a mention in the mention's thread", async () => {
    const delivery = await slack.sendMention({ text: CONFIDENT_QUESTION, channel: "C0GENERAL" });
    const event = delivery.payload.event as JsonObject;
    const reply = await slack.waitFor({ method: "chat.postMessage", channel: "C0GENERAL" });
    expect(reply.response.ok).toBe(true);
    expect(reply.args.thread_ts).toBe(event.ts);
    expect(logs().find({ event: "query", surface: "mention" })).toHaveLength(1);
  });

  it("answers a direct message in the DM, and ignores its own echoed reply", async () => {
    const delivery = await slack.sendDirectMessage({ text: CONFIDENT_QUESTION });
    const event = delivery.payload.event as JsonObject;
    const reply = await slack.waitFor({ method: "chat.postMessage", channel: event.channel });
    expect(reply.response.ok).toBe(true);
    expect(reply.args.thread_ts).toBeUndefined();
    // The local Slack echoes the bot's DM back as a message event, as Slack does.
    await waitFor(() => slack.acks.length >= 2, "both deliveries acknowledged", 3000);
    await barrier("after echo");
    expect(logs().find({ event: "query", surface: "dm" })).toHaveLength(2);
  });

  it("ignores messages from bots", async () => {
    const channel = slack.workspace.imFor(slack.defaultUser).id;
    await slack.sendEvent({
      type: "message",
      channel,
      channel_type: "im",
      user: "U0OTHERBOT",
      bot_id: "B0OTHER",
      text: CONFIDENT_QUESTION,
      ts: slack.workspace.newTs(),
    });
    await slack.sendEvent({
      type: "message",
      subtype: "bot_message",
      channel,
      channel_type: "im",
      bot_id: "B0OTHER",
      text: CONFIDENT_QUESTION,
      ts: slack.workspace.newTs(),
    });
    await barrier("after bots");
    expect(slack.find({ method: "chat.postMessage" })).toHaveLength(1);
    expect(logs().find({ event: "query", query: CONFIDENT_QUESTION })).toHaveLength(0);
  });

  it("takes feedback on a public answer per user: a private thank-you, the answer untouched", async () => {
    const mention = await slack.sendMention({ text: CONFIDENT_QUESTION });
    const threadTs = (mention.payload.event as JsonObject).ts;
    const answer = await slack.waitFor({ method: "chat.postMessage", thread_ts: threadTs });
    const shown = answer.surface;
    if (shown?.kind !== "message") throw new Error("the answer was not shown as a message");
    const before = structuredClone(slack.workspace.findMessage(shown.channel, shown.ts));
    await slack.clickButton(answer, feedbackButton("positive"), { user: "U0READER" });
    const thanks = await slack.waitFor({ method: "response_url" });
    expect(thanks.status).toBe(200);
    expect(thanks.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(thanks.surface).toMatchObject({ kind: "message", ephemeral: true, user: "U0READER" });
    expect(allText(thanks)).toContain("glad it helped");
    // Nobody else's view changes: no edit, and the stored answer is exactly as posted.
    expect(slack.find({ method: "chat.update" })).toHaveLength(0);
    expect(slack.workspace.findMessage(shown.channel, shown.ts)).toEqual(before);
    const top = knowledge.current().index.search(CONFIDENT_QUESTION).results[0];
    expect(logs().find({ event: "feedback", helpful: true })[0]).toMatchObject({
      sectionId: top?.section.id,
      query: CONFIDENT_QUESTION,
      user: "U0READER",
    });
  });

  it("takes 👎 on a private answer with a private note that depends on the document's owner", async () => {
    await slack.sendSlashCommand({ text: CONFIDENT_QUESTION });
    const answer = await slack.waitFor({ method: "response_url" });
    await slack.clickButton(answer, feedbackButton("negative"));
    const note = await slack.waitFor(
      (call) => call.method === "response_url" && call.seq > answer.seq,
    );
    expect(note.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const top = knowledge.current().index.search(CONFIDENT_QUESTION).results[0];
    const owner = top?.section.document.owner;
    if (owner !== undefined && /^[UWCG][A-Z0-9]{2,}$/.test(owner)) {
      expect(allText(note)).toContain(`<@${owner}>`);
      await slack.waitFor({ method: "chat.postMessage", channel: owner });
    } else {
      expect(allText(note)).not.toContain("I have told");
    }
    expect(slack.find({ method: "chat.update" })).toHaveLength(0);
    expect(logs().find({ event: "feedback", helpful: false })).toHaveLength(1);
  });

  it("opens a Related result in the Home tab it was pressed in", async () => {
    await slack.openHome();
    const home = await slack.waitFor({ method: "views.publish" });
    await slack.enterText(home, ActionId.homeSearch, CONFIDENT_QUESTION);
    const results = await slack.waitFor(
      (call) => call.method === "views.publish" && call.seq > home.seq,
    );
    const related = slack
      .controls(results)
      .find((control) => control.actionId.startsWith(ActionId.relatedResult));
    if (!related?.value) throw new Error("the Home result offered no related section");
    const chosen = JSON.parse(related.value) as { s: string };
    await slack.clickButton(results, related.actionId);
    const shown = await slack.waitFor(
      (call) => call.method === "views.publish" && call.seq > results.seq,
    );
    expect(shown.response.ok).toBe(true);
    const section = knowledge.current().base.sections.find((s) => s.id === chosen.s);
    expect(allText(shown)).toContain(section?.heading);
    expect(logs().find({ event: "ignored_action" })).toHaveLength(0);
  });

  it("answers Related on a shared answer privately, posting nothing new in the channel", async () => {
    const channel = slack.defaultChannel;
    await slack.sendSlashCommand({ text: CONFIDENT_QUESTION, channel });
    const reply = await slack.waitFor({ method: "response_url" });
    await slack.clickButton(reply, ActionId.shareInChannel);
    const shared = await slack.waitFor({ method: "chat.postMessage", channel });
    await slack.waitFor({ method: "response_url", delete_original: true });
    const related = slack
      .controls(shared)
      .find((control) => control.actionId.startsWith(ActionId.relatedResult));
    if (!related) throw new Error("the shared answer offered no related section");
    await slack.clickButton(shared, related.actionId, { user: "U0READER" });
    const answer = await slack.waitFor(
      (call) =>
        call.method === "response_url" && call.seq > shared.seq && !call.args.delete_original,
    );
    expect(answer.surface).toMatchObject({ kind: "message", ephemeral: true, user: "U0READER" });
    expect(slack.find({ method: "chat.postMessage" })).toHaveLength(1);
  });

  it("answers a topic picked under a no-answer in the same thread", async () => {
    const mention = await slack.sendMention({ text: UNKNOWN_QUESTION });
    const threadTs = (mention.payload.event as JsonObject).ts;
    const noAnswer = await slack.waitFor({ method: "chat.postMessage", thread_ts: threadTs });
    const topic = slack
      .controls(noAnswer)
      .find((c) => c.actionId.startsWith(ActionId.suggestedTopic));
    if (!topic) throw new Error("the no-answer reply offered no topic");
    await slack.clickButton(noAnswer, topic.actionId);
    const picked = await slack.waitFor(
      (call) => call.method === "chat.postMessage" && call.seq > noAnswer.seq,
    );
    expect(picked.response.ok).toBe(true);
    expect(picked.args.thread_ts).toBe(threadTs);
    expect(slack.controls(picked).map((c) => c.actionId)).toContain(ActionId.showFullSection);
    // The topic does not answer the question: it is shown as picked, without the question.
    const shown = JSON.stringify(picked.args.blocks);
    expect(shown).toContain("Picked from the suggested topics");
    expect(shown).not.toContain(`“${UNKNOWN_QUESTION}”`);
  });

  it("answers a follow-up in a thread it answered in, without a mention, read with the earlier question", async () => {
    const channel = slack.defaultChannel;
    const mention = await slack.sendMention({ text: THREAD_QUESTION, channel });
    const threadTs = String((mention.payload.event as JsonObject).ts);
    const first = await slack.waitFor({ method: "chat.postMessage", thread_ts: threadTs });
    const delivery = await slack.sendChannelMessage({
      text: FOLLOW_UP,
      channel,
      thread_ts: threadTs,
      user: "U0COLLEAGUE",
    });
    expect(delivery?.ack.status).toBe(200);
    const followUp = await slack.waitFor(
      (call) =>
        call.method === "chat.postMessage" &&
        call.seq > first.seq &&
        call.args.thread_ts === threadTs,
    );
    expect(followUp.response.ok).toBe(true);
    const combined = `${THREAD_QUESTION} how long should it take?`;
    const expected = knowledge.current().index.search(combined).results[0];
    expect(allText(followUp)).toContain(expected?.section.heading);
    expect(logs().find({ event: "query", surface: "thread" })[0]).toMatchObject({
      user: "U0COLLEAGUE",
      query: combined,
      answered: true,
    });
  });

  it("stays quiet for thanks, for chat, at the top of a channel, and in threads it is not in", async () => {
    const channel = slack.defaultChannel;
    const mention = await slack.sendMention({ text: THREAD_QUESTION, channel });
    const threadTs = String((mention.payload.event as JsonObject).ts);
    await slack.waitFor({ method: "chat.postMessage", thread_ts: threadTs });
    await slack.sendChannelMessage({ text: "thanks, that helps!", channel, thread_ts: threadTs });
    await slack.sendChannelMessage({
      text: "<@U0ANA> can you book the room?",
      channel,
      thread_ts: threadTs,
    });
    await slack.sendChannelMessage({
      text: "did you see the match last night?",
      channel,
      thread_ts: threadTs,
    });
    // A question in someone else's thread, and one at the top of the channel: not the bot's.
    const other = await slack.sendChannelMessage({ text: "lunch anyone?", channel });
    if (!other) throw new Error("the bot is in the channel: the message should be delivered");
    const otherTs = String((other.payload.event as JsonObject).ts);
    await slack.sendChannelMessage({ text: CONFIDENT_QUESTION, channel, thread_ts: otherTs });
    await slack.sendChannelMessage({ text: CONFIDENT_QUESTION, channel });
    await barrier("after chat");
    expect(slack.find({ method: "chat.postMessage", channel })).toHaveLength(1);
    // Nothing outside its own threads was read, nor any thread history fetched.
    expect(slack.find({ method: "conversations.replies" })).toHaveLength(0);
    expect(logs().find({ event: "query", surface: "thread" })).toHaveLength(1);
    expect(logs().find({ event: "query", surface: "thread" })[0]).toMatchObject({
      answered: false,
    });
  });

  it("follows replies under an answer someone shared in the channel", async () => {
    const channel = slack.defaultChannel;
    await slack.sendSlashCommand({ text: THREAD_QUESTION, channel });
    const reply = await slack.waitFor({ method: "response_url" });
    await slack.clickButton(reply, ActionId.shareInChannel);
    const shared = await slack.waitFor({ method: "chat.postMessage", channel });
    const sharedTs = String(shared.response.ts);
    await slack.sendChannelMessage({ text: FOLLOW_UP, channel, thread_ts: sharedTs });
    const followUp = await slack.waitFor({ method: "chat.postMessage", thread_ts: sharedTs });
    expect(followUp.response.ok).toBe(true);
    expect(logs().find({ event: "query", surface: "thread" })[0]).toMatchObject({
      answered: true,
    });
  });

  it("asks an expert from a no-answer in a thread, relays the expert's reply there, and resolves", async () => {
    const mention = await slack.sendMention({ text: UNKNOWN_QUESTION });
    const threadTs = String((mention.payload.event as JsonObject).ts);
    const noAnswer = await slack.waitFor({ method: "chat.postMessage", thread_ts: threadTs });
    await slack.clickButton(noAnswer, ActionId.askExpert);
    const request = await slack.waitFor({ method: "chat.postMessage", channel: EXPERTS });
    expect(request.response.ok).toBe(true);
    expect(allText(request)).toContain(UNKNOWN_QUESTION);
    expect(allText(request)).toContain(`<@${slack.defaultUser}>`);
    // The link to where it was asked is Slack's permalink to the bot's reply.
    const link = await slack.waitFor({ method: "chat.getPermalink" });
    expect(allText(request)).toContain(String(link.response.permalink));
    const told = await slack.waitFor({ method: "response_url" });
    expect(told.surface).toMatchObject({ ephemeral: true });
    expect(allText(told)).toContain(`<#${EXPERTS}>`);

    const requestTs = String(request.response.ts);
    await slack.sendChannelMessage({
      channel: EXPERTS,
      thread_ts: requestTs,
      user: "U0EXPERT",
      text: "Ask the baker on the third floor.",
    });
    const relayed = await slack.waitFor(
      (call) =>
        call.method === "chat.postMessage" &&
        call.args.thread_ts === threadTs &&
        call.seq > request.seq,
    );
    expect(allText(relayed)).toContain("<@U0EXPERT> replied");
    expect(allText(relayed)).toContain("Ask the baker on the third floor.");

    await slack.clickButton(request, ActionId.resolveEscalation, { user: "U0EXPERT" });
    const resolved = await slack.waitFor({ method: "chat.postMessage", thread_ts: requestTs });
    expect(allText(resolved)).toContain("Marked resolved by <@U0EXPERT>");
    expect(
      logs()
        .find({ event: "escalation" })
        .map((line) => line.status),
    ).toEqual(["open", "answered", "resolved"]);
  });

  it("tells a private asker by DM when the expert replies", async () => {
    await slack.sendSlashCommand({ text: UNKNOWN_QUESTION });
    const noAnswer = await slack.waitFor({ method: "response_url" });
    await slack.clickButton(noAnswer, ActionId.askExpert);
    const request = await slack.waitFor({ method: "chat.postMessage", channel: EXPERTS });
    // Asked privately: no link into a conversation others cannot see.
    expect(slack.find({ method: "chat.getPermalink" })).toHaveLength(0);
    await slack.sendChannelMessage({
      channel: EXPERTS,
      thread_ts: String(request.response.ts),
      user: "U0EXPERT",
      text: "Not our area, sorry.",
    });
    const dm = await slack.waitFor({ method: "chat.postMessage", channel: slack.defaultUser });
    expect(dm.response.ok).toBe(true);
    expect(allText(dm)).toContain("Not our area, sorry.");
  });

  it("answers top-level questions in a channel an admin set to automatic, and nowhere else", async () => {
    const help = "C0HELP";
    slack.workspace.channel(help, true);
    slack.workspace.users.set("U0ADMIN", { id: "U0ADMIN", name: "admin", isAdmin: true });
    await slack.sendSlashCommand({ text: "settings auto", channel: help });
    const refused = await slack.waitFor({ method: "response_url" });
    expect(allText(refused)).toContain("Only workspace admins and the channel's creator");

    await slack.sendSlashCommand({ text: "settings auto", channel: help, user: "U0ADMIN" });
    const changed = await slack.waitFor(
      (call) => call.method === "response_url" && call.seq > refused.seq,
    );
    expect(allText(changed)).toContain("answers questions automatically");
    // Kept in the data folder, for the next start.
    const saved = JSON.parse(
      readFileSync(join(local.config.dataDir, CHANNEL_MODES_FILE), "utf8"),
    ) as Record<string, { mode: string }>;
    expect(saved[help]?.mode).toBe("auto");

    const asked = await slack.sendChannelMessage({ text: `${CONFIDENT_QUESTION}?`, channel: help });
    const askedTs = String((asked?.payload.event as JsonObject | undefined)?.ts);
    const answer = await slack.waitFor({ method: "chat.postMessage", thread_ts: askedTs });
    expect(answer.response.ok).toBe(true);
    await slack.sendChannelMessage({ text: `${UNKNOWN_QUESTION}?`, channel: help });
    await slack.sendChannelMessage({
      text: `${CONFIDENT_QUESTION}?`,
      channel: slack.defaultChannel,
    });
    await barrier("after auto answers");
    expect(slack.find({ method: "chat.postMessage", channel: help })).toHaveLength(1);
    expect(slack.find({ method: "chat.postMessage", channel: slack.defaultChannel })).toHaveLength(
      0,
    );
    expect(
      logs()
        .find({ event: "query", surface: "channel" })
        .map((l) => l.answered),
    ).toEqual([true, false]);
  });

  it('answers "Ask the handbook" on someone\'s message privately, to whoever used it', async () => {
    const channel = slack.defaultChannel;
    const posted = await slack.sendChannelMessage({
      text: `anyone know ${CONFIDENT_QUESTION}?`,
      channel,
      user: "U0WRITER",
    });
    const ts = String((posted?.payload.event as JsonObject | undefined)?.ts);
    const used = await slack.useMessageShortcut({
      callbackId: ASK_HANDBOOK_CALLBACK,
      channel,
      ts,
      user: "U0READER",
    });
    expect(used.ack.status).toBe(200);
    const answer = await slack.waitFor({ method: "response_url" });
    expect(answer.surface).toMatchObject({ ephemeral: true, user: "U0READER" });
    const top = knowledge.current().index.search(`anyone know ${CONFIDENT_QUESTION}?`).results[0];
    expect(allText(answer)).toContain(top?.section.document.title);
    expect(slack.controls(answer).map((c) => c.actionId)).toContain(ActionId.shareInChannel);
    expect(slack.find({ method: "chat.postMessage", channel })).toHaveLength(0);
  });

  it("does not answer a retried event twice", async () => {
    const first = await slack.sendMention({ text: CONFIDENT_QUESTION });
    const event = first.payload.event as JsonObject;
    await slack.waitFor({ method: "chat.postMessage", thread_ts: event.ts });
    const retry = await slack.sendEvent(event, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect(retry.ack.status).toBe(200);
    await barrier("after retry");
    expect(slack.find({ method: "chat.postMessage", thread_ts: event.ts })).toHaveLength(1);
    expect(logs().find({ event: "duplicate_delivery", key: first.eventId })).toHaveLength(1);
  });

  it("publishes the App Home within Slack's limits when it is opened", async () => {
    await slack.openHome();
    const home = await slack.waitFor({ method: "views.publish" });
    expect(home.response.ok).toBe(true);
    expect(home.args.user_id).toBe(slack.defaultUser);
    expect((home.args.view as JsonObject).type).toBe("home");
    const blocks = blocksOf(home);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(100);
  });

  it("answers a search typed in the Home tab by updating the Home view", async () => {
    await slack.openHome();
    const home = await slack.waitFor({ method: "views.publish" });
    await slack.enterText(home, ActionId.homeSearch, CONFIDENT_QUESTION);
    const results = await slack.waitFor(
      (call) => call.method === "views.publish" && call.seq > home.seq,
    );
    expect(results.response.ok).toBe(true);
    expect(blocksOf(results).length).toBeLessThanOrEqual(100);
    const top = knowledge.current().index.search(CONFIDENT_QUESTION).results[0];
    expect(allText(results)).toContain(top?.section.document.title);
    expect(allText(results)).toContain(CONFIDENT_QUESTION);
    expect(
      logs().find({ event: "query", surface: "home", query: CONFIDENT_QUESTION }),
    ).toHaveLength(1);
  });

  it.each([
    ["HTTP 500", { status: 500 }],
    ["ratelimited", { error: "ratelimited", retryAfter: 1 }],
  ])("survives a Web API failure (%s) and answers the next question", async (_name, failure) => {
    slack.failNext("chat.postMessage", failure);
    const delivery = await slack.sendDirectMessage({ text: CONFIDENT_QUESTION });
    const channel = (delivery.payload.event as JsonObject).channel;
    const failed = await slack.waitFor({ method: "chat.postMessage", channel }, 5000);
    expect(failed.response.ok).toBe(false);
    await waitFor(
      () => logs().find({ event: "slack_api_error", method: "chat.postMessage" }).length > 0,
      "the chat.postMessage error logged",
    );
    // The asker is told something went wrong rather than left waiting.
    const apology = await slack.waitFor(
      (call) =>
        call.method === "chat.postMessage" && call.seq > failed.seq && call.response.ok === true,
      5000,
    );
    expect(apology.args.channel).toBe(channel);
    const next = await barrier("after failure");
    expect(next.response.ok).toBe(true);
  });

  it("never echoes a special mention raw, whatever surface it is typed in", async () => {
    // What Slack sends when a person types the characters <!channel> literally, and a real one.
    const typed = `&lt;!channel&gt; ${UNKNOWN_QUESTION} <!here>`;
    await slack.sendSlashCommand({ text: typed });
    await slack.waitFor({ method: "response_url" });
    await slack.sendMention({ text: typed });
    await slack.waitFor({ method: "chat.postMessage" });
    await slack.sendDirectMessage({ text: typed });
    await slack.waitFor({
      method: "chat.postMessage",
      channel: slack.workspace.imFor(slack.defaultUser).id,
    });
    await slack.openHome();
    const home = await slack.waitFor({ method: "views.publish" });
    await slack.enterText(home, ActionId.homeSearch, "<!channel> what is velocity <!everyone>");
    await slack.waitFor((call) => call.method === "views.publish" && call.seq > home.seq);
    expect(slack.calls.length).toBeGreaterThanOrEqual(5);
    for (const call of slack.calls) {
      expect(allText(call)).not.toMatch(/<!(channel|here|everyone)/);
    }
  });

  if (mode === "http") {
    it.each([
      [
        "a bad signature",
        { signature: "v0=0000000000000000000000000000000000000000000000000000000000000000" },
      ],
      ["a stale timestamp", { timestampSec: Math.floor(Date.now() / 1000) - 10 * 60 }],
    ])("refuses a request with %s (401) and answers nothing", async (_name, tampering) => {
      const refused = await slack.sendSlashCommand({ text: CONFIDENT_QUESTION }, tampering);
      expect(refused.ack.status).toBe(401);
      await barrier("after refusal");
      expect(slack.find({ method: "response_url" })).toHaveLength(0);
      expect(logs().find({ event: "query", query: CONFIDENT_QUESTION })).toHaveLength(0);
    });
  }
});
