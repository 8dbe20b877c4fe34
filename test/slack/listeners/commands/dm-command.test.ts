import type { App } from "@slack/bolt";
import { describe, expect, it, vi } from "vitest";
import { createDmCommandListener } from "../../../../src/slack/listeners/commands/dm-command.js";
import { register } from "../../../../src/slack/listeners/commands/index.js";
import type { CommandArgs } from "../../../../src/slack/listeners/types.js";
import { LOGGED_QUESTION_CHARS } from "../../../../src/slack/replies/answer-question.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import { renderHelp } from "../../../../src/slack/views/help.js";
import { renderReply } from "../../../../src/slack/views/reply.js";
import { renderTopics } from "../../../../src/slack/views/topics.js";
import { decisionOf } from "../../../helpers.js";
import {
  confidentResponse,
  fakeClient,
  makeDeps,
  makeDocument,
  makeSection,
  onlyCall,
  respondError,
  result,
  unsureResponse,
} from "../fakes.js";

function commandArgs(text: string, name = "/dm", team?: string) {
  const order: string[] = [];
  const ack = vi.fn(async (..._args: unknown[]) => {
    order.push("ack");
  });
  const respond = vi.fn(async (_message: Record<string, unknown>) => {
    order.push("respond");
    return {};
  });
  const command = {
    command: name,
    text,
    user_id: "U0ASKER01",
    channel_id: "C0GENERAL",
    response_url: "https://hooks.slack.test/commands/1",
    trigger_id: "trigger-1",
  };
  const args = {
    command,
    body: command,
    payload: command,
    ack,
    respond,
    client: fakeClient(),
    context: team === undefined ? {} : { teamId: team },
  };
  return { args: args as unknown as CommandArgs, ack, respond, order };
}

/** A page owned by U0PLAIN in its one workspace, and by U0ALICE in T0AAA. */
const ownedSection = makeSection(
  makeDocument("delivery/risks.md", "Risks", {
    owner: "U0PLAIN",
    owners: { T0AAA: "U0ALICE" },
  }),
  "Keeping a risk log",
  "Review the risk log every week.",
  1,
);
const ownedAnswer = (query: string) => ({
  query,
  results: [result(ownedSection, 0.9)],
  decision: decisionOf("answer"),
});

/** The "Owner:" the answer's source line names, or undefined when it names none. */
async function ownerNamed(options: { multiWorkspace: boolean; team: string; setOwner?: string }) {
  const { deps } = makeDeps({ respond: ownedAnswer, multiWorkspace: options.multiWorkspace });
  if (options.setOwner !== undefined) {
    await deps.settings.setDocumentOwner(
      options.team,
      "delivery/risks.md",
      options.setOwner,
      "U0ADMIN",
    );
  }
  const { args, respond } = commandArgs("risk log", "/dm", options.team);
  await createDmCommandListener(deps)(args);
  return JSON.stringify(onlyCall(respond)).match(/Owner: <@(\w+)>/)?.[1];
}

