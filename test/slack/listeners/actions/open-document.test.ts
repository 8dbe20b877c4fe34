import { describe, expect, it } from "vitest";
import { createOpenDocumentListener } from "../../../../src/slack/listeners/actions/open-document.js";
import { ActionId } from "../../../../src/slack/views/actions.js";
import { renderDocumentModal } from "../../../../src/slack/views/document-modal.js";
import { actionArgs, makeDeps, onlyCall, platformError, retroDoc } from "../fakes.js";

const homeClick = (value: string) =>
  actionArgs({
    actionId: `${ActionId.homeMoreSections}:1`,
    value,
    view: { id: "V_HOME", type: "home" },
  });

describe("All sections of a document", () => {
  it("opens the document's sections in a modal", async () => {
    const { deps, knowledge } = makeDeps();
    const { args, client } = homeClick(retroDoc.path);
    await createOpenDocumentListener(deps)(args);
    expect(onlyCall(client.views.open)).toEqual({
      trigger_id: "trigger-42",
      view: renderDocumentModal(knowledge.base, retroDoc.path),
    });
  });

  it("ignores an unknown document", async () => {
    const { deps } = makeDeps();
    const { args, client } = homeClick("missing.md");
    await createOpenDocumentListener(deps)(args);
    expect(client.views.open).not.toHaveBeenCalled();
  });

  it("logs a rejected views.open with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = homeClick(retroDoc.path);
    client.views.open.mockRejectedValue(platformError("expired_trigger_id"));
    await createOpenDocumentListener(deps)(args);
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.open",
      code: "expired_trigger_id",
    });
  });
});
