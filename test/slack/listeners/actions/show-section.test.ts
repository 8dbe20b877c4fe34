import { describe, expect, it } from "vitest";
import { createShowSectionListener } from "../../../../src/slack/listeners/actions/show-section.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { renderSectionModal } from "../../../../src/slack/views/section-modal.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  riskSection,
} from "../fakes.js";

const click = (sectionId: string) =>
  actionArgs({
    actionId: ActionId.showFullSection,
    value: encodeActionValue({ sectionId, query: "risk log" }),
    container: ephemeralContainer,
  });

describe("Show full section", () => {
  it("opens the section in a modal with the interaction's trigger", async () => {
    const { deps } = makeDeps({ docsBaseUrl: "https://handbook.example.org" });
    const { args, ack, client } = click(riskSection.id);
    await createShowSectionListener(deps)(args);
    expect(ack).toHaveBeenCalled();
    expect(onlyCall(client.views.open)).toEqual({
      trigger_id: "trigger-42",
      view: renderSectionModal(riskSection, { docsBaseUrl: "https://handbook.example.org" }),
    });
  });

  it("ignores a section that no longer exists", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = click("gone.md#nothing");
    await createShowSectionListener(deps)(args);
    expect(client.views.open).not.toHaveBeenCalled();
    expect(log.events("ignored_action")[0]).toMatchObject({ sectionId: "gone.md#nothing" });
  });

  it("logs a rejected views.open with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = click(riskSection.id);
    client.views.open.mockRejectedValue(platformError("expired_trigger_id"));
    await expect(createShowSectionListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.open",
      code: "expired_trigger_id",
    });
  });
});
