import type { HomeView, KnownBlock, ModalView, SlackMessage } from "./types.js";

/**
 * A numbered choice as the terminal shows it, `[n] label`, with what choosing it would send:
 * a button, or one option of a select or overflow menu.
 */
export interface TextButton {
  label: string;
  actionId: string;
  /** The button's value, or the option's value. */
  value: string;
  blockId?: string;
  /** Set when this is an option of a menu: choosing it selects the option (`selected_option`). */
  menu?: "static_select" | "overflow";
}

/** A dispatching text input (the Home search box). */
export interface TextInput {
  label: string;
  actionId: string;
  blockId?: string;
  /** What the box shows before anything is typed (`initial_value`). */
  value?: string;
}

export interface RenderedText {
  text: string;
  /** In display order; choice `[1]` is `buttons[0]`. */
  buttons: TextButton[];
  inputs: TextInput[];
}

/** A select or overflow menu: the parts the terminal shows. */
interface Menu {
  type: "static_select" | "overflow";
  action_id?: string;
  placeholder?: { text: string };
  options?: readonly MenuOption[];
  option_groups?: readonly { options: readonly MenuOption[] }[];
  initial_option?: MenuOption;
}

interface MenuOption {
  text: { text: string };
  value?: string;
}

const RULE = "─".repeat(40);

/** A message as readable terminal text, its buttons numbered in order. */
export function renderMessageAsText(msg: SlackMessage): RenderedText {
  return renderBlocks(msg.blocks, msg.blocks.length === 0 ? [mrkdwnToText(msg.text)] : []);
}

/** A modal or Home view as readable terminal text; a modal starts with its title. */
export function renderViewAsText(view: ModalView | HomeView): RenderedText {
  const head = view.type === "modal" ? [`[ ${view.title.text} ]`, ""] : [];
  return renderBlocks(view.blocks as KnownBlock[], head);
}

/**
 * Every numbered choice in the blocks (buttons, and the options of selects and overflow menus,
 * in actions blocks and section accessories), in display order.
 */
export function listButtons(blocks: readonly KnownBlock[]): TextButton[] {
  return renderBlocks(blocks, []).buttons;
}

function renderBlocks(blocks: readonly KnownBlock[], head: string[]): RenderedText {
  const lines = [...head];
  const buttons: TextButton[] = [];
  const inputs: TextInput[] = [];
  const addButton = (
    el: { text: { text: string }; action_id?: string; value?: string },
    blockId?: string,
  ) => {
    const b: TextButton = {
      label: el.text.text,
      actionId: el.action_id ?? "",
      value: el.value ?? "",
    };
    if (blockId) b.blockId = blockId;
    buttons.push(b);
    return `[${buttons.length}] ${el.text.text}`;
  };
  /** The menu's placeholder, then one numbered line per option. */
  const addMenu = (menu: Menu, blockId?: string): string[] => {
    const options = [
      ...(menu.options ?? []),
      ...(menu.option_groups ?? []).flatMap((group) => group.options),
    ];
    const title = menu.placeholder?.text ?? (menu.type === "overflow" ? "More" : "Select");
    const selected = menu.initial_option?.value;
    return [
      `${title}:`,
      ...options.map((option) => {
        const b: TextButton = {
          label: option.text.text,
          actionId: menu.action_id ?? "",
          value: option.value ?? "",
          menu: menu.type,
        };
        if (blockId) b.blockId = blockId;
        buttons.push(b);
        const mark = selected !== undefined && option.value === selected ? " (selected)" : "";
        return `  [${buttons.length}] ${option.text.text}${mark}`;
      }),
    ];
  };

  for (const block of blocks) {
    switch (block.type) {
      case "header":
        lines.push(block.text.text.toUpperCase(), "");
        break;
      case "section": {
        const parts: string[] = [];
        if (block.text) parts.push(textOf(block.text));
        for (const field of block.fields ?? []) parts.push(textOf(field));
        const acc = block.accessory;
        if (acc?.type === "button") parts.push(`    ${addButton(acc, block.block_id)}`);
        else if (acc?.type === "static_select" || acc?.type === "overflow") {
          parts.push(...addMenu(acc, block.block_id).map((line) => `    ${line}`));
        }
        lines.push(...parts, "");
        break;
      }
      case "context":
        lines.push(
          block.elements
            .map((el) =>
              "text" in el && typeof el.text === "string"
                ? textOf(el as { type: string; text: string })
                : "",
            )
            .filter((t) => t.length > 0)
            .join(" · "),
          "",
        );
        break;
      case "divider":
        lines.push(RULE, "");
        break;
      case "actions": {
        const labels: string[] = [];
        const menus: string[] = [];
        for (const el of block.elements) {
          if (el.type === "button") labels.push(addButton(el, block.block_id));
          else if (el.type === "static_select" || el.type === "overflow") {
            menus.push(...addMenu(el, block.block_id));
          }
        }
        if (labels.length > 0) lines.push(labels.join("  "));
        if (menus.length > 0) lines.push(...menus);
        if (labels.length > 0 || menus.length > 0) lines.push("");
        break;
      }
      case "context_actions": {
        const labels: string[] = [];
        for (const el of block.elements) {
          if (el.type !== "feedback_buttons") continue;
          // Two choices of one element: each sends its own button's value under one action id.
          for (const choice of [el.positive_button, el.negative_button]) {
            labels.push(
              addButton(
                { text: choice.text, action_id: el.action_id, value: choice.value },
                block.block_id,
              ),
            );
          }
        }
        if (labels.length > 0) lines.push(labels.join("  "), "");
        break;
      }
      case "input": {
        const input: TextInput = {
          label: block.label.text,
          actionId: block.element.action_id ?? "",
        };
        if (block.block_id) input.blockId = block.block_id;
        const initial = "initial_value" in block.element ? block.element.initial_value : undefined;
        if (typeof initial === "string" && initial !== "") input.value = initial;
        inputs.push(input);
        lines.push(
          `${block.label.text}: ${input.value !== undefined ? `[${input.value}]` : "____"}`,
          "",
        );
        break;
      }
      default:
        break;
    }
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return { text: lines.join("\n"), buttons, inputs };
}

function textOf(obj: { type: string; text: string }): string {
  return obj.type === "mrkdwn" ? mrkdwnToText(obj.text) : obj.text;
}

/**
 * Slack mrkdwn for a terminal: links become `label (url)`, mentions `@U123`/`#C123`,
 * special mentions `@here`, dates their fallback, `*bold*` plain, entities their characters.
 */
export function mrkdwnToText(mrkdwn: string): string {
  return (
    mrkdwn
      .replace(/<([^<>]*)>/g, (_token, inner: string) => {
        const bar = inner.indexOf("|");
        const target = bar === -1 ? inner : inner.slice(0, bar);
        const label = bar === -1 ? "" : inner.slice(bar + 1);
        if (target.startsWith("@")) return label ? `@${label}` : target;
        if (target.startsWith("#")) return label ? `#${label}` : target;
        if (target.startsWith("!")) {
          if (label) return label;
          const special = target.slice(1).split("^")[0] ?? "";
          return `@${special}`;
        }
        return label && label !== target ? `${label} (${target})` : target;
      })
      // Bold has no terminal rendering worth the noise of its asterisks.
      .replace(/(^|[^\w*])\*([^*\n]+)\*(?=[^\w*]|$)/gm, "$1$2")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
  );
}
