import { describe, expect, it } from "vitest";
import { createAppHomeOpenedListener } from "../../../../src/slack/listeners/events/app-home-opened.js";
import { renderHomeView } from "../../../../src/slack/views/home.js";
import { eventArgs, makeDeps, onlyCall, platformError } from "../fakes.js";

function homeArgs(tab: string) {
  return eventArgs<"app_home_opened">({
    type: "app_home_opened",
    user: "U0ASKER01",
    channel: "D0ASKER01",
    tab,
    event_ts: "1700000000.1",
  });
}

describe("app_home_opened", () => {
  it("publishes the Home view for the user, from the current knowledge", async () => {
    const { deps, knowledge } = makeDeps({ docsBaseUrl: "https://handbook.example.org" });
    const { args, client } = homeArgs("home");
    await createAppHomeOpenedListener(deps)(args);
    expect(onlyCall(client.views.publish)).toEqual({
      user_id: "U0ASKER01",
      view: renderHomeView(knowledge.base, { docsBaseUrl: "https://handbook.example.org" }),
    });
  });

  it("ignores, with a warning, an event without a user", async () => {
    const { deps, log } = makeDeps();
    for (const user of [undefined, 12]) {
      const { args, client } = eventArgs<"app_home_opened">({
        type: "app_home_opened",
        user,
        channel: "D0ASKER01",
        tab: "home",
        event_ts: "1700000000.1",
      });
      await createAppHomeOpenedListener(deps)(args);
      expect(client.views.publish).not.toHaveBeenCalled();
    }
    expect(log.events("event_ignored").map((line) => line.reason)).toEqual([
      "no user",
      "user is not a string",
    ]);
  });

  it("leaves the Messages tab alone", async () => {
    const { deps } = makeDeps();
    const { args, client } = homeArgs("messages");
    await createAppHomeOpenedListener(deps)(args);
    expect(client.views.publish).not.toHaveBeenCalled();
  });

  it("logs a rejected views.publish with its code and does not throw", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = homeArgs("home");
    client.views.publish.mockRejectedValue(platformError("invalid_arguments"));
    await expect(createAppHomeOpenedListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")).toEqual([
      expect.objectContaining({ method: "views.publish", code: "invalid_arguments" }),
    ]);
  });
});