describe("/dm", () => {
  it("names the document's owner in the asking workspace, never another workspace's", async () => {
    // One workspace: the plain frontmatter owner, unless the page maps this workspace.
    expect(await ownerNamed({ multiWorkspace: false, team: "T0CCC" })).toBe("U0PLAIN");
    expect(await ownerNamed({ multiWorkspace: false, team: "T0AAA" })).toBe("U0ALICE");
    // Several workspaces (OAuth): a plain `owner: U…` belongs to an unknown one, so none.
    expect(await ownerNamed({ multiWorkspace: true, team: "T0CCC" })).toBeUndefined();
    expect(await ownerNamed({ multiWorkspace: true, team: "T0AAA" })).toBe("U0ALICE");
    // One set from Slack (`/dm owner set`) wins in its own workspace only.
    expect(await ownerNamed({ multiWorkspace: true, team: "T0CCC", setOwner: "U0CAROL" })).toBe(
      "U0CAROL",
    );
  });

  it("acknowledges with no body, then answers ephemerally through response_url", async () => {
    const { deps, log, search } = makeDeps();
    // Slack escapes what people type: `&lt;` arrives for `<`.
    const { args, ack, respond, order } = commandArgs("how do I run a &lt;retro&gt;?");
    await createDmCommandListener(deps)(args);

    expect(ack).toHaveBeenCalledWith();
    expect(order).toEqual(["ack", "respond"]);
    expect(search).toHaveBeenCalledWith("how do I run a <retro>?");
    const expected = renderReply(confidentResponse("how do I run a <retro>?"), { ephemeral: true });
    expect(onlyCall(respond)).toEqual({ response_type: "ephemeral", ...expected });
    expect(expected.text.length).toBeGreaterThan(0);
    expect(log.events("query")).toEqual([
      expect.objectContaining({
        event: "query",
        surface: "command",
        user: "U0ASKER01",
        query: "how do I run a <retro>?",
        answered: true,
        tier: "answer",
        reason: "answer: fake",
        topScore: 0.9,
        sectionId: "rituals/retrospective.md#running-a-retrospective",
        ms: 5,
      }),
    ]);
  });

  it("gives the honest no-answer reply when the search is not confident", async () => {
    const { deps, log } = makeDeps({ respond: unsureResponse });
    const { args, respond } = commandArgs("what is the airspeed of a swallow");
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      ...renderReply(unsureResponse("what is the airspeed of a swallow"), { ephemeral: true }),
    });
    expect(log.events("query")[0]).toMatchObject({ answered: false, tier: "none", topScore: 0.1 });
  });

  it("keeps only the start of a very long question in its log line", async () => {
    const { deps, log } = makeDeps({ respond: unsureResponse });
    const long = `what about ${"velocity ".repeat(5000)}`;
    const { args } = commandArgs(long);
    await createDmCommandListener(deps)(args);
    const line = log.events("query")[0];
    expect(String(line?.query).length).toBeLessThanOrEqual(LOGGED_QUESTION_CHARS);
    expect(line?.queryChars).toBe(long.trim().length);
  });

  it.each(["", "   ", "help", "HELP"])("shows help for %j without searching", async (text) => {
    const { deps, search, log } = makeDeps();
    const { args, respond } = commandArgs(text);
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      ...renderHelp({ command: "/dm" }),
    });
    expect(search).not.toHaveBeenCalled();
    expect(log.events("query")).toEqual([]);
  });

  it("lists the topics for /dm topics", async () => {
    const { deps, search, knowledge } = makeDeps();
    const { args, respond } = commandArgs("topics");
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      ...renderTopics(knowledge.base),
    });
    expect(search).not.toHaveBeenCalled();
  });

  it("logs a failing response_url with its code and does not throw", async () => {
    const { deps, log } = makeDeps();
    const { args, respond } = commandArgs("retrospective");
    respond.mockRejectedValue(respondError(404));
    await expect(createDmCommandListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      level: "error",
      method: "response_url",
      code: "slack_bolt_respond_error",
    });
    // The apology was tried through the same (failing) channel, and that is logged too.
    expect(respond).toHaveBeenCalledTimes(2);
    expect(respond.mock.calls[1]?.[0]).toEqual({ response_type: "ephemeral", ...renderApology() });
  });

  it("apologizes when answering fails", async () => {
    const { deps, log } = makeDeps({
      respond: () => {
        throw new Error("index corrupted");
      },
    });
    const { args, respond } = commandArgs("retrospective");
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toEqual({ response_type: "ephemeral", ...renderApology() });
    expect(log.events("reply_failed")[0]).toMatchObject({ err: { message: "index corrupted" } });
  });
});

/** Every text a Slack client would show from a payload. */
function shownText(message: unknown): string {
  return JSON.stringify(message);
}

/** The listeners `register` hands Bolt, by command name, as Bolt would route them. */
function registered(deps: ReturnType<typeof makeDeps>["deps"]) {
  const listeners = new Map<string, (args: CommandArgs) => Promise<void>>();
  const app = {
    command: (name: string, listener: (args: CommandArgs) => Promise<void>) => {
      listeners.set(name, listener);
    },
  };
  register(app as unknown as App, deps);
  return listeners;
}

describe("the command renamed with SLASH_COMMAND", () => {
  const NAME = "/handbook";

  it("answers under its new name, and its help and hints name it", async () => {
    const { deps, search } = makeDeps({ command: NAME, respond: unsureResponse });
    const listener = registered(deps).get(NAME);
    if (!listener) throw new Error(`${NAME} was not registered`);

    const help = commandArgs("help", NAME);
    await listener(help.args);
    expect(onlyCall(help.respond)).toEqual({
      response_type: "ephemeral",
      ...renderHelp({ command: NAME }),
    });
    expect(shownText(onlyCall(help.respond))).toContain("`/handbook topics`");
    expect(shownText(onlyCall(help.respond))).not.toContain("/dm");

    const unknown = commandArgs("what is the airspeed of a swallow", NAME);
    await listener(unknown.args);
    expect(search).toHaveBeenCalledWith("what is the airspeed of a swallow");
    const reply = shownText(onlyCall(unknown.respond));
    expect(reply).toContain("no good answer");
    expect(reply).toContain("`/handbook topics`");
    expect(reply).not.toContain("/dm");

    const topics = commandArgs("topics", NAME);
    await listener(topics.args);
    expect(shownText(onlyCall(topics.respond))).toContain("`/handbook &lt;question&gt;`");
  });

  it("leaves the old name unanswered: nothing is registered for /dm", () => {
    const { deps } = makeDeps({ command: NAME });
    expect([...registered(deps).keys()]).toEqual([NAME]);
    const { deps: defaults } = makeDeps();
    expect([...registered(defaults).keys()]).toEqual(["/dm"]);
  });

  it("logs a failing response_url and apologizes, under the new name too", async () => {
    const { deps, log } = makeDeps({ command: NAME });
    const listener = registered(deps).get(NAME);
    if (!listener) throw new Error(`${NAME} was not registered`);
    const { args, ack, respond } = commandArgs("retrospective", NAME);
    respond.mockRejectedValue(respondError(500));
    await expect(listener(args)).resolves.toBeUndefined();
    expect(ack).toHaveBeenCalledWith();
    expect(log.events("slack_api_error")[0]).toMatchObject({ method: "response_url" });
    expect(respond.mock.calls[1]?.[0]).toEqual({ response_type: "ephemeral", ...renderApology() });
  });
});
