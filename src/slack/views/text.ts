import type { HomeView, KnownBlock, ModalView, SlackMessage } from "./types.js";

export interface TextButton {
  label: string;
  actionId: string;
  value: string;
  blockId?: string;
}

export interface RenderedText {
  text: string;
  buttons: TextButton[];
}

export function renderMessageAsText(msg: SlackMessage): RenderedText {
  return { text: msg.text, buttons: listButtons(msg.blocks) };
}

export function renderViewAsText(view: ModalView | HomeView): RenderedText {
  return { text: "", buttons: listButtons(view.blocks as KnownBlock[]) };
}

export function listButtons(blocks: readonly KnownBlock[]): TextButton[] {
  const out: TextButton[] = [];
  for (const block of blocks) {
    if (block.type !== "actions") continue;
    for (const el of block.elements) {
      if (el.type !== "button") continue;
      const b: TextButton = {
        label: el.text.text,
        actionId: el.action_id ?? "",
        value: el.value ?? "",
      };
      if (block.block_id) b.blockId = block.block_id;
      out.push(b);
    }
  }
  return out;
}
