/**
 * Escapes the three characters Slack treats as control sequences in mrkdwn and plain text.
 * User text echoed back (a question) then can never form `<!channel>`, `<@U…>` or a link.
 */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
