import { SlackLimits } from "../../../src/slack/views/limits.js";
import type {
  HomeView,
  KnownBlock,
  ModalView,
  SlackMessage,
} from "../../../src/slack/views/types.js";

/**
 * Checks a payload against the Block Kit rules Slack enforces (and rejects with
 * `invalid_blocks`), returning every violation so a failing property names what broke.
 */

type TextObj = { type: string; text: string };

/** Slack's most characters in a plain text input, whatever its max_length says. */
const TEXT_INPUT_MAX = 3000;

export function messageViolations(msg: SlackMessage): string[] {
  const problems = blockViolations(msg.blocks, SlackLimits.messageBlocks);
  if (msg.text.trim().length === 0) problems.push("empty text fallback");
  if (msg.text.length > SlackLimits.messageText) problems.push("text fallback too long");
  return problems;
}

export function viewViolations(view: ModalView | HomeView): string[] {
  const problems = blockViolations(view.blocks as KnownBlock[], SlackLimits.viewBlocks);
  if (view.type === "modal") {
    checkText(problems, "modal title", view.title, SlackLimits.modalTitle);
    if (view.close) checkText(problems, "modal close", view.close, SlackLimits.modalTitle);
    if (view.submit) checkText(problems, "modal submit", view.submit, SlackLimits.modalTitle);
  }
  if ((view.private_metadata?.length ?? 0) > SlackLimits.privateMetadata) {
    problems.push("private_metadata too long");
  }
  return problems;
}

export function blockViolations(blocks: readonly KnownBlock[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length === 0) problems.push("no blocks");
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  const checkActionId = (id: string | undefined, where: string) => {
    if (!id) return problems.push(`${where}: missing action_id`);
    if (id.length > SlackLimits.actionId) problems.push(`${where}: action_id too long`);
    if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
    actionIds.add(id);
  };
  const checkButton = (b: { text: TextObj; value?: string; action_id?: string }, where: string) => {
    checkText(problems, `${where} button text`, b.text, SlackLimits.buttonText);
    if ((b.value?.length ?? 0) > SlackLimits.buttonValue)
      problems.push(`${where}: button value too long`);
    checkActionId(b.action_id, where);
  };

  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    if (block.block_id !== undefined) {
      if (block.block_id.length > SlackLimits.blockId) problems.push(`${where}: block_id too long`);
      if (blockIds.has(block.block_id))
        problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "section": {
        if (!block.text && !block.fields) problems.push(`${where}: neither text nor fields`);
        if (block.text) checkText(problems, where, block.text, SlackLimits.sectionText);
        for (const f of block.fields ?? [])
          checkText(problems, `${where} field`, f, SlackLimits.sectionField);
        const acc = block.accessory;
        if (acc?.type === "button") checkButton(acc, where);
        else if (acc?.type === "static_select") {
          checkActionId(acc.action_id, where);
          const options = acc.options ?? [];
          if (options.length === 0 || options.length > SlackLimits.selectOptions) {
            problems.push(`${where}: ${options.length} select options`);
          }
          for (const o of options) {
            checkText(problems, `${where} option`, o.text, SlackLimits.optionText);
            if (!o.value || o.value.length > SlackLimits.optionValue)
              problems.push(`${where}: option value`);
          }
          if (acc.placeholder)
            checkText(
              problems,
              `${where} placeholder`,
              acc.placeholder,
              SlackLimits.placeholderText,
            );
        } else if (acc) problems.push(`${where}: unexpected accessory ${acc.type}`);
        break;
      }
      case "header":
        checkText(problems, where, block.text, SlackLimits.headerText);
        break;
      case "context":
        if (block.elements.length === 0 || block.elements.length > SlackLimits.contextElements) {
          problems.push(`${where}: ${block.elements.length} elements`);
        }
        for (const el of block.elements) {
          if ("text" in el && typeof el.text === "string") {
            checkText(problems, where, el as TextObj, SlackLimits.contextText);
          }
        }
        break;
      case "actions":
        if (block.elements.length === 0 || block.elements.length > SlackLimits.actionsElements) {
          problems.push(`${where}: ${block.elements.length} elements`);
        }
        for (const el of block.elements) {
          if (el.type === "button") checkButton(el, where);
          else problems.push(`${where}: unexpected element ${el.type}`);
        }
        break;
      case "context_actions":
        if (block.elements.length === 0 || block.elements.length > 5) {
          problems.push(`${where}: ${block.elements.length} elements`);
        }
        for (const el of block.elements) {
          if (el.type !== "feedback_buttons") {
            problems.push(`${where}: unexpected element ${el.type}`);
            continue;
          }
          checkActionId(el.action_id, where);
          for (const b of [el.positive_button, el.negative_button]) {
            checkText(problems, `${where} feedback button text`, b.text, SlackLimits.buttonText);
            if (b.value.length === 0 || b.value.length > SlackLimits.buttonValue)
              problems.push(`${where}: feedback button value length ${b.value.length}`);
          }
        }
        break;
      case "input":
        checkText(problems, `${where} label`, block.label, SlackLimits.inputLabel);
        checkActionId(block.element.action_id, where);
        if (block.element.type === "plain_text_input") {
          const max = block.element.max_length ?? TEXT_INPUT_MAX;
          if (max > TEXT_INPUT_MAX)
            problems.push(`${where}: max_length ${max} > ${TEXT_INPUT_MAX}`);
          const initial = block.element.initial_value ?? "";
          if (initial.length > max)
            problems.push(`${where}: initial_value ${initial.length} > max_length ${max}`);
        }
        break;
      case "divider":
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

function checkText(problems: string[], where: string, text: TextObj, max: number): void {
  if (text.text.trim().length === 0) problems.push(`${where}: empty text`);
  if (text.text.length > max) problems.push(`${where}: text ${text.text.length} > ${max}`);
}

/** Every string a user could read in the payload: texts, labels, option texts, fallback. */
export function allTexts(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === "string") {
      if (key === "text") out.push(v);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(value);
  return out;
}
