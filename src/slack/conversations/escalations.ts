import { randomUUID } from "node:crypto";

/** Where a question was asked, so the asker can be told there when an expert replies. */
export interface EscalationOrigin {
  channel: string;
  /** The thread to answer in; undefined for a private question (told by DM). */
  threadTs?: string;
  /** Asked privately (a `/dm` answer, the bot's DM): the asker is told by DM. */
  private: boolean;
}

export interface Escalation {
  id: string;
  asker: string;
  question: string;
  /** The section the bot offered, if any. */
  sectionId?: string;
  origin: EscalationOrigin;
  /** The expert: a user (their DM with the bot) or the escalation channel. */
  to: string;
  /** Where the request was posted: its thread is where the expert replies. */
  posted?: { channel: string; ts: string };
  status: "open" | "answered" | "resolved";
}

/**
 * Open requests to a human expert, found by id (the "Mark resolved" button) or by the thread
 * the request was posted in (the expert's reply). In memory and bounded; the log keeps the
 * record (`escalation` lines, read by `gaps`).
 */
export interface EscalationStore {
  open(input: Omit<Escalation, "id" | "status" | "posted">): Escalation;
  /** Records where the request was posted. */
  posted(id: string, channel: string, ts: string): void;
  byId(id: string): Escalation | undefined;
  byThread(channel: string, threadTs: string): Escalation | undefined;
  readonly size: number;
}

export function createEscalationStore({ max }: { max: number }): EscalationStore {
  if (!(max > 0)) throw new RangeError("createEscalationStore needs max > 0");
  const byId = new Map<string, Escalation>();
  const byThread = new Map<string, string>();
  const threadKey = (channel: string, ts: string) => `${channel}/${ts}`;
  return {
    open(input) {
      const escalation: Escalation = { ...input, id: randomUUID(), status: "open" };
      byId.set(escalation.id, escalation);
      while (byId.size > max) {
        const [oldestId, oldest] = byId.entries().next().value ?? [];
        if (oldestId === undefined) break;
        byId.delete(oldestId);
        if (oldest?.posted) byThread.delete(threadKey(oldest.posted.channel, oldest.posted.ts));
      }
      return escalation;
    },
    posted(id, channel, ts) {
      const escalation = byId.get(id);
      if (escalation === undefined) return;
      escalation.posted = { channel, ts };
      byThread.set(threadKey(channel, ts), id);
    },
    byId: (id) => byId.get(id),
    byThread(channel, threadTs) {
      const id = byThread.get(threadKey(channel, threadTs));
      return id === undefined ? undefined : byId.get(id);
    },
    get size() {
      return byId.size;
    },
  };
}
