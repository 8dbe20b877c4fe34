import type { BlockAction } from "@slack/bolt";

/** Where a block action came from, read defensively: Slack's `container` is loosely typed. */
export interface ActionOrigin {
  /** Channel of the message the button is on; undefined for views (Home, modals). */
  channelId?: string;
  /** ts of the message the button is on. */
  messageTs?: string;
  /** Thread the message belongs to, so follow-ups stay in it. */
  threadTs?: string;
  /** True for a reply only the clicking user sees (slash-command answers). */
  ephemeral: boolean;
  /** Present when the action came from a surface, not a message. */
  viewType?: "home" | "modal";
  /** The message blocks as Slack sent them back; absent for ephemeral messages. */
  messageBlocks?: unknown[];
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function readActionOrigin(body: BlockAction): ActionOrigin {
  const container = (body.container ?? {}) as Record<string, unknown>;
  const viewType = body.view?.type;
  const blocks = body.message?.blocks;
  return {
    channelId: asString(body.channel?.id) ?? asString(container.channel_id),
    messageTs: asString(body.message?.ts) ?? asString(container.message_ts),
    threadTs: asString(body.message?.thread_ts) ?? asString(container.thread_ts),
    ephemeral: container.is_ephemeral === true,
    ...(viewType === "home" || viewType === "modal" ? { viewType } : {}),
    ...(Array.isArray(blocks) ? { messageBlocks: blocks } : {}),
  };
}

/** The value an action carries, whichever element sent it (button, select, text input). */
export function readValue(action: unknown): string | undefined {
  if (typeof action !== "object" || action === null) return undefined;
  const { value, selected_option: selected } = action as {
    value?: unknown;
    selected_option?: { value?: unknown } | null;
  };
  if (typeof value === "string") return value;
  return typeof selected?.value === "string" ? selected.value : undefined;
}

/**
 * What is typed in a view's input element `actionId` (the Home search box), so paging
 * can keep showing the results of the current search.
 */
export function readViewInput(body: BlockAction, actionId: string): string | undefined {
  const values = body.view?.state?.values;
  if (values === undefined) return undefined;
  for (const block of Object.values(values)) {
    const input = block[actionId];
    if (input !== undefined && typeof input.value === "string") return input.value;
  }
  return undefined;
}
