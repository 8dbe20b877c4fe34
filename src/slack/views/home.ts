import type { KnowledgeBase } from "../../corpus/types.js";
import { ActionId } from "./actions.js";
import { header, mrkdwnSection } from "./blocks.js";
import type { HomeView, HomeViewOptions } from "./types.js";

export function renderHomeView(_base: KnowledgeBase, _opts: HomeViewOptions = {}): HomeView {
  return {
    type: "home",
    blocks: [
      header("Handbook"),
      mrkdwnSection("Ask me about the handbook."),
      {
        type: "input",
        dispatch_action: true,
        label: { type: "plain_text", text: "Search the handbook" },
        element: {
          type: "plain_text_input",
          action_id: ActionId.homeSearch,
          dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
        },
      },
    ],
  };
}
