import { describe, expect, it, vi } from "vitest";
import { createAskExpertListener } from "../../../../src/slack/listeners/actions/ask-expert.js";
import { createFeedbackListener } from "../../../../src/slack/listeners/actions/feedback.js";
import { createDmCommandListener } from "../../../../src/slack/listeners/commands/dm-command.js";
import {
  findDocument,
  parseAdminRequest,
} from "../../../../src/slack/listeners/commands/workspace-admin.js";
import type { CommandArgs } from "../../../../src/slack/listeners/types.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { renderSettingsUnsaved } from "../../../../src/slack/views/channel-settings.js";
import {
  renderAdminOnly,
  renderAdminUsage,
  renderDocumentOwner,
  renderDocumentOwnerChanged,
  renderEscalationChannel,
  renderEscalationChannelChanged,
  renderNoSuchDocument,
} from "../../../../src/slack/views/workspace-admin.js";
import {
  actionArgs,
  makeBase,
  makeDeps,
  onlyCall,
  platformError,
  retroDoc,
  retroSection,
  riskDoc,
  riskSection,
  textOf,
} from "../fakes.js";

function commandArgs(
  text: string,
  options: { channel?: string; admin?: boolean; team?: string } = {},
) {
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async (_message: Record<string, unknown>) => ({}));
  const client = {
    users: {
      info: vi.fn(async () => ({
        ok: true,
        user: { id: "U0ASKER01", is_admin: options.admin ?? false },
      })),
    },
  };
  const command = {
    command: "/dm",
    text,
    user_id: "U0ASKER01",
    channel_id: options.channel ?? "C0HELP",
    team_id: options.team ?? "T1",
    response_url: "https://hooks.slack.test/commands/1",
  };
  const args = {
    ack,
    respond,
    client,
    command,
    body: command,
    payload: command,
    context: { teamId: options.team ?? "T1" },
  };
  return { args: args as unknown as CommandArgs, ack, respond, client };
}

/** "Not helpful" on `sectionId`, clicked in workspace `team`. */
function notHelpful(sectionId: string, team: string) {
  const made = actionArgs({
    actionId: ActionId.notHelpful,
    value: encodeActionValue({ sectionId, query: "how do we log risks" }),
    container: { type: "message", message_ts: "1.1", channel_id: "C0TEAM001", is_ephemeral: true },
  });
  (made.args.context as { teamId?: string }).teamId = team;
  return made;
}

describe("reading the admin commands", () => {
  it.each([
    ["settings escalation", { kind: "show-escalation" }],
    ["settings escalation here", { kind: "set-escalation", channel: "here" }],
    ["settings escalation <#C0EXPERTS|experts>", { kind: "set-escalation", channel: "C0EXPERTS" }],
    ["setting escalation G0PRIVATE", { kind: "set-escalation", channel: "G0PRIVATE" }],
    ["settings escalation off", { kind: "set-escalation", channel: undefined }],
    ["settings escalation #experts", { kind: "usage", plainName: "#experts" }],
    ["settings escalation here now", { kind: "usage" }],
    ["owner delivery/risks.md", { kind: "show-owner", page: "delivery/risks.md" }],
    [
      "owner set delivery/risks <@U0ALICE|alice>",
      { kind: "set-owner", page: "delivery/risks", user: "U0ALICE" },
    ],
    [
      "owner set Risks and issues W0BOB",
      { kind: "set-owner", page: "Risks and issues", user: "W0BOB" },
    ],
    ["owner set delivery/risks.md @alice", { kind: "usage", plainName: "@alice" }],
    [
      "owner set delivery/risks.md <#C0RISKS|risks>",
      { kind: "set-owner", page: "delivery/risks.md", user: "C0RISKS" },
    ],
    [
      "owner clear delivery/risks.md",
      { kind: "set-owner", page: "delivery/risks.md", user: undefined },
    ],
    ["owner clear", { kind: "usage" }],
    ["settings auto", undefined],
    ["owner", undefined],
    ["who is the owner of risks", undefined],
  ])("reads %j", (text, expected) => {
    expect(parseAdminRequest(text)).toEqual(expected);
  });

  it("finds a page by path, with or without .md, or by its exact title", () => {
    const base = makeBase();
    expect(findDocument(base, "delivery/risks.md")).toBe(riskDoc);
    expect(findDocument(base, "/Delivery/Risks")).toBe(riskDoc);
    expect(findDocument(base, "retrospectives")).toBe(retroDoc);
    expect(findDocument(base, "risks")).toBeUndefined();
    expect(findDocument(base, "")).toBeUndefined();
  });
});

