import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import type { FeedbackEvent, GapEvent, QueryEvent } from "../../src/gaps/events.js";
import { parseLogLine } from "../../src/gaps/events.js";
import { renderGapsMarkdown } from "../../src/gaps/markdown.js";
import { buildGapsReport } from "../../src/gaps/report.js";
import { parseSince } from "../../src/gaps/since.js";

const T0 = Date.UTC(2025, 2, 10, 9, 0);

function query(query: string, answered: boolean, extra: Partial<QueryEvent> = {}): QueryEvent {
  return {
    kind: "query",
    time: T0,
    query,
    answered,
    tier: answered ? "answer" : "none",
    sectionId: undefined,
    surface: "command",
    user: "U1",
    ...extra,
  };
}

function vote(
  sectionId: string,
  query: string,
  helpful: boolean,
  extra: Partial<FeedbackEvent> = {},
): FeedbackEvent {
  return { kind: "feedback", time: T0, query, sectionId, helpful, user: "U1", ...extra };
}

describe("parseLogLine", () => {
  it("reads query and feedback lines and ignores everything else", () => {
    expect(
      parseLogLine(
        '{"level":30,"time":5,"event":"query","surface":"dm","user":"U9","query":"q","answered":true,"topScore":0.8,"sectionId":"a.md#b","ms":2}',
      ),
    ).toEqual({
      kind: "query",
      time: 5,
      query: "q",
      answered: true,
      sectionId: "a.md#b",
      surface: "dm",
      user: "U9",
    });
    expect(
      parseLogLine(
        '{"event":"feedback","sectionId":"a.md","query":"q","helpful":false,"user":"U1","time":"2025-03-10T09:00:00Z"}',
      ),
    ).toMatchObject({ kind: "feedback", helpful: false, time: T0 });
    for (const line of [
      "plain text",
      "",
      '{"event":"query","query":"cut off',
      '{"level":30,"msg":"started"}',
      '{"event":"query","query":"no answered flag"}',
      '{"event":"feedback","query":"q","helpful":true}',
      "[1,2]",
      "null",
    ]) {
      expect(parseLogLine(line)).toBeUndefined();
    }
  });
});

