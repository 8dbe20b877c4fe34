import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { AppLogger } from "../../logger.js";
import { SHORTCUT_CALLBACK_IDS } from "../listeners/shortcuts/index.js";
import { VIEW_CALLBACK_IDS } from "../listeners/views/index.js";
import { ActionId, type ActionIdValue, actionIdPattern } from "../views/actions.js";

/**
 * Interactions the bot has no listener for — a view closing, a shortcut or message action it
 * does not offer, a button it never rendered — are acknowledged at once with a warning, instead
 * of waiting for the receiver's unhandled-request timer (2 s over HTTP) or Bolt's 404 after 3 s,
 * which Slack shows the user as an error. `block_actions` have listeners (every ActionId), and
 * so do the shortcuts the manifest declares and the modals whose submission is read; events and slash commands pass through untouched.
 */
const INTERACTION_TYPES = new Set([
  "block_actions",
  "block_suggestion",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
  "interactive_message",
  "dialog_submission",
  "dialog_cancellation",
  "dialog_suggestion",
  "workflow_step_edit",
]);

const LISTENED_ACTIONS = Object.values(ActionId).map((id: ActionIdValue) => actionIdPattern(id));

/** Shortcuts (global or on a message) with a listener, by `callback_id`. */
const LISTENED_SHORTCUTS: ReadonlySet<string> = new Set(SHORTCUT_CALLBACK_IDS);
/** Modals whose submission has a listener, by `callback_id`. */
const LISTENED_VIEWS: ReadonlySet<string> = new Set(VIEW_CALLBACK_IDS);

/** Why no listener takes this request, or undefined when one may (or it is no interaction). */
export function unlistenedInteraction(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { type, actions } = body as { type?: unknown; actions?: unknown };
  if (typeof type !== "string" || !INTERACTION_TYPES.has(type)) return undefined;
  if (type === "shortcut" || type === "message_action") {
    const { callback_id: callbackId } = body as { callback_id?: unknown };
    return typeof callbackId === "string" && LISTENED_SHORTCUTS.has(callbackId)
      ? undefined
      : `no listener for this ${type}`;
  }
  if (type === "view_submission") {
    const { view } = body as { view?: { callback_id?: unknown } };
    const callbackId = view?.callback_id;
    return typeof callbackId === "string" && LISTENED_VIEWS.has(callbackId)
      ? undefined
      : "no listener for this view_submission";
  }
  if (type !== "block_actions") return `no listener for ${type}`;
  // Bolt hands a listener the first action only.
  const first: unknown = Array.isArray(actions) ? actions[0] : undefined;
  const actionId = (first as { action_id?: unknown } | undefined)?.action_id;
  if (typeof actionId !== "string") return "block_actions without an action_id";
  return LISTENED_ACTIONS.some((pattern) => pattern.test(actionId))
    ? undefined
    : "no listener for this action_id";
}

export function createUnlistenedAck(logger: AppLogger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const reason = unlistenedInteraction(args.body);
    if (reason === undefined) {
      await args.next();
      return;
    }
    const body = args.body as {
      type?: unknown;
      actions?: { action_id?: unknown }[];
      callback_id?: unknown;
      view?: { callback_id?: unknown };
    };
    logger.warn(
      {
        event: "interaction_ignored",
        reason,
        type: body.type,
        actionId: body.actions?.[0]?.action_id,
        callbackId: body.callback_id ?? body.view?.callback_id,
      },
      "no listener for this interaction; acknowledged it and did nothing",
    );
    if ("ack" in args && typeof args.ack === "function") await args.ack();
  };
}
