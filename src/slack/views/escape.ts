/**
 * Escapes the three characters Slack treats as control sequences in mrkdwn and plain text.
 * User text echoed back (a question) then can never form `<!channel>`, `<@U…>` or a link.
 * It is the same escaping the corpus applies to document text, so there is one definition.
 */
export { escapeMrkdwn as escapeText } from "../../corpus/mrkdwn.js";