describe("buildGapsReport", () => {
  const events: GapEvent[] = [
    query("How do I book a room?", false, { time: T0 + 1000 }),
    query("booking rooms", false),
    query("how do I book a room", false),
    query("Where is the travel policy?", false),
    query("Who are you?", false),
    query("What is a DM?", true, { sectionId: "overview.md#what" }),
    query("delivery manager", true, { sectionId: "overview.md#what" }),
    query("retro", true, { sectionId: "rituals.md#retro", time: T0 - 5000 }),
    vote("rituals.md#retro", "retro", false, { user: "U1" }),
    vote("rituals.md#retro", "who runs the retro", false, { user: "U2" }),
    vote("rituals.md#retro", "retro", true, { user: "U3" }),
    vote("overview.md#what", "What is a DM?", true),
  ];

  it("lists sections given only as a best match, with the questions they were offered for", () => {
    const report = buildGapsReport([
      query("how long do messages stick around", true, { tier: "best-match", sectionId: "r.md" }),
      query("message retention", true, { tier: "best-match", sectionId: "r.md" }),
      query("what is retention", true, { tier: "answer", sectionId: "r.md" }),
      query("wifi password", false),
    ]);
    expect(report.uncertain).toEqual([
      {
        sectionId: "r.md",
        count: 2,
        examples: expect.arrayContaining([
          expect.objectContaining({ query: "how long do messages stick around" }),
          expect.objectContaining({ query: "message retention" }),
        ]),
      },
    ]);
    expect(report.queries.answered).toBe(3);
  });

  it("computes the answer rate with counts and the time range", () => {
    const report = buildGapsReport(events);
    expect(report.queries).toEqual({ total: 8, answered: 3, unanswered: 5, answerRate: 3 / 8 });
    expect(report.range).toEqual({
      from: new Date(T0 - 5000).toISOString(),
      to: new Date(T0 + 1000).toISOString(),
    });
    expect(report.since).toBeNull();
  });

  it("groups unanswered questions by normalised terms, most frequent first, with examples", () => {
    const report = buildGapsReport(events);
    expect(report.unanswered[0]).toEqual({
      terms: ["book", "room"],
      words: ["book", "room"],
      count: 3,
      examples: [
        { query: "How do I book a room?", count: 2 },
        { query: "booking rooms", count: 1 },
      ],
    });
    expect(report.unanswered.map((group) => group.words)).toEqual([
      ["book", "room"],
      [],
      ["policy", "travel"],
    ]);
  });

  it("keeps at most three examples per group", () => {
    const many = [
      "rooms to book",
      "book rooms",
      "room booking",
      "Booking a room",
      "rooms booked",
    ].map((text) => query(text, false));
    const [group] = buildGapsReport(many).unanswered;
    expect(group?.count).toBe(5);
    expect(group?.examples).toHaveLength(3);
  });

  it("groups unhelpful answers by section, with helpful votes for scale", () => {
    const report = buildGapsReport(events);
    expect(report.unhelpful).toEqual([
      {
        sectionId: "rituals.md#retro",
        unhelpful: 2,
        helpful: 1,
        examples: [
          { query: "retro", count: 1 },
          { query: "who runs the retro", count: 1 },
        ],
      },
    ]);
    expect(report.feedback).toEqual({ helpful: 2, unhelpful: 2 });
  });

  it("counts only a person's last vote on the same answer", () => {
    const report = buildGapsReport([
      vote("a.md", "q", false, { time: T0 }),
      vote("a.md", "q", true, { time: T0 + 10 }),
    ]);
    expect(report.feedback).toEqual({ helpful: 1, unhelpful: 0 });
    expect(report.unhelpful).toEqual([]);
  });

  it("ranks the most asked sections and keeps the top ten", () => {
    const answered: QueryEvent[] = [];
    for (let i = 0; i < 12; i += 1) {
      for (let n = 0; n <= i; n += 1)
        answered.push(query(`q${i}`, true, { sectionId: `s${i}.md` }));
    }
    const report = buildGapsReport(answered);
    expect(report.mostAsked).toHaveLength(10);
    expect(report.mostAsked[0]).toEqual({ sectionId: "s11.md", count: 12, share: 12 / 78 });
    expect(report.mostAsked.map((s) => s.sectionId)).not.toContain("s0.md");
  });

  it("with since, drops earlier events and events without a time", () => {
    const report = buildGapsReport(
      [
        query("old", false, { time: T0 - 1 }),
        query("new", false),
        query("untimed", false, { time: undefined }),
      ],
      { since: T0 },
    );
    expect(report.queries.total).toBe(1);
    expect(report.unanswered[0]?.terms).toEqual(["new"]);
    expect(report.since).toBe(new Date(T0).toISOString());
  });

  it("reports an empty period without dividing by zero", () => {
    const report = buildGapsReport([]);
    expect(report.queries.answerRate).toBeNull();
    expect(report.range).toEqual({ from: null, to: null });
    expect(renderGapsMarkdown(report)).toContain("No questions were asked in this period.");
  });
});

