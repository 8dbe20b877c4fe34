import { describe, expect, it } from "vitest";
import { createOpenSectionListener } from "../../../../src/slack/listeners/actions/open-section.js";
import { ActionId } from "../../../../src/slack/views/actions.js";
import { renderSectionModal } from "../../../../src/slack/views/section-modal.js";
import {
  actionArgs,
  ephemeralContainer,
  makeDeps,
  onlyCall,
  platformError,
  retroActions,
} from "../fakes.js";

describe("table-of-contents entry", () => {
  it("opens the section in a modal from the Home tab", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({
      actionId: `${ActionId.homeOpenSection}:3`,
      value: retroActions.id,
      container: { type: "view", view_id: "V_HOME" },
      view: { id: "V_HOME", type: "home" },
    });
    await createOpenSectionListener(deps)(args);
    expect(onlyCall(client.views.open)).toEqual({
      trigger_id: "trigger-42",
      view: renderSectionModal(retroActions, {}),
    });
    expect(client.views.push).not.toHaveBeenCalled();
  });

  it("pushes onto the modal it was clicked in", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homeOpenSection,
      value: retroActions.id,
      container: { type: "view", view_id: "V_MODAL" },
      view: { id: "V_MODAL", type: "modal" },
    });
    await createOpenSectionListener(deps)(args);
    expect(onlyCall(client.views.push)).toMatchObject({ trigger_id: "trigger-42" });
    expect(client.views.open).not.toHaveBeenCalled();
  });

  it("opens the section picked in the /dm topics reply", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.topicsOpenSection,
      selected: retroActions.id,
      container: ephemeralContainer,
    });
    await createOpenSectionListener(deps)(args);
    expect(onlyCall(client.views.open)).toMatchObject({
      view: renderSectionModal(retroActions, {}),
    });
  });

  it("ignores an unknown section id", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({ actionId: ActionId.homeOpenSection, value: "nope.md#x" });
    await createOpenSectionListener(deps)(args);
    expect(client.views.open).not.toHaveBeenCalled();
    expect(client.views.push).not.toHaveBeenCalled();
  });

  it("logs a rejected views.open with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homeOpenSection,
      value: retroActions.id,
    });
    client.views.open.mockRejectedValue(platformError("view_too_large"));
    await createOpenSectionListener(deps)(args);
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.open",
      code: "view_too_large",
    });
  });
});
