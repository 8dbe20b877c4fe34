/**
 * Slack mrkdwn building blocks. Slack treats `&`, `<` and `>` as control characters
 * (`<!channel>`, `<@U123>`, `<url|text>`), so every piece of document text is escaped before
 * it goes into mrkdwn; only the markup this module writes itself is left unescaped.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Escapes prose for mrkdwn. A literal asterisk (from `\*` in markdown) would otherwise pair up
 * with another and turn text bold, so it becomes the look-alike operator `∗`.
 */
export function escapeProse(text: string): string {
  return escapeMrkdwn(text).replace(/\*/g, "∗");
}

/** Backticks inside code would end the code span early; a modifier letter looks the same. */
export function escapeCode(code: string): string {
  return escapeMrkdwn(code).replace(/`/g, "ˋ");
}

/** Wraps `inner` in a formatting marker, keeping surrounding whitespace outside the markers. */
export function wrapMarker(inner: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const body = match?.[2] ?? "";
  if (!body) return inner;
  return `${match?.[1] ?? ""}${marker}${body}${marker}${match?.[3] ?? ""}`;
}

export function isAbsoluteUrl(url: string): boolean {
  return /^(?:https?:\/\/|mailto:|tel:)/i.test(url);
}

/** `<url|label>`; the URL keeps Slack's syntax intact (no `|`, `<`, `>` inside it). */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url
    .replace(/&/g, "&amp;")
    .replace(/</g, "%3C")
    .replace(/>/g, "%3E")
    .replace(/\|/g, "%7C")
    .replace(/\s/g, "%20");
  if (!label.trim() || label === url) {
    // Slack would show `mailto:` itself; the address alone reads better.
    const mail = /^mailto:(.+)$/i.exec(url)?.[1];
    return mail ? `<${safeUrl}|${escapeMrkdwn(mail)}>` : `<${safeUrl}>`;
  }
  return `<${safeUrl}|${label.replace(/\n/g, " ")}>`;
}

/** A fenced block; only a run of three backticks inside could close it early. */
export function codeBlock(code: string): string {
  return `\`\`\`\n${escapeMrkdwn(code).replace(/```/g, "ˋˋˋ")}\n\`\`\``;
}