describe("renderGapsMarkdown", () => {
  it("renders headings, the answer rate and numbered groups with examples", () => {
    const report = buildGapsReport([
      query("How do I book a room?", false),
      query("booking rooms", false),
      query("What is a DM?", true, { sectionId: "overview.md#what" }),
      vote("overview.md#what", "What is a DM?", false),
      query("who runs the DM pod", true, { sectionId: "pods.md", tier: "best-match" }),
    ]);
    const markdown = renderGapsMarkdown(report, { files: ["bot.log"] });
    expect(markdown).toContain("# Knowledge gaps report");
    expect(markdown).toContain("**Answer rate: 50%** — 2 of 4 questions answered, 2 unanswered");
    expect(markdown).toContain(
      "1. **book room** — 2 questions\n   - `How do I book a room?`\n   - `booking rooms`",
    );
    expect(markdown).toContain(
      "1. `overview.md#what` — 1 not helpful, 0 helpful\n   - `What is a DM?`",
    );
    expect(markdown).toContain(
      "## Uncertain answers (shown as a best match)\n\n1. `pods.md` — 1 question\n   - `who runs the DM pod`",
    );
    expect(markdown).toContain(
      "## Most asked sections\n\n1. `overview.md#what` — 1 question (50%)",
    );
    expect(markdown).toContain("from 1 log file");
  });

  it("cannot be broken out of by a question full of markup", () => {
    const markdown = renderGapsMarkdown(
      buildGapsReport([query("use `rm -rf` <script>*now*", false)]),
    );
    expect(markdown).toContain("   - `use ʼrm -rfʼ <script>*now*`");
  });

  it("suggests the best-matched questions as frontmatter, which reads back as the questions asked", () => {
    const asked = ['what\'s "cool down": a week?', "run ```rm``` now #1", "how big is a pod"];
    const report = buildGapsReport([
      query(asked[0] ?? "", true, { tier: "best-match", sectionId: "rituals/cooldown.md#length" }),
      query(asked[1] ?? "", true, { tier: "best-match", sectionId: "rituals/cooldown.md#length" }),
      query(asked[2] ?? "", true, { tier: "best-match", sectionId: "pods.md" }),
    ]);
    const markdown = renderGapsMarkdown(report);
    const block = /```yaml\n([\s\S]*?)\n```/.exec(markdown)?.[1];
    expect(block).toBeDefined();
    // One YAML document per file, each headed by its path.
    const files = Object.fromEntries(
      (block ?? "")
        .split(/^# /m)
        .filter(Boolean)
        .map((chunk) => {
          const [path = "", ...rest] = chunk.split("\n");
          return [path, matter(`---\n${rest.join("\n")}\n---\n`).data];
        }),
    );
    expect(files).toEqual({
      "rituals/cooldown.md": {
        questions: { length: expect.arrayContaining([asked[0], "run ʼʼʼrmʼʼʼ now #1"]) },
      },
      "pods.md": { questions: { _lead: ["how big is a pod"] } },
    });
  });

  it("lists the first groups and says how many more there are", () => {
    const report = buildGapsReport(["alpha", "bravo", "charlie"].map((q) => query(q, false)));
    const markdown = renderGapsMarkdown(report, { maxGroups: 2 });
    expect(markdown).toContain("2. **bravo**");
    expect(markdown).not.toContain("**charlie**");
    expect(markdown).toContain("_…and 1 group more._");
  });
});

describe("parseSince", () => {
  const now = Date.UTC(2025, 2, 20);
  it.each([
    ["30m", now - 30 * 60_000],
    ["24h", now - 24 * 3_600_000],
    ["7d", now - 7 * 86_400_000],
    ["2w", now - 14 * 86_400_000],
    ["2025-03-01", Date.UTC(2025, 2, 1)],
    ["2025-03-01T09:30:00Z", Date.UTC(2025, 2, 1, 9, 30)],
  ])("%s", (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  it.each(["7", "7y", "last week", "", "03/01/2025"])("rejects %j", (value) => {
    expect(() => parseSince(value, now)).toThrow(/--since/);
  });
});

describe("questions sent to an expert", () => {
  const line = (id: string, status: string, query: string, time: number) =>
    `{"level":30,"time":${time},"event":"escalation","status":"${status}","id":"${id}","query":"${query}","user":"U1"}`;

  it("reads escalation lines, and refuses one without an id or with an unknown status", () => {
    expect(parseLogLine(line("e1", "open", "q", 5))).toEqual({
      kind: "escalation",
      time: 5,
      id: "e1",
      status: "open",
      query: "q",
    });
    expect(parseLogLine(line("", "open", "q", 5))).toBeUndefined();
    expect(parseLogLine(line("e1", "lost", "q", 5))).toBeUndefined();
  });

  it("lists open and answered requests by their furthest state, and counts the resolved", () => {
    const events = [
      line("e1", "open", "who signs off leave?", T0),
      line("e2", "open", "what is our travel policy?", T0 + 1000),
      line("e2", "answered", "what is our travel policy?", T0 + 2000),
      line("e3", "open", "who owns the risk log?", T0 + 3000),
      line("e3", "resolved", "who owns the risk log?", T0 + 4000),
      // A reply logged after the resolve does not reopen it.
      line("e3", "answered", "who owns the risk log?", T0 + 5000),
    ]
      .map(parseLogLine)
      .filter((event): event is GapEvent => event !== undefined);
    const report = buildGapsReport(events);
    expect(report.escalations).toEqual({
      open: [{ id: "e1", query: "who signs off leave?", askedAt: new Date(T0).toISOString() }],
      answered: [
        {
          id: "e2",
          query: "what is our travel policy?",
          askedAt: new Date(T0 + 1000).toISOString(),
        },
      ],
      resolved: 1,
    });
    // Not questions: the answer rate is untouched.
    expect(report.queries.total).toBe(0);
    const markdown = renderGapsMarkdown(report);
    expect(markdown).toContain("## Questions sent to an expert");
    expect(markdown).toContain(
      "1 waiting for a reply, 1 answered but not marked resolved, 1 resolved.",
    );
    expect(markdown).toContain("### Waiting for a reply\n\n1. `who signs off leave?`");
    expect(markdown).toContain("### Answered, not yet resolved\n\n1. `what is our travel policy?`");
    expect(markdown).not.toContain("who owns the risk log?");
  });
});
