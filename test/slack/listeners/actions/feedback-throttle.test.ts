import { describe, expect, it } from "vitest";
import { createFeedbackListener } from "../../../../src/slack/listeners/actions/feedback.js";
import type { Throttle } from "../../../../src/slack/shared.js";
import { ActionId, encodeActionValue } from "../../../../src/slack/views/actions.js";
import { actionArgs, ephemeralContainer, makeDeps, retroSection } from "../fakes.js";

/** Lets each key through once, like the Redis throttle within its window. */
function onceEach(): Throttle & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    async allow(key) {
      if (keys.includes(key)) return false;
      keys.push(key);
      return true;
    },
  };
}

const notHelpful = (query: string) =>
  actionArgs({
    actionId: ActionId.notHelpful,
    value: encodeActionValue({ sectionId: retroSection.id, query }),
    container: ephemeralContainer,
  });

describe("feedback with an owner-notice throttle", () => {
  it("tells the owner about a section once per window, and logs the throttled one", async () => {
    const { deps, log } = makeDeps();
    const throttle = onceEach();
    const listener = createFeedbackListener({ ...deps, ownerNotices: throttle });
    const first = notHelpful("how long is a retro");
    await listener(first.args);
    const second = notHelpful("retro length?");
    await listener(second.args);

    expect(first.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(second.client.chat.postMessage).not.toHaveBeenCalled();
    // Keyed by workspace too: an owner is told once per workspace, section and window.
    expect(throttle.keys).toEqual([`T1:U0OWNER:${retroSection.id}`]);
    expect(log.events("owner_notice_throttled")).toEqual([
      expect.objectContaining({ sectionId: retroSection.id }),
    ]);
    // Both clicks are still logged as feedback: the throttle only spares the owner.
    expect(log.events("feedback")).toHaveLength(2);
  });

  it("without a throttle (the single-process default) tells the owner every time", async () => {
    const { deps } = makeDeps();
    const listener = createFeedbackListener(deps);
    const first = notHelpful("a");
    const second = notHelpful("b");
    await listener(first.args);
    await listener(second.args);
    expect(first.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(second.client.chat.postMessage).toHaveBeenCalledTimes(1);
  });
});
