import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNEL_MODES_FILE } from "../../../src/slack/conversations/channel-modes.js";
import {
  createFileSettings,
  WORKSPACE_SETTINGS_FILE,
} from "../../../src/slack/conversations/workspace-settings.js";
import { captureLogger } from "../../helpers.js";

const folder = () => mkdtempSync(join(tmpdir(), "settings-"));

describe("workspace settings in DATA_DIR (the embedded store)", () => {
  it("survive a restart: channel modes in their old file, the rest beside it", async () => {
    const dir = folder();
    const { logger } = captureLogger();
    const first = createFileSettings(dir, logger);
    expect(await first.setChannelMode("T1", "C0HELP", "auto", "U0ADMIN")).toBe(true);
    expect(await first.setEscalationChannel("T1", "C0EXPERTS", "U0ADMIN")).toBe(true);
    expect(await first.setDocumentOwner("T1", "risks.md", "U0ALICE", "U0ADMIN")).toBe(true);
    expect(await first.setDocumentOwner("T1", "retro.md", "U0BOB", "U0ADMIN")).toBe(true);
    expect(await first.setDocumentOwner("T1", "retro.md", undefined, "U0ADMIN")).toBe(true);

    const again = createFileSettings(dir, logger);
    expect(await again.channelMode("T1", "C0HELP")).toBe("auto");
    expect(await again.escalationChannel("T1")).toBe("C0EXPERTS");
    expect(await again.escalationChannel("T2")).toBeUndefined();
    expect(await again.documentOwner("T1", "risks.md")).toBe("U0ALICE");
    expect(await again.documentOwner("T1", "retro.md")).toBeUndefined();
    expect(await again.documentOwner("T2", "risks.md")).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, CHANNEL_MODES_FILE), "utf8")).C0HELP).toMatchObject({
      mode: "auto",
    });
    expect(JSON.parse(readFileSync(join(dir, WORKSPACE_SETTINGS_FILE), "utf8"))).toMatchObject({
      escalationChannels: { T1: { value: "C0EXPERTS", by: "U0ADMIN" } },
      owners: { T1: { "risks.md": { value: "U0ALICE" } } },
    });

    expect(await again.setEscalationChannel("T1", undefined, "U0ADMIN")).toBe(true);
    expect(await createFileSettings(dir, logger).escalationChannel("T1")).toBeUndefined();
  });

  it("start from the defaults, with a warning, when the file is broken", async () => {
    const dir = folder();
    writeFileSync(join(dir, WORKSPACE_SETTINGS_FILE), "{ not json");
    const log = captureLogger();
    const settings = createFileSettings(dir, log.logger);
    expect(await settings.escalationChannel("T1")).toBeUndefined();
    expect(log.events("workspace_settings_unreadable")).toHaveLength(1);
  });

  it("say so, and keep the old value, when the file cannot be written", async () => {
    const file = join(folder(), "not-a-folder");
    writeFileSync(file, "");
    const log = captureLogger();
    const settings = createFileSettings(file, log.logger);
    expect(await settings.setEscalationChannel("T1", "C0EXPERTS", "U0ADMIN")).toBe(false);
    expect(await settings.escalationChannel("T1")).toBeUndefined();
    expect(await settings.setDocumentOwner("T1", "risks.md", "U0ALICE", "U0ADMIN")).toBe(false);
    expect(await settings.documentOwner("T1", "risks.md")).toBeUndefined();
    expect(log.events("workspace_settings_unsaved")).toHaveLength(2);
  });
});
