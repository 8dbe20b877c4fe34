/**
 * The interactive parts of a message or view a user could press or type into, in reading order:
 * what the playground numbers for the user, and what tests press by action id.
 */
import type { JsonObject } from "./types.js";

export interface Control {
  kind: "button" | "text_input" | "select";
  /** The block's `block_id`, or the id Slack would make up for a block without one. */
  blockId: string;
  actionId: string;
  /** The button's label, or the input's label/placeholder. */
  label: string;
  value?: string;
  url?: string;
  /** For a text input: whether typing and pressing Enter sends `block_actions` at once. */
  dispatches: boolean;
  /** Whether the element sits in an `input` block (its value goes into the view's state). */
  inInputBlock: boolean;
  element: JsonObject;
  /** For one of a `feedback_buttons` element's two buttons: which one. */
  feedback?: "positive" | "negative";
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string {
  return isObject(value) && typeof value.text === "string" ? value.text : "";
}

const TEXT_INPUTS = new Set([
  "plain_text_input",
  "email_text_input",
  "url_text_input",
  "number_input",
]);
const SELECTS = new Set(["static_select", "overflow", "radio_buttons", "checkboxes"]);

/** A stable stand-in for the block_id Slack assigns to a block sent without one. */
export function implicitBlockId(index: number): string {
  return `local-block-${index}`;
}

export function blockIdOf(block: JsonObject, index: number): string {
  return typeof block.block_id === "string" ? block.block_id : implicitBlockId(index);
}

function controlOf(
  element: unknown,
  blockId: string,
  label: string,
  inInputBlock: boolean,
  dispatchAction: boolean,
): Control | undefined {
  if (!isObject(element) || typeof element.type !== "string") return undefined;
  const actionId = typeof element.action_id === "string" ? element.action_id : "";
  if (element.type === "button") {
    return {
      kind: "button",
      blockId,
      actionId,
      label: textOf(element.text),
      ...(typeof element.value === "string" ? { value: element.value } : {}),
      ...(typeof element.url === "string" ? { url: element.url } : {}),
      dispatches: true,
      inInputBlock,
      element,
    };
  }
  if (TEXT_INPUTS.has(element.type)) {
    return {
      kind: "text_input",
      blockId,
      actionId,
      label: label || textOf(element.placeholder),
      ...(typeof element.initial_value === "string" ? { value: element.initial_value } : {}),
      dispatches: !inInputBlock || dispatchAction,
      inInputBlock,
      element,
    };
  }
  if (SELECTS.has(element.type)) {
    return {
      kind: "select",
      blockId,
      actionId,
      label: label || textOf(element.placeholder),
      dispatches: !inInputBlock || dispatchAction,
      inInputBlock,
      element,
    };
  }
  return undefined;
}

/** Buttons, text inputs and selects in `blocks`, in the order a reader meets them. */
export function listControls(blocks: unknown): Control[] {
  if (!Array.isArray(blocks)) return [];
  const controls: Control[] = [];
  blocks.forEach((block, index) => {
    if (!isObject(block)) return;
    const blockId = blockIdOf(block, index);
    if (block.type === "actions" && Array.isArray(block.elements)) {
      for (const element of block.elements) {
        const control = controlOf(element, blockId, "", false, true);
        if (control) controls.push(control);
      }
    } else if (block.type === "context_actions" && Array.isArray(block.elements)) {
      for (const element of block.elements) controls.push(...feedbackControls(element, blockId));
    } else if (block.type === "section" && block.accessory !== undefined) {
      const control = controlOf(block.accessory, blockId, textOf(block.text), false, true);
      if (control) controls.push(control);
    } else if (block.type === "input") {
      const control = controlOf(
        block.element,
        blockId,
        textOf(block.label),
        true,
        block.dispatch_action === true,
      );
      if (control) controls.push(control);
    }
  });
  return controls;
}

/** The two buttons of a `feedback_buttons` element, each a control of its own. */
function feedbackControls(element: unknown, blockId: string): Control[] {
  if (!isObject(element) || element.type !== "feedback_buttons") return [];
  const actionId = typeof element.action_id === "string" ? element.action_id : "";
  const controls: Control[] = [];
  for (const feedback of ["positive", "negative"] as const) {
    const button = element[`${feedback}_button`];
    if (!isObject(button)) continue;
    controls.push({
      kind: "button",
      blockId,
      actionId,
      label: textOf(button.text),
      ...(typeof button.value === "string" ? { value: button.value } : {}),
      dispatches: true,
      inInputBlock: false,
      element,
      feedback,
    });
  }
  return controls;
}

/** A menu's options, those in option groups included, in the order it lists them. */
export function menuOptions(element: JsonObject): JsonObject[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isObject) : [];
  return [
    ...(Array.isArray(element.options) ? element.options : []),
    ...groups.flatMap((group) => (Array.isArray(group.options) ? group.options : [])),
  ].filter(isObject);
}

/** The `actions[0]` Slack sends when a control is used. */
export function actionPayload(control: Control, nowMs: number, typed?: string): JsonObject {
  const actionTs = (nowMs / 1000).toFixed(6);
  const base = { action_id: control.actionId, block_id: control.blockId, action_ts: actionTs };
  const { element } = control;
  if (control.feedback !== undefined) {
    // Slack sends the pressed button's text and value under the element's action id.
    const button = element[`${control.feedback}_button`];
    return {
      ...base,
      type: "feedback_buttons",
      text: isObject(button) ? button.text : undefined,
      value: control.value ?? "",
    };
  }
  if (control.kind === "button") {
    return {
      ...base,
      type: "button",
      text: element.text,
      ...(control.value !== undefined ? { value: control.value } : {}),
      ...(typeof element.style === "string" ? { style: element.style } : {}),
    };
  }
  if (control.kind === "text_input") {
    return { ...base, type: element.type, value: typed ?? control.value ?? "" };
  }
  const options = menuOptions(element);
  const chosen = options.find((o) => o.value === typed) ?? options[0];
  return { ...base, type: element.type, selected_option: chosen ?? null };
}