describe("/dm owner", () => {
  it("lets an admin set a page's owner for their workspace only; notices and experts follow it", async () => {
    const { deps, log, search } = makeDeps();
    const { args, respond } = commandArgs("owner set delivery/risks <@U0ALICE|alice>", {
      admin: true,
    });
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      ...renderDocumentOwnerChanged({ title: riskDoc.title, owner: "U0ALICE" }),
    });
    expect(search).not.toHaveBeenCalled();
    expect(log.events("document_owner")[0]).toMatchObject({
      document: riskDoc.path,
      owner: "U0ALICE",
    });

    // Anyone may look, and sees this workspace's owner.
    const look = commandArgs("owner delivery/risks.md");
    await createDmCommandListener(deps)(look.args);
    expect(onlyCall(look.respond)).toMatchObject(
      renderDocumentOwner({
        title: riskDoc.title,
        path: riskDoc.path,
        owner: "U0ALICE",
        command: "/dm",
      }),
    );

    // "Not helpful" in this workspace reaches the owner set here; in another, nobody.
    const here = notHelpful(riskSection.id, "T1");
    await createFeedbackListener(deps)(here.args);
    expect(onlyCall(here.client.chat.postMessage)).toMatchObject({ channel: "U0ALICE" });
    const elsewhere = notHelpful(riskSection.id, "T2");
    await createFeedbackListener(deps)(elsewhere.args);
    expect(elsewhere.client.chat.postMessage).not.toHaveBeenCalled();

    const clear = commandArgs("owner clear delivery/risks", { admin: true });
    await createDmCommandListener(deps)(clear.args);
    expect(onlyCall(clear.respond)).toMatchObject(
      renderDocumentOwnerChanged({ title: riskDoc.title, owner: undefined }),
    );
    expect(await deps.settings.documentOwner("T1", riskDoc.path)).toBeUndefined();
  });

  it("with several workspaces, uses the asking workspace's owner from the frontmatter map", async () => {
    const { deps } = makeDeps({ multiWorkspace: true });
    const base = deps.knowledge.current().base;
    const mapped = { ...retroDoc, owners: { T2: "U0TWOOWNER" } };
    const section = { ...retroSection, document: mapped };
    vi.spyOn(deps.knowledge, "current").mockReturnValue({
      ...deps.knowledge.current(),
      base: { ...base, documents: [mapped], sections: [section] },
    });
    // T1 is not in the map, and the plain `owner: U0OWNER` names nobody in particular.
    const one = notHelpful(retroSection.id, "T1");
    await createFeedbackListener(deps)(one.args);
    expect(one.client.chat.postMessage).not.toHaveBeenCalled();
    const two = notHelpful(retroSection.id, "T2");
    await createFeedbackListener(deps)(two.args);
    expect(onlyCall(two.client.chat.postMessage)).toMatchObject({ channel: "U0TWOOWNER" });
  });

  it("refuses anyone but an admin, and a failed lookup counts as a refusal", async () => {
    const { deps, log } = makeDeps();
    const { args, respond } = commandArgs("owner set delivery/risks.md U0MALLORY");
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toMatchObject(renderAdminOnly());
    expect(log.events("workspace_setting_refused")).toHaveLength(1);

    const failing = commandArgs("owner set delivery/risks.md U0MALLORY", { admin: true });
    failing.client.users.info.mockRejectedValue(platformError("missing_scope"));
    await createDmCommandListener(deps)(failing.args);
    expect(onlyCall(failing.respond)).toMatchObject(renderAdminOnly());
    expect(await deps.settings.documentOwner("T1", riskDoc.path)).toBeUndefined();
  });

  it("answers a question that merely starts with 'owner' as a question", async () => {
    const { deps, search } = makeDeps();
    const { args, client } = commandArgs("owner of the risk log");
    await createDmCommandListener(deps)(args);
    expect(search).toHaveBeenCalledTimes(1);
    expect(client.users.info).not.toHaveBeenCalled();
  });

  it("names a page it cannot find, says when a change was not saved, and shows its usage", async () => {
    const { deps } = makeDeps();
    const missing = commandArgs("owner set no/such/page U0ALICE", { admin: true });
    await createDmCommandListener(deps)(missing.args);
    expect(onlyCall(missing.respond)).toMatchObject(renderNoSuchDocument("no/such/page", "/dm"));
    expect(missing.client.users.info).not.toHaveBeenCalled();

    deps.settings.setDocumentOwner = async () => false;
    const unsaved = commandArgs("owner set delivery/risks.md U0ALICE", { admin: true });
    await createDmCommandListener(deps)(unsaved.args);
    expect(onlyCall(unsaved.respond)).toMatchObject(renderSettingsUnsaved());

    const usage = commandArgs("owner set delivery/risks.md");
    await createDmCommandListener(deps)(usage.args);
    expect(onlyCall(usage.respond)).toMatchObject(renderAdminUsage("/dm"));
  });

  it("says when a person arrived as a bare name (an unescaped install), and saves nothing", async () => {
    const { deps } = makeDeps();
    const setOwner = vi.spyOn(deps.settings, "setDocumentOwner");
    const named = commandArgs("owner set delivery/risks.md @alice <!channel>", { admin: true });
    await createDmCommandListener(deps)(named.args);
    const reply = JSON.stringify(onlyCall(named.respond));
    expect(setOwner).not.toHaveBeenCalled();
    expect(reply).not.toContain("<!channel>");
    const plain = commandArgs("owner set delivery/risks.md @alice", { admin: true });
    await createDmCommandListener(deps)(plain.args);
    const text = JSON.stringify(onlyCall(plain.respond));
    expect(text).toContain("`@alice` reached the bot as a name, not as a Slack id");
    expect(setOwner).not.toHaveBeenCalled();
  });
});

