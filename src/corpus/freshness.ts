/**
 * How old a page is, and whether its review is due: from `updated`, `last_reviewed`, and
 * GOV.UK tech docs' `last_reviewed_on` plus `review_in` ("6 months"). Pure: the current time is
 * always passed in, so answers and content:check agree and tests can pin the date.
 *
 * A page is overdue only when it says how often it is reviewed (`review_in`) and that period
 * has passed since its last review (or, without one, its last update). There is no default
 * period: a handbook that never declared one would otherwise see every old page flagged, and
 * an old page is not wrong for being old.
 */
import type { Document, ReviewInterval, ReviewUnit } from "./types.js";

const UNITS: Record<string, ReviewUnit> = {
  day: "day",
  days: "day",
  week: "week",
  weeks: "week",
  month: "month",
  months: "month",
  year: "year",
  years: "year",
};

/** `review_in` as tech docs write it: "6 months", "1 year", "90 days", "2 weeks". */
export function parseReviewInterval(value: string): ReviewInterval | undefined {
  const match = /^(\d{1,4})\s*([a-z]+)$/i.exec(value.trim());
  const unit = match?.[2] ? UNITS[match[2].toLowerCase()] : undefined;
  const count = Number(match?.[1]);
  if (!unit || !Number.isInteger(count) || count < 1) return undefined;
  return { count, unit };
}

export function formatInterval({ count, unit }: ReviewInterval): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

function parseDay(iso: string): Day | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? { year, month, day } : undefined;
}

function toUtc({ year, month, day }: Day): number {
  return Date.UTC(year, month - 1, day);
}

function fromDate(date: Date): Day {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `day` plus the interval, in calendar terms: 31 January + 1 month is 28 (or 29) February. */
export function addInterval(iso: string, { count, unit }: ReviewInterval): string | undefined {
  const start = parseDay(iso);
  if (!start) return undefined;
  if (unit === "day" || unit === "week") {
    return isoDay(toUtc(start) + count * (unit === "week" ? 7 : 1) * 86_400_000);
  }
  const months = unit === "year" ? count * 12 : count;
  const monthIndex = start.month - 1 + months;
  const year = start.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDay(Date.UTC(year, month - 1, Math.min(start.day, lastDay)));
}

/** Whole calendar months from `from` to `to` (0 when `to` is earlier). */
function wholeMonths(from: Day, to: Day): number {
  const months = (to.year - from.year) * 12 + (to.month - from.month) - (to.day < from.day ? 1 : 0);
  return Math.max(0, months);
}

/**
 * "today", "3 days ago", "5 months ago", "2 years ago": how a reader would say it. Months up to
 * two years (people count a handbook's age in months), whole years after that.
 */
export function formatAge(iso: string, now: Date): string | undefined {
  const from = parseDay(iso);
  if (!from) return undefined;
  const to = fromDate(now);
  const days = Math.floor((toUtc(to) - toUtc(from)) / 86_400_000);
  if (days <= 0) return "today";
  const months = wholeMonths(from, to);
  if (months === 0) return days === 1 ? "yesterday" : `${days} days ago`;
  if (months < 24) return months === 1 ? "1 month ago" : `${months} months ago`;
  return `${Math.floor(months / 12)} years ago`;
}

export interface Freshness {
  /** The day the age counts from (ISO). */
  date: string;
  /** Whether that day is a review (`last_reviewed`, `last_reviewed_on`) or an update. */
  kind: "reviewed" | "updated";
  /** "5 months ago". */
  age: string;
  /** When the next review is due, when the page says how often it is reviewed. */
  reviewDue?: string;
  reviewIn?: ReviewInterval;
  /** The review is due and has not happened. */
  overdue: boolean;
}

/**
 * A document's age and review state on `now`, or undefined when it carries no usable date.
 * The last review counts when there is one, else the last update.
 */
export function documentFreshness(document: Document, now: Date): Freshness | undefined {
  const reviewed = document.reviewed && parseDay(document.reviewed) ? document.reviewed : undefined;
  const date = reviewed ?? document.updated;
  if (!date) return undefined;
  const age = formatAge(date, now);
  if (age === undefined) return undefined;
  const freshness: Freshness = {
    date,
    kind: reviewed ? "reviewed" : "updated",
    age,
    overdue: false,
  };
  if (document.reviewIn) {
    const due = addInterval(date, document.reviewIn);
    if (due) {
      freshness.reviewIn = document.reviewIn;
      freshness.reviewDue = due;
      freshness.overdue = due < isoDay(now.getTime());
    }
  }
  return freshness;
}
