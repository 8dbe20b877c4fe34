import { describe, expect, it } from "vitest";
import { createAskExpertListener } from "../../../../src/slack/listeners/actions/ask-expert.js";
import { createResolveEscalationListener } from "../../../../src/slack/listeners/actions/resolve-escalation.js";
import { ActionId, encodeActionValue, NO_SECTION } from "../../../../src/slack/views/actions.js";
import { renderApology } from "../../../../src/slack/views/apology.js";
import {
  renderEscalationRequest,
  renderEscalationResolved,
  renderEscalationSent,
  renderNoExpert,
} from "../../../../src/slack/views/escalation.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  retroSection,
  riskSection,
  textOf,
} from "../fakes.js";

const QUESTION = "how long is a retro <!here>?";

/** An answer posted in a channel thread, where "Ask an expert" was pressed. */
const threadAnswer = {
  container: {
    type: "message",
    message_ts: "1700000000.000700",
    channel_id: "C0TEAM001",
    is_ephemeral: false,
    thread_ts: "1700000000.000100",
  },
  channel: { id: "C0TEAM001", name: "team" },
};

function ask(sectionId: string, where: Record<string, unknown> = threadAnswer) {
  return actionArgs({
    actionId: ActionId.askExpert,
    value: encodeActionValue({ sectionId, query: QUESTION }),
    ...where,
  });
}

describe("Ask an expert", () => {
  it("asks the document's owner with the question, asker, link and section; tells the asker", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = ask(retroSection.id);
    await createAskExpertListener(deps)(args);

    const permalink = "https://team.slack.test/archives/C0TEAM001/p1700000000000700";
    expect(onlyCall(client.chat.getPermalink)).toEqual({
      channel: "C0TEAM001",
      message_ts: "1700000000.000700",
    });
    const [escalation] = log.events("escalation");
    expect(escalation).toMatchObject({
      status: "open",
      query: QUESTION,
      sectionId: retroSection.id,
      user: "U0CLICK01",
      to: "U0OWNER",
    });
    const id = String(escalation?.id);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "U0OWNER",
      ...renderEscalationRequest({
        id,
        question: QUESTION,
        asker: "U0CLICK01",
        where: { channel: "C0TEAM001", private: false, permalink },
        section: retroSection,
        owner: "U0OWNER",
      }),
    });
    // The question is echoed escaped: the owner is not pinged with @here.
    expect(textOf(client.chat.postMessage.mock.calls)).not.toContain("<!here>");
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      ...renderEscalationSent("U0OWNER", false),
    });
    expect(await deps.escalations.byId(id)).toMatchObject({
      origin: { channel: "C0TEAM001", threadTs: "1700000000.000100", private: false },
      posted: { channel: "U0OWNER", ts: "1700000000.000900" },
      status: "open",
    });
  });

  it("goes to ESCALATION_CHANNEL when the document names no owner, and by DM for a private answer", async () => {
    const { deps } = makeDeps({ escalationChannel: "C0EXPERTS" });
    const { args, client } = ask(riskSection.id, { container: ephemeralContainer });
    await createAskExpertListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toMatchObject({ channel: "C0EXPERTS" });
    expect(client.chat.getPermalink).not.toHaveBeenCalled();
    const escalation = await deps.escalations.byThread("C0EXPERTS", "1700000000.000900");
    expect(escalation?.origin).toEqual({ channel: "C0TEAM001", private: true });
  });

  it("says there is nobody to ask when there is no owner and no escalation channel", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = ask(NO_SECTION);
    await createAskExpertListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      ...renderNoExpert(),
    });
    expect(log.events("escalation_unavailable")).toHaveLength(1);
  });

  it("ignores a value it cannot read", async () => {
    const { deps, log } = makeDeps({ escalationChannel: "C0EXPERTS" });
    const { args, client, respond } = actionArgs({
      actionId: ActionId.askExpert,
      value: "not json",
      ...threadAnswer,
    });
    await createAskExpertListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(respond).not.toHaveBeenCalled();
    expect(log.events("ignored_action")).toHaveLength(1);
  });

  it("apologises, logs, and opens nothing in the log when the request cannot be posted", async () => {
    const { deps, log } = makeDeps();
    const { args, client, respond } = ask(retroSection.id);
    client.chat.postMessage.mockRejectedValue(platformError("channel_not_found"));
    await createAskExpertListener(deps)(args);
    expect(log.events("slack_api_error")[0]).toMatchObject({ code: "channel_not_found" });
    expect(log.events("escalation")).toEqual([]);
    expect(onlyCall(respond)).toMatchObject(renderApology());
  });

  it("apologises and asks nobody when the request cannot be recorded (PostgreSQL down)", async () => {
    const { deps, log } = makeDeps();
    deps.escalations.open = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    const { args, client, respond } = ask(retroSection.id);
    await createAskExpertListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("escalation_store_failed")).toHaveLength(1);
    expect(log.events("escalation")).toEqual([]);
    expect(onlyCall(respond)).toMatchObject(renderApology());
  });
});

describe("Mark resolved", () => {
  async function opened() {
    const made = makeDeps();
    const { args } = ask(retroSection.id);
    await createAskExpertListener(made.deps)(args);
    const id = String(made.log.events("escalation")[0]?.id);
    return { ...made, id };
  }

  it("closes the request, logs it, and says so in its thread", async () => {
    const { deps, log, id } = await opened();
    const { args, client } = actionArgs({ actionId: ActionId.resolveEscalation, value: id });
    await createResolveEscalationListener(deps)(args);
    expect(onlyCall(client.chat.postMessage)).toEqual({
      channel: "U0OWNER",
      thread_ts: "1700000000.000900",
      ...renderEscalationResolved("U0CLICK01"),
    });
    expect(log.events("escalation").map((line) => line.status)).toEqual(["open", "resolved"]);
    // A second click changes nothing.
    const again = actionArgs({ actionId: ActionId.resolveEscalation, value: id });
    await createResolveEscalationListener(deps)(again.args);
    expect(again.client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("ignores an id it does not know", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({ actionId: ActionId.resolveEscalation, value: "nope" });
    await createResolveEscalationListener(deps)(args);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(log.events("ignored_action")).toHaveLength(1);
  });

  it("logs a failed thread post and still counts the request resolved", async () => {
    const { deps, log, id } = await opened();
    const { args, client } = actionArgs({ actionId: ActionId.resolveEscalation, value: id });
    client.chat.postMessage.mockRejectedValue(platformError("not_in_channel"));
    await expect(createResolveEscalationListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({ code: "not_in_channel" });
    expect((await deps.escalations.byId(id))?.status).toBe("resolved");
  });
});