describe("/dm settings escalation", () => {
  it("lets an admin send this workspace's unowned questions to this channel", async () => {
    const { deps, log } = makeDeps({ escalationChannel: "C0DEFAULT" });
    const show = commandArgs("settings escalation");
    await createDmCommandListener(deps)(show.args);
    expect(onlyCall(show.respond)).toMatchObject(
      renderEscalationChannel({ fallback: "C0DEFAULT", command: "/dm" }),
    );

    const { args, respond } = commandArgs("settings escalation here", {
      channel: "C0EXPERTS",
      admin: true,
    });
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toMatchObject(renderEscalationChannelChanged("C0EXPERTS"));
    expect(log.events("escalation_channel")[0]).toMatchObject({ channel: "C0EXPERTS" });

    const ask = (team: string) => {
      const made = actionArgs({
        actionId: ActionId.askExpert,
        value: encodeActionValue({ sectionId: riskSection.id, query: "who logs risks" }),
        container: {
          type: "message",
          message_ts: "1.1",
          channel_id: "C0TEAM001",
          is_ephemeral: true,
        },
      });
      (made.args.context as { teamId?: string }).teamId = team;
      return made;
    };
    const here = ask("T1");
    await createAskExpertListener(deps)(here.args);
    expect(onlyCall(here.client.chat.postMessage)).toMatchObject({ channel: "C0EXPERTS" });
    expect(await deps.escalations.byThread("C0EXPERTS", "1700000000.000900")).toMatchObject({
      teamId: "T1",
    });
    const elsewhere = ask("T2");
    await createAskExpertListener(deps)(elsewhere.args);
    expect(onlyCall(elsewhere.client.chat.postMessage)).toMatchObject({ channel: "C0DEFAULT" });

    const off = commandArgs("settings escalation off", { admin: true });
    await createDmCommandListener(deps)(off.args);
    expect(onlyCall(off.respond)).toMatchObject(renderEscalationChannelChanged(undefined));
    expect(await deps.settings.escalationChannel("T1")).toBeUndefined();
  });

  it("is refused to anyone but an admin, and 'here' needs a channel", async () => {
    const { deps } = makeDeps();
    const refused = commandArgs("settings escalation C0EXPERTS");
    await createDmCommandListener(deps)(refused.args);
    expect(onlyCall(refused.respond)).toMatchObject(renderAdminOnly());
    expect(await deps.settings.escalationChannel("T1")).toBeUndefined();

    const inDm = commandArgs("settings escalation here", { channel: "D0DM", admin: true });
    await createDmCommandListener(deps)(inDm.args);
    expect(onlyCall(inDm.respond)).toMatchObject(renderAdminUsage("/dm"));
    expect(inDm.client.users.info).not.toHaveBeenCalled();
  });

  it("echoes nothing that could ping: a page name is escaped", async () => {
    const { deps } = makeDeps();
    const { args, respond } = commandArgs("owner set <!channel> U0ALICE", { admin: true });
    await createDmCommandListener(deps)(args);
    expect(textOf(respond.mock.calls)).not.toContain("<!channel>");
  });
});
