import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  CHANNEL_MODES_FILE,
  createChannelModes,
} from "../../../../src/slack/conversations/channel-modes.js";
import { parseSettings } from "../../../../src/slack/listeners/commands/channel-settings.js";
import { createDmCommandListener } from "../../../../src/slack/listeners/commands/dm-command.js";
import type { CommandArgs } from "../../../../src/slack/listeners/types.js";
import {
  renderChannelModeChanged,
  renderChannelSettings,
  renderSettingsNotAllowed,
  renderSettingsOnlyInChannels,
} from "../../../../src/slack/views/channel-settings.js";
import { captureLogger, makeDeps, onlyCall, platformError } from "../fakes.js";

function settingsArgs(
  text: string,
  options: { channel?: string; admin?: boolean; creator?: string } = {},
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
    conversations: {
      info: vi.fn(async () => ({
        ok: true,
        channel: { id: "C0HELP", creator: options.creator ?? "U0SOMEONE" },
      })),
    },
  };
  const command = {
    command: "/dm",
    text,
    user_id: "U0ASKER01",
    channel_id: options.channel ?? "C0HELP",
    response_url: "https://hooks.slack.test/commands/1",
  };
  const args = {
    ack,
    respond,
    client,
    command,
    body: command,
    payload: command,
    context: { teamId: "T1" },
  };
  return { args: args as unknown as CommandArgs, ack, respond, client };
}

describe("/dm settings", () => {
  it.each([
    ["settings", {}],
    ["Settings AUTO", { mode: "auto" }],
    ["settings mention", { mode: "mention" }],
    ["settings loud", { mode: "invalid" }],
    ["settings auto now", { mode: "invalid" }],
    ["what are the settings", undefined],
  ])("reads %j", (text, expected) => {
    expect(parseSettings(text)).toEqual(expected);
  });

  it("lets a workspace admin turn on automatic answers, and saves it", async () => {
    const { deps, search, log } = makeDeps();
    const { args, respond } = settingsArgs("settings auto", { admin: true });
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toEqual({
      response_type: "ephemeral",
      ...renderChannelModeChanged("C0HELP", "auto"),
    });
    expect(await deps.settings.channelMode("T1", "C0HELP")).toBe("auto");
    expect(search).not.toHaveBeenCalled();
    expect(log.events("channel_mode")[0]).toMatchObject({ channel: "C0HELP", mode: "auto" });
  });

  it("lets the channel's creator change it too", async () => {
    const { deps } = makeDeps();
    const { args } = settingsArgs("settings auto", { creator: "U0ASKER01" });
    await createDmCommandListener(deps)(args);
    expect(await deps.settings.channelMode("T1", "C0HELP")).toBe("auto");
  });

  it("refuses anyone else, and a failed lookup counts as a refusal", async () => {
    const { deps } = makeDeps();
    const { args, respond, client } = settingsArgs("settings auto");
    client.users.info.mockRejectedValue(platformError("missing_scope"));
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toMatchObject(renderSettingsNotAllowed());
    expect(await deps.settings.channelMode("T1", "C0HELP")).toBe("mention");
  });

  it("shows the current mode, with how to change it for those who may", async () => {
    const { deps } = makeDeps();
    const { args, respond } = settingsArgs("settings", { admin: true });
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toMatchObject(
      renderChannelSettings({
        channel: "C0HELP",
        mode: "mention",
        command: "/dm",
        canChange: true,
      }),
    );
  });

  it("is for channels only", async () => {
    const { deps } = makeDeps();
    const { args, respond, client } = settingsArgs("settings auto", {
      channel: "D0DM",
      admin: true,
    });
    await createDmCommandListener(deps)(args);
    expect(onlyCall(respond)).toMatchObject(renderSettingsOnlyInChannels("/dm"));
    expect(client.users.info).not.toHaveBeenCalled();
  });
});

describe("channel modes on disk", () => {
  it("survive a restart: a new store reads what the last one saved", () => {
    const dir = mkdtempSync(join(tmpdir(), "modes-"));
    const { logger } = captureLogger();
    expect(createChannelModes(dir, logger).set("C0HELP", "auto", "U1")).toBe(true);
    const again = createChannelModes(dir, logger);
    expect(again.get("C0HELP")).toBe("auto");
    expect(again.get("C0OTHER")).toBe("mention");
    expect(JSON.parse(readFileSync(join(dir, CHANNEL_MODES_FILE), "utf8")).C0HELP).toMatchObject({
      mode: "auto",
      by: "U1",
    });
  });

  it("start every channel in mention mode, with a warning, when the file is broken", () => {
    const dir = mkdtempSync(join(tmpdir(), "modes-"));
    writeFileSync(join(dir, CHANNEL_MODES_FILE), "{ not json");
    const log = captureLogger();
    const modes = createChannelModes(dir, log.logger);
    expect(modes.get("C0HELP")).toBe("mention");
    expect(log.events("channel_modes_unreadable")).toHaveLength(1);
  });

  it("say so, and keep the old mode, when the file cannot be written", () => {
    const dir = mkdtempSync(join(tmpdir(), "modes-"));
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "");
    const log = captureLogger();
    const modes = createChannelModes(file, log.logger);
    expect(modes.set("C0HELP", "auto", "U1")).toBe(false);
    expect(modes.get("C0HELP")).toBe("mention");
    expect(log.events("channel_modes_unsaved")).toHaveLength(1);
  });
});
