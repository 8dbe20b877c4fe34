import type { App, BlockAction } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { ActionId, actionIdPattern } from "../../views/actions.js";
import { createAskExpertListener } from "./ask-expert.js";
import { createFeedbackListener } from "./feedback.js";
import { createHomeClearSearchListener } from "./home-clear-search.js";
import { createHomePageListener } from "./home-page.js";
import { createHomeSearchListener } from "./home-search.js";
import { createOpenDocumentListener } from "./open-document.js";
import { createOpenRelatedListener } from "./open-related.js";
import { createOpenSectionListener } from "./open-section.js";
import { createResolveEscalationListener } from "./resolve-escalation.js";
import { createShareAnswerListener } from "./share-answer.js";
import { createShowSectionListener } from "./show-section.js";

/** Every interactive element the views render has a listener here, so no click goes unanswered. */
export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(
    actionIdPattern(ActionId.shareInChannel),
    createShareAnswerListener(deps),
  );
  app.action<BlockAction>(
    actionIdPattern(ActionId.showFullSection),
    createShowSectionListener(deps),
  );
  const openRelated = createOpenRelatedListener(deps);
  app.action<BlockAction>(actionIdPattern(ActionId.relatedResult), openRelated);
  app.action<BlockAction>(actionIdPattern(ActionId.suggestedTopic), openRelated);
  const feedback = createFeedbackListener(deps);
  app.action<BlockAction>(actionIdPattern(ActionId.feedback), feedback);
  app.action<BlockAction>(actionIdPattern(ActionId.helpful), feedback);
  app.action<BlockAction>(actionIdPattern(ActionId.notHelpful), feedback);
  app.action<BlockAction>(actionIdPattern(ActionId.askExpert), createAskExpertListener(deps));
  app.action<BlockAction>(
    actionIdPattern(ActionId.resolveEscalation),
    createResolveEscalationListener(deps),
  );
  app.action<BlockAction>(actionIdPattern(ActionId.homeSearch), createHomeSearchListener(deps));
  app.action<BlockAction>(
    actionIdPattern(ActionId.homeClearSearch),
    createHomeClearSearchListener(deps),
  );
  const openSection = createOpenSectionListener(deps);
  app.action<BlockAction>(actionIdPattern(ActionId.homeOpenSection), openSection);
  app.action<BlockAction>(actionIdPattern(ActionId.topicsOpenSection), openSection);
  app.action<BlockAction>(
    actionIdPattern(ActionId.homeMoreSections),
    createOpenDocumentListener(deps),
  );
  app.action<BlockAction>(actionIdPattern(ActionId.homePage), createHomePageListener(deps));
}
