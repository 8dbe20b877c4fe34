import { describe, expect, it } from "vitest";
import { ASK_HANDBOOK_CALLBACK } from "../../../src/slack/listeners/shortcuts/ask-handbook.js";
import { unlistenedInteraction } from "../../../src/slack/transport/unlistened.js";
import { ActionId } from "../../../src/slack/views/actions.js";

describe("unlistenedInteraction", () => {
  it("lets through the shortcut the manifest declares, so its listener answers it", () => {
    expect(
      unlistenedInteraction({ type: "message_action", callback_id: ASK_HANDBOOK_CALLBACK }),
    ).toBeUndefined();
  });

  it("names a shortcut or message action no listener takes", () => {
    expect(unlistenedInteraction({ type: "message_action", callback_id: "other" })).toMatch(
      /no listener/,
    );
    expect(unlistenedInteraction({ type: "shortcut", callback_id: "global" })).toMatch(
      /no listener/,
    );
  });

  it("lets through the buttons the bot renders, and events", () => {
    expect(
      unlistenedInteraction({ type: "block_actions", actions: [{ action_id: ActionId.feedback }] }),
    ).toBeUndefined();
    expect(unlistenedInteraction({ type: "event_callback" })).toBeUndefined();
    expect(unlistenedInteraction({ type: "view_closed" })).toMatch(/no listener/);
  });
});
