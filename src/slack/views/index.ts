export * from "./actions.js";
export {
  FEEDBACK_BLOCK_ID,
  FEEDBACK_LABELS,
  renderAnswer,
  renderAnswerBlocks,
} from "./answer.js";
export { renderApology } from "./apology.js";
export { renderDocumentModal } from "./document-modal.js";
export { escapeText } from "./escape.js";
export { renderFeedbackReply } from "./feedback-reply.js";
export { type HelpOptions, renderHelp } from "./help.js";
export {
  HOME_DOCUMENTS_PER_PAGE,
  HOME_SEARCH_BLOCK_ID,
  HOME_SECTIONS_PER_DOCUMENT,
  renderHomeView,
} from "./home.js";
export { SlackLimits, splitMrkdwn, truncate } from "./limits.js";
export { renderNoAnswer, renderNoAnswerBlocks } from "./no-answer.js";
export { renderReply } from "./reply.js";
export { renderSectionModal, SECTION_MODAL_CALLBACK_ID } from "./section-modal.js";
export { documentUrl, sectionUrl } from "./source.js";
export {
  listButtons,
  mrkdwnToText,
  type RenderedText,
  renderMessageAsText,
  renderViewAsText,
  type TextButton,
  type TextInput,
} from "./text.js";
export { renderTopics } from "./topics.js";
export type * from "./types.js";
