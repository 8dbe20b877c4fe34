/**
 * The gaps report as markdown that reads well both in a GitHub issue and pasted into Slack:
 * headings and lists only (Slack does not render tables), user text in inline code so that a
 * question containing `*`, `<` or `|` can neither format nor inject anything.
 */
import type { ExampleQuestion, GapsReport, UncertainSection } from "./report.js";

export interface MarkdownOptions {
  /** Unanswered groups and unhelpful sections listed before "…and N more" (default 25). */
  maxGroups?: number;
  /** Files the events came from, named in the header. */
  files?: readonly string[];
}

const MAX_QUESTION_LENGTH = 160;

/**
 * User text on one line, with backticks as look-alike quotes: neither inline code nor a fenced
 * block can be escaped in either flavour, so a backtick could end one.
 */
function oneLineWithoutBackticks(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/`/g, "ʼ");
}

export function inlineCode(text: string): string {
  const flat = oneLineWithoutBackticks(text);
  const bounded =
    flat.length > MAX_QUESTION_LENGTH ? `${flat.slice(0, MAX_QUESTION_LENGTH - 1)}…` : flat;
  return `\`${bounded}\``;
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function exampleLines(examples: readonly ExampleQuestion[]): string[] {
  return examples.map(
    (example) =>
      `   - ${inlineCode(example.query)}${example.count > 1 ? ` ×${example.count}` : ""}`,
  );
}

function moreLine(omitted: number, what: string): string[] {
  return omitted > 0 ? ["", `_…and ${plural(omitted, what)} more._`] : [];
}

export function renderGapsMarkdown(report: GapsReport, options: MarkdownOptions = {}): string {
  const { maxGroups = 25, files = [] } = options;
  const lines: string[] = ["# Knowledge gaps report", ""];

  const period =
    report.range.from && report.range.to
      ? `${formatTime(report.range.from)} → ${formatTime(report.range.to)}`
      : "no events";
  const scope = [`Period: ${period}`];
  if (report.since) scope.push(`since ${formatTime(report.since)}`);
  if (files.length > 0) scope.push(`from ${plural(files.length, "log file")}`);
  lines.push(`_${scope.join(" · ")}_`, "");

  const { queries, feedback } = report;
  lines.push("## Summary", "");
  if (queries.answerRate === null) {
    lines.push("- No questions were asked in this period.");
  } else {
    lines.push(
      `- **Answer rate: ${percent(queries.answerRate)}** — ${queries.answered} of ${plural(queries.total, "question")} answered, ${queries.unanswered} unanswered`,
    );
  }
  lines.push(
    `- Feedback: ${feedback.helpful} helpful, ${feedback.unhelpful} not helpful`,
    "",
    "## Unanswered questions",
    "",
  );
  if (report.unanswered.length === 0) {
    lines.push("None: every question got an answer.");
  } else {
    lines.push("Grouped by their key terms, most frequent first.", "");
    report.unanswered.slice(0, maxGroups).forEach((group, i) => {
      const label = group.words.length > 0 ? `**${group.words.join(" ")}**` : "_(no key terms)_";
      lines.push(`${i + 1}. ${label} — ${plural(group.count, "question")}`);
      lines.push(...exampleLines(group.examples));
    });
    lines.push(...moreLine(report.unanswered.length - maxGroups, "group"));
  }

  lines.push("", "## Answers marked not helpful", "");
  lines.push(
    ...sectionList(
      report.unhelpful,
      maxGroups,
      (section) => `${section.unhelpful} not helpful, ${section.helpful} helpful`,
    ),
  );

  lines.push("", "## Uncertain answers (shown as a best match)", "");
  lines.push(
    ...sectionList(report.uncertain, maxGroups, (section) => plural(section.count, "question")),
  );
  lines.push(...suggestedQuestions(report.uncertain.slice(0, maxGroups)));

  const { escalations } = report;
  lines.push("", "## Questions sent to an expert", "");
  if (escalations.open.length + escalations.answered.length + escalations.resolved === 0) {
    lines.push("None.");
  } else {
    lines.push(
      `${escalations.open.length} waiting for a reply, ${escalations.answered.length} answered but not marked resolved, ${escalations.resolved} resolved.`,
    );
    for (const [title, items] of [
      ["Waiting for a reply", escalations.open],
      ["Answered, not yet resolved", escalations.answered],
    ] as const) {
      if (items.length === 0) continue;
      lines.push("", `### ${title}`, "");
      items.slice(0, maxGroups).forEach((item, i) => {
        const when = item.askedAt ? ` (asked ${formatTime(item.askedAt)})` : "";
        lines.push(`${i + 1}. ${inlineCode(item.query)}${when}`);
      });
      lines.push(...moreLine(items.length - maxGroups, "question"));
    }
  }

  lines.push("", "## Most asked sections", "");
  if (report.mostAsked.length === 0) {
    lines.push("None yet.");
  } else {
    report.mostAsked.forEach((section, i) => {
      lines.push(
        `${i + 1}. ${inlineCode(section.sectionId)} — ${plural(section.count, "question")} (${percent(section.share)})`,
      );
    });
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Where a best match was right, the questions it was offered for belong in its `questions:`
 * frontmatter, keyed by the heading's slug (the part of the section id after `#`; `_lead` for
 * the text before the first heading). On content/, 350 questions in people's own words raised
 * the blind role test split's top1 from 0.64 to 0.74 (README.md, "Answer quality"). Each
 * question is a JSON string, which YAML reads as a double-quoted scalar.
 */
export function suggestedQuestions(sections: readonly UncertainSection[]): string[] {
  if (sections.length === 0) return [];
  const byFile = new Map<string, Map<string, string[]>>();
  for (const section of sections) {
    const hash = section.sectionId.indexOf("#");
    const file = hash < 0 ? section.sectionId : section.sectionId.slice(0, hash);
    const slug = hash < 0 ? "_lead" : section.sectionId.slice(hash + 1);
    const slugs = byFile.get(file) ?? new Map<string, string[]>();
    byFile.set(file, slugs);
    const questions = slugs.get(slug) ?? [];
    slugs.set(slug, questions);
    for (const example of section.examples) {
      questions.push(JSON.stringify(oneLineWithoutBackticks(example.query)));
    }
  }
  const lines = [
    "",
    "Where the best match was the right section, add the questions to its frontmatter (keep what is already there):",
    "",
    "```yaml",
  ];
  for (const [file, slugs] of byFile) {
    lines.push(`# ${oneLineWithoutBackticks(file)}`, "questions:");
    for (const [slug, questions] of slugs) {
      lines.push(
        `  ${oneLineWithoutBackticks(slug)}:`,
        ...questions.map((question) => `    - ${question}`),
      );
    }
  }
  lines.push("```");
  return lines;
}

/** A numbered list of sections, each with what was said of it and example questions. */
function sectionList<T extends { sectionId: string; examples: ExampleQuestion[] }>(
  sections: readonly T[],
  maxGroups: number,
  describe: (section: T) => string,
): string[] {
  if (sections.length === 0) return ["None."];
  const lines: string[] = [];
  sections.slice(0, maxGroups).forEach((section, i) => {
    lines.push(`${i + 1}. ${inlineCode(section.sectionId)} — ${describe(section)}`);
    lines.push(...exampleLines(section.examples));
  });
  lines.push(...moreLine(sections.length - maxGroups, "section"));
  return lines;
}
