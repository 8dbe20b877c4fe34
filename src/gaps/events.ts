/** The kinds of bot log line the gaps report reads; everything else in a log is ignored. */

export interface QueryEvent {
  kind: "query";
  /** ms since epoch; undefined when the line had no usable `time`. */
  time: number | undefined;
  query: string;
  answered: boolean;
  /** The reply's tier (`answer`, `best-match`, `none`); undefined in logs older than tiers. */
  tier: string | undefined;
  sectionId: string | undefined;
  surface: string | undefined;
  user: string | undefined;
}

export interface FeedbackEvent {
  kind: "feedback";
  time: number | undefined;
  query: string;
  sectionId: string;
  helpful: boolean;
  user: string | undefined;
}

/** A request to a human expert ("Ask an expert") changing state: opened, answered, resolved. */
export interface EscalationEvent {
  kind: "escalation";
  time: number | undefined;
  id: string;
  status: "open" | "answered" | "resolved";
  query: string;
}

export type GapEvent = QueryEvent | FeedbackEvent | EscalationEvent;

const ESCALATION_STATUSES = new Set(["open", "answered", "resolved"]);

function readTime(value: unknown): number | undefined {
  // pino writes epoch ms by default; `pino.stdTimeFunctions.isoTime` writes an ISO string.
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * One log line to an event, or undefined for anything that is not a well-formed query or
 * feedback line (plain text, other pino lines, truncated JSON, a line missing a field).
 */
export function parseLogLine(line: string): GapEvent | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const time = readTime(record.time);
  if (record.event === "query") {
    if (typeof record.query !== "string" || typeof record.answered !== "boolean") return undefined;
    return {
      kind: "query",
      time,
      query: record.query,
      answered: record.answered,
      tier: optionalString(record.tier),
      sectionId: optionalString(record.sectionId),
      surface: optionalString(record.surface),
      user: optionalString(record.user),
    };
  }
  if (record.event === "feedback") {
    if (
      typeof record.helpful !== "boolean" ||
      typeof record.sectionId !== "string" ||
      record.sectionId.length === 0
    ) {
      return undefined;
    }
    return {
      kind: "feedback",
      time,
      query: typeof record.query === "string" ? record.query : "",
      sectionId: record.sectionId,
      helpful: record.helpful,
      user: optionalString(record.user),
    };
  }
  if (record.event === "escalation") {
    if (
      typeof record.id !== "string" ||
      record.id.length === 0 ||
      typeof record.status !== "string" ||
      !ESCALATION_STATUSES.has(record.status)
    ) {
      return undefined;
    }
    return {
      kind: "escalation",
      time,
      id: record.id,
      status: record.status as EscalationEvent["status"],
      query: typeof record.query === "string" ? record.query : "",
    };
  }
  return undefined;
}
