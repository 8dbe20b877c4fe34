export type {
  ControlSelector,
  DeliveryOptions,
  EventOptions,
  LocalSlack,
  LocalSlackOptions,
  MessageInput,
  SlashCommandInput,
  SlashCommandOptions,
} from "./api.js";
export { type BlockKitProblem, checkMessageBlocks, checkView } from "./block-kit.js";
export { type Control, listControls } from "./controls.js";
export { startLocalSlack } from "./server.js";
export { signedHeaders, signRequest } from "./signing.js";
export type {
  CallQuery,
  Delivery,
  DeliveryType,
  FailureSpec,
  InteractionOrigin,
  JsonObject,
  RecordedAck,
  RecordedCall,
  SlackChannel,
  SlackUser,
  Surface,
  Transport,
} from "./types.js";
export { Workspace, type WorkspaceOptions } from "./workspace.js";
