import { describe, expect, it } from "vitest";
import { createHomeClearSearchListener } from "../../../../src/slack/listeners/actions/home-clear-search.js";
import { createHomePageListener } from "../../../../src/slack/listeners/actions/home-page.js";
import { createHomeSearchListener } from "../../../../src/slack/listeners/actions/home-search.js";
import { ActionId, encodePageValue } from "../../../../src/slack/views/actions.js";
import { renderHomeView } from "../../../../src/slack/views/home.js";
import { actionArgs, confidentResponse, makeDeps, onlyCall, platformError } from "../fakes.js";

const homeView = (query?: string) => ({
  id: "V_HOME",
  type: "home",
  state: {
    values: {
      search: { [ActionId.homeSearch]: { type: "plain_text_input", value: query ?? null } },
    },
  },
});

describe("Home search", () => {
  it("searches, logs the question, and publishes the results into Home", async () => {
    const { deps, knowledge, log, search } = makeDeps();
    const { args, client, ack } = actionArgs({
      actionId: ActionId.homeSearch,
      value: "retro length",
      view: homeView("retro length"),
    });
    await createHomeSearchListener(deps)(args);
    expect(ack).toHaveBeenCalled();
    expect(search).toHaveBeenCalledWith("retro length");
    expect(onlyCall(client.views.publish)).toEqual({
      user_id: "U0CLICK01",
      view: renderHomeView(knowledge.base, {
        query: "retro length",
        response: confidentResponse("retro length"),
      }),
    });
    expect(log.events("query")).toEqual([
      expect.objectContaining({
        surface: "home",
        user: "U0CLICK01",
        query: "retro length",
        answered: true,
      }),
    ]);
  });

  it("shows the plain Home tab for an emptied box, without searching", async () => {
    const { deps, knowledge, search } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homeSearch,
      value: "  ",
      view: homeView("  "),
    });
    await createHomeSearchListener(deps)(args);
    expect(search).not.toHaveBeenCalled();
    expect(onlyCall(client.views.publish)).toEqual({
      user_id: "U0CLICK01",
      view: renderHomeView(knowledge.base, {}),
    });
  });

  it("logs a rejected views.publish with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homeSearch,
      value: "retro",
      view: homeView("retro"),
    });
    client.views.publish.mockRejectedValue(platformError("not_enabled"));
    await expect(createHomeSearchListener(deps)(args)).resolves.toBeUndefined();
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.publish",
      code: "not_enabled",
    });
  });
});

describe("Home paging", () => {
  it("republishes the requested page, keeping the current search without logging it again", async () => {
    const { deps, knowledge, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: `${ActionId.homePage}:1`,
      value: encodePageValue(2),
      view: homeView("retro"),
    });
    await createHomePageListener(deps)(args);
    expect(onlyCall(client.views.publish)).toEqual({
      user_id: "U0CLICK01",
      view: renderHomeView(knowledge.base, {
        page: 2,
        query: "retro",
        response: confidentResponse("retro"),
      }),
    });
    expect(log.events("query")).toEqual([]);
  });

  it("pages without a search when the box is empty", async () => {
    const { deps, knowledge, search } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homePage,
      value: "1",
      view: homeView(),
    });
    await createHomePageListener(deps)(args);
    expect(search).not.toHaveBeenCalled();
    expect(onlyCall(client.views.publish)).toEqual({
      user_id: "U0CLICK01",
      view: renderHomeView(knowledge.base, { page: 1 }),
    });
  });

  it("ignores a page value it cannot read", async () => {
    const { deps } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homePage,
      value: "next",
      view: homeView(),
    });
    await createHomePageListener(deps)(args);
    expect(client.views.publish).not.toHaveBeenCalled();
  });

  it("logs a rejected views.publish with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homePage,
      value: "1",
      view: homeView(),
    });
    client.views.publish.mockRejectedValue(platformError("hash_conflict"));
    await createHomePageListener(deps)(args);
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.publish",
      code: "hash_conflict",
    });
  });
});

describe("Home clear search", () => {
  it("publishes the plain Home tab", async () => {
    const { deps, knowledge } = makeDeps();
    const { args, client } = actionArgs({
      actionId: ActionId.homeClearSearch,
      value: "clear",
      view: homeView("retro"),
    });
    await createHomeClearSearchListener(deps)(args);
    expect(onlyCall(client.views.publish)).toEqual({
      user_id: "U0CLICK01",
      view: renderHomeView(knowledge.base, {}),
    });
  });

  it("logs a rejected views.publish with its code", async () => {
    const { deps, log } = makeDeps();
    const { args, client } = actionArgs({ actionId: ActionId.homeClearSearch, value: "clear" });
    client.views.publish.mockRejectedValue(platformError("invalid_auth"));
    await createHomeClearSearchListener(deps)(args);
    expect(log.events("slack_api_error")[0]).toMatchObject({
      method: "views.publish",
      code: "invalid_auth",
    });
  });
});
