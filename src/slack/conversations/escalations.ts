import { randomUUID } from "node:crypto";

/** Where a question was asked, so the asker can be told there when an expert replies. */
export interface EscalationOrigin {
  channel: string;
  /** The thread to answer in; undefined for a private question (told by DM). */
  threadTs?: string;
  /** Asked privately (a `/dm` answer, the bot's DM): the asker is told by DM. */
  private: boolean;
}

export type EscalationStatus = "open" | "answered" | "resolved";

export interface Escalation {
  id: string;
  /** The workspace the question was asked in, when Slack named it. */
  teamId?: string;
  asker: string;
  question: string;
  /** The section the bot offered, if any. */
  sectionId?: string;
  origin: EscalationOrigin;
  /** The expert: a user (their DM with the bot) or the escalation channel. */
  to: string;
  /** Where the request was posted: its thread is where the expert replies. */
  posted?: { channel: string; ts: string };
  status: EscalationStatus;
}

export type EscalationInput = Omit<Escalation, "id" | "status" | "posted">;

/**
 * Requests to a human expert, found by id (the "Mark resolved" button) or by the thread the
 * request was posted in (the expert's reply). In memory and bounded by default; in PostgreSQL
 * with DATABASE_URL (src/state/postgres-escalations.ts), so a reply reaching another replica, or
 * coming after a restart, still finds its asker. The log keeps the record either way
 * (`escalation` lines, read by `gaps`).
 */
export interface EscalationStore {
  open(input: EscalationInput): Promise<Escalation>;
  /** Records where the request was posted. */
  posted(id: string, channel: string, ts: string): Promise<void>;
  byId(id: string): Promise<Escalation | undefined>;
  byThread(channel: string, threadTs: string): Promise<Escalation | undefined>;
  /**
   * Moves a request on: `answered` from `open` only, `resolved` from any other state. True for
   * the one call that made the change, so when two replicas see the same reply, one tells the
   * asker.
   */
  advance(id: string, to: Exclude<EscalationStatus, "open">): Promise<boolean>;
}

/** The states a request may move to `to` from. */
export const ADVANCES_FROM: Record<Exclude<EscalationStatus, "open">, EscalationStatus[]> = {
  answered: ["open"],
  resolved: ["open", "answered"],
};

export function createEscalationStore({ max }: { max: number }): EscalationStore {
  if (!(max > 0)) throw new RangeError("createEscalationStore needs max > 0");
  const byId = new Map<string, Escalation>();
  const byThread = new Map<string, string>();
  const threadKey = (channel: string, ts: string) => `${channel}/${ts}`;
  // Copies out, so a caller's change never reaches the store but through `advance`.
  const copy = (escalation: Escalation | undefined): Escalation | undefined =>
    escalation === undefined ? undefined : structuredClone(escalation);
  return {
    async open(input) {
      const escalation: Escalation = {
        ...structuredClone(input),
        id: randomUUID(),
        status: "open",
      };
      byId.set(escalation.id, escalation);
      while (byId.size > max) {
        const [oldestId, oldest] = byId.entries().next().value ?? [];
        if (oldestId === undefined) break;
        byId.delete(oldestId);
        if (oldest?.posted) byThread.delete(threadKey(oldest.posted.channel, oldest.posted.ts));
      }
      return structuredClone(escalation);
    },
    async posted(id, channel, ts) {
      const escalation = byId.get(id);
      if (escalation === undefined) return;
      escalation.posted = { channel, ts };
      byThread.set(threadKey(channel, ts), id);
    },
    byId: async (id) => copy(byId.get(id)),
    async byThread(channel, threadTs) {
      const id = byThread.get(threadKey(channel, threadTs));
      return copy(id === undefined ? undefined : byId.get(id));
    },
    async advance(id, to) {
      const escalation = byId.get(id);
      if (escalation === undefined || !ADVANCES_FROM[to].includes(escalation.status)) return false;
      escalation.status = to;
      return true;
    },
  };
}
