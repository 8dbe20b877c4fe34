import fc from "fast-check";
import type { Document, KnowledgeBase, Section } from "../../../src/corpus/types.js";
import type { Tier } from "../../../src/search/decide.js";
import type { SearchResponse } from "../../../src/search/types.js";
import { decisionOf } from "../../helpers.js";

/** Hostile-but-possible strings: mentions, entities, emoji, huge runs, control characters. */
export const oddText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 400 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "<!channel> please read",
      "<!here> <!everyone> <@U123> <#C1|x>",
      "Q&A & <b>tags</b>",
      "x".repeat(5000),
      "😀".repeat(2000),
      "👩‍👩‍👧‍👦 ".repeat(300),
      "",
      "   ",
      "\n\n\n",
      "*",
      "```",
      `${"word ".repeat(900)}`,
    ),
  },
);

const mrkdwnBlock = fc
  .oneof(
    oddText,
    fc.array(oddText, { maxLength: 6 }).map((lines) => lines.join("\n")),
    fc.constantFrom(
      "<https://example.com/a?b=1&amp;c=2|a link> in text",
      `\`\`\`\n${"code line\n".repeat(500)}\`\`\``,
      "• one\n• two\n    ◦ nested",
    ),
  )
  .map((mrkdwn) => ({ text: mrkdwn, mrkdwn }));

/** A knowledge base with 1–`maxDocuments` documents of 1–`maxSections` sections of odd content. */
export function knowledgeBase(maxDocuments = 30, maxSections = 30): fc.Arbitrary<KnowledgeBase> {
  const doc = fc.record({
    title: oddText,
    owner: fc.option(fc.constantFrom("U024BE7LH", "C01ABCDEF", "not-an-id <!channel>"), {
      nil: undefined,
    }),
    updated: fc.option(fc.constantFrom("2025-01-31", "<!here>"), { nil: undefined }),
    url: fc.option(
      fc.constantFrom("https://wiki.example.com/p?a=1&b=<x>|y", "javascript:alert(1)"),
      {
        nil: undefined,
      },
    ),
    sections: fc.array(
      fc.record({
        heading: oddText,
        crumbs: fc.array(oddText, { maxLength: 4 }),
        depth: fc.integer({ min: 0, max: 6 }),
        blocks: fc.array(mrkdwnBlock, { maxLength: 8 }),
        slug: fc.stringMatching(/^[a-z0-9-]{0,80}$/),
      }),
      { minLength: 1, maxLength: maxSections },
    ),
  });
  return fc.array(doc, { minLength: 1, maxLength: maxDocuments }).map((docs) => {
    const documents: Document[] = [];
    const sections: Section[] = [];
    docs.forEach((d, di) => {
      const document: Document = {
        path: `dir ${di}/doc-${di}.md`,
        title: d.title,
        tags: [],
        order: di,
        sources: [],
        aliases: [],
      };
      if (d.owner) document.owner = d.owner;
      if (d.updated) document.updated = d.updated;
      if (d.url) document.url = d.url;
      documents.push(document);
      d.sections.forEach((s, si) => {
        sections.push({
          id: si === 0 ? document.path : `${document.path}#${s.slug}-${si}`,
          document,
          heading: s.heading,
          breadcrumb: [...s.crumbs, s.heading],
          depth: si === 0 ? 0 : Math.max(1, s.depth),
          order: di * 1000 + si,
          line: si + 1,
          blocks: s.blocks,
          text: s.blocks.map((b) => b.text).join("\n\n"),
          questions: [],
        });
      });
    });
    return { root: "/kb", documents, sections, warnings: [] };
  });
}

/** A knowledge base and a response over its sections, for a hostile query. */
export function baseAndResponse(
  maxDocuments?: number,
): fc.Arbitrary<{ base: KnowledgeBase; response: SearchResponse }> {
  return knowledgeBase(maxDocuments).chain((base) =>
    fc
      .record({
        query: oddText,
        tier: fc.constantFrom<Tier>("answer", "best-match", "none"),
        picks: fc.array(fc.nat({ max: base.sections.length - 1 }), { maxLength: 8 }),
        terms: fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
      })
      .map(({ query, tier, picks, terms }) => ({
        base,
        response: {
          query,
          decision: decisionOf(tier),
          results: picks.flatMap((i) => {
            const section = base.sections[i];
            return section ? [{ section, score: 1, matchedTerms: terms }] : [];
          }),
        },
      })),
  );
}

export const ctxArb = fc.record(
  {
    docsBaseUrl: fc.constantFrom(
      "https://handbook.example.com/",
      "https://h.example/docs",
      "ftp://nope",
    ),
    ephemeral: fc.boolean(),
    sharedBy: fc.constantFrom("U0SHARER", "<!channel>"),
  },
  { requiredKeys: [] },
);
