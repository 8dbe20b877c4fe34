/**
 * Slack tokens (`xoxb-…`, `xoxp-…`, `xapp-…`) must never leave the bot: not in its logs, and
 * not in an answer quoting content that happens to contain one. One pattern for both.
 */
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/gi;
export const REDACTED = "[REDACTED]";

/** Replaces anything shaped like a Slack token in `text`, keeping its kind (`xoxb-[REDACTED]`). */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, `$1-${REDACTED}`);
}
