const UNIT_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * `--since` to a cut-off in ms since epoch: a duration back from `now` (`30m`, `24h`, `7d`,
 * `2w`) or an ISO date/time (`2025-03-01`, `2025-03-01T09:00:00Z`). Throws on anything else.
 */
export function parseSince(value: string, now: number): number {
  const relative = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (relative) {
    const [, amount = "", unit = ""] = relative;
    const unitMs = UNIT_MS[unit.toLowerCase()];
    if (unitMs !== undefined) return now - Number(amount) * unitMs;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const absolute = Date.parse(value.trim());
    if (!Number.isNaN(absolute)) return absolute;
  }
  throw new Error(
    `--since must be a duration like 30m, 24h, 7d or 2w, or an ISO date like 2025-03-01 (got "${value}")`,
  );
}
