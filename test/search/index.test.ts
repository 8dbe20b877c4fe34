import { describe, expect, it } from "vitest";
import { createSearchIndex } from "../../src/search/index.js";
import { DEFAULT_TUNING } from "../../src/search/tuning.js";
import { MAX_QUESTION_CHARS } from "../../src/search/types.js";
import { buildSections, otherPages } from "./build-sections.js";

const filler =
  "Teams plan work together, share updates in writing and keep stakeholders informed about progress.";

const sections = buildSections([
  {
    doc: "overview.md",
    title: "Delivery manager overview",
    body: "A delivery manager makes sure the team is set up to deliver, removes blockers and coordinates people across the organisation.",
  },
  {
    doc: "versus.md",
    title: "Versus other roles",
    heading: "Scrum master",
    body: "A scrum master focuses on ceremonies; the delivery manager role is broader and accountable for outcomes.",
  },
  {
    doc: "versus.md",
    heading: "Project manager",
    body: "A project manager often works from outside the team, while a delivery manager works inside it for the long haul.",
  },
  {
    doc: "ceremonies.md",
    title: "Ceremonies",
    heading: "Retrospectives",
    body: "At the end of each sprint the team reflects on what went well and what to change next time.",
  },
  {
    doc: "ceremonies.md",
    heading: "Sprint planning",
    body: "The team picks backlog items it can finish in the sprint, based on past velocity.",
  },
  {
    doc: "pods.md",
    title: "Pods",
    heading: "Pod",
    body: "A pod is a small cross-functional group of specialists that one delivery manager supports.",
    questions: ["how many specialists per delivery manager"],
  },
  {
    doc: "pods.md",
    heading: "Staffing notes",
    body: `Pod sizes vary. ${filler}`,
  },
  {
    doc: "glossary.md",
    title: "Glossary",
    body: [
      "Velocity: the effort a team completes in a sprint.",
      "Pod: a group of specialists.",
      "Retrospective: a meeting to reflect.",
      "Escalation: raising a problem to someone who can decide.",
      "Blocker: anything that stops the team.",
      ...Array.from({ length: 40 }, (_, i) => `Term ${i}: ${filler}`),
    ],
  },
  {
    doc: "escalation.md",
    title: "Escalation",
    heading: "When to escalate",
    body: "Most problems are solved inside the team; escalate sparingly, when a decision is out of the team's hands.",
  },
  {
    doc: "sla.md",
    title: "Service levels",
    heading: "Agreements",
    body: "A service level agreement sets the response time the team promises to other departments.",
  },
]);

const index = createSearchIndex(sections);
const topId = (query: string) => index.search(query).results[0]?.section.id;

describe("createSearchIndex", () => {
  it("reports how many sections it indexed", () => {
    expect(index.size).toBe(sections.length);
  });

  it("expands an abbreviation in the question to its long form", () => {
    expect(topId("how is a DM different from a scrum master")).toBe("versus.md#scrum-master");
    expect(topId("what is an SLA")).toBe("sla.md#agreements");
  });

  it("expands a long form in the question to the abbreviation the text uses", () => {
    const abbreviated = createSearchIndex(
      buildSections([
        { doc: "a.md", title: "Rituals", body: "The DM books the retro every second Friday." },
        { doc: "b.md", title: "Hiring", body: "Interview candidates with a panel of engineers." },
      ]),
    );
    const response = abbreviated.search("does the delivery manager book the retrospective");
    expect(response.results[0]?.section.id).toBe("a.md");
    expect(response.decision.tier).toBe("answer");
  });

  it("reads DM as a direct message where the handbook is about chat, not delivery", () => {
    const chat = createSearchIndex(
      buildSections([
        {
          doc: "chat.md",
          title: "Chat",
          heading: "Direct messages",
          body: "Use direct messages for quick side questions; anything the team needs goes in a channel.",
        },
        {
          doc: "chat.md",
          heading: "Group projects",
          body: "Each group project gets its own channel, named after the project.",
        },
        { doc: "leave.md", title: "Leave", body: "Book annual leave in the HR system." },
      ]),
    );
    expect(chat.search("when should i use group DMs").results[0]?.section.id).toBe(
      "chat.md#direct-messages",
    );
  });

  it("reads chat shorthand with digits in it, a11y for accessibility", () => {
    const guides = createSearchIndex(
      buildSections([
        {
          doc: "testing.md",
          title: "Testing",
          heading: "Accessibility",
          body: "Check every page with a screen reader, and test it with the keyboard alone.",
        },
        {
          doc: "testing.md",
          heading: "Unit tests",
          body: "Unit tests run on every pull request.",
        },
      ]),
    );
    expect(guides.search("how do we test for a11y").results[0]?.section.id).toBe(
      "testing.md#accessibility",
    );
  });

  it("reads bday as birthday and yrs as years, not as typos of day and yr", () => {
    const perks = createSearchIndex(
      buildSections([
        {
          doc: "celebrate.md",
          title: "Celebrations",
          heading: "Birthdays",
          body: "Each teammate gets a gift on their birthday, chosen by their manager.",
        },
        {
          doc: "time-off.md",
          title: "Time off",
          heading: "Days off",
          body: "Take a day off whenever you need one; tell your team the day before.",
        },
        {
          doc: "levels.md",
          title: "Levels",
          heading: "Senior engineer",
          body: "Senior engineers usually bring five to eight years in the field.",
        },
        {
          doc: "budget.md",
          title: "Budget",
          heading: "Learning budget",
          body: "The learning budget resets every yr in January.",
        },
      ]),
    );
    expect(perks.search("what do we do for a bday").results[0]?.section.id).toBe(
      "celebrate.md#birthdays",
    );
    // "yr" is a word of this handbook, one letter away: the shorthand, not the typo, is meant.
    const senior = perks.search("how many yrs for a senior engineer").results[0];
    expect(senior?.matchedTerms).toContain("years");
    expect(senior?.matchedTerms).not.toContain("yr");
  });

  it("reads pw as password and confs as conferences, which share no letters' worth of a typo", () => {
    const handbook = createSearchIndex(
      buildSections([
        {
          doc: "security.md",
          title: "Security",
          heading: "Password managers",
          body: "Use the approved password manager for every work account.",
        },
        {
          doc: "people.md",
          title: "People",
          heading: "Managers",
          body: "Your manager approves leave and training requests.",
        },
        {
          doc: "learning.md",
          title: "Learning",
          heading: "Conferences",
          body: "Engineers may attend one paid conference a year.",
        },
        {
          doc: "calendar.md",
          title: "Calendar",
          heading: "Yearly events",
          body: "The company offsite happens once a year; engineers attend in person.",
        },
      ]),
    );
    const pw = handbook.search("which pw manager do we use").results[0];
    expect(pw?.section.id).toBe("security.md#password-managers");
    expect(pw?.matchedTerms).toContain("password");
    expect(
      handbook.search("how many confs a year can engineers attend").results[0]?.section.id,
    ).toBe("learning.md#conferences");
  });

  it("reads chat filler as filler, not as topics: contractions without an apostrophe, '-able'", () => {
    const handbook = createSearchIndex(
      buildSections([
        {
          doc: "chat.md",
          title: "Chat",
          heading: "Instant messages",
          body: "Use IM for quick questions. Dont expect an answer out of hours; thru the week is fine.",
        },
        {
          doc: "expenses.md",
          title: "Expenses",
          heading: "Getting reimbursed",
          body: "Submit receipts by the 5th of the month and you will be reimbursed with your pay.",
        },
        {
          doc: "records.md",
          title: "Records",
          heading: "FOIA",
          body: "Everything typed in Slack can be requested under FOIA.",
        },
        {
          doc: "access.md",
          title: "Accessibility",
          heading: "Readable documents",
          body: "Make sure everyone is able to read what you share.",
        },
      ]),
    );
    // Each question shares nothing with its distractor but the filler: "im", "dont" and "thru"
    // are how it is typed, and "foia-able" splits at the hyphen into "foia" and the suffix.
    for (const [question, answer, distractor] of [
      [
        "im new and dont know how i get reimbursed thru payroll",
        "expenses.md#getting-reimbursed",
        "chat.md",
      ],
      ["is everything i type in slack foia-able?", "records.md#foia", "access.md"],
    ] as const) {
      const { results } = handbook.search(question);
      expect(results[0]?.section.id, question).toBe(answer);
      expect(
        results.map((r) => r.section.document.path),
        question,
      ).not.toContain(distractor);
    }
  });

  it("weighs the asker's hedging (think, supposed, proper) as little as the other wrapper words", () => {
    const handbook = createSearchIndex(
      buildSections([
        {
          doc: "security.md",
          title: "Security",
          heading: "Viruses",
          body: "If a laptop may be infected by a virus, unplug it and tell the founders at once.",
        },
        {
          doc: "culture.md",
          title: "Culture",
          heading: "Thinking time",
          body: "Fridays are kept free of meetings so people can think.",
        },
        {
          doc: "levels.md",
          title: "Levels",
          heading: "Principal engineer",
          body: "A principal engineer leads critical incidents and mentors others.",
        },
      ]),
    );
    const virus = handbook.search("i think my laptop has a virus").results[0];
    expect(virus?.section.id).toBe("security.md#viruses");
    // Every word that says what the question is about is there: hedging is not a missing topic.
    expect(virus?.coverage).toBeGreaterThan(0.8);
    const lead = handbook.search("which engineer is supposed to lead incidents").results[0];
    expect(lead?.section.id).toBe("levels.md#principal-engineer");
    expect(lead?.coverage).toBeGreaterThan(0.8);
    const proper = handbook.search("proper virus laptop").results[0];
    expect(proper?.section.id).toBe("security.md#viruses");
    expect(proper?.coverage).toBeGreaterThan(0.7);
  });

  it("reads a short filler word typed a letter short as filler, unless it is a word of its own", () => {
    const handbook = createSearchIndex(
      buildSections([
        { doc: "aws.md", title: "AWS", heading: "Tag keys", body: "Write tag keys in camelCase." },
        {
          doc: "leaving.md",
          title: "Leaving",
          heading: "Notice",
          body: "Tell us before you quit.",
        },
      ]),
    );
    const plain = handbook.search("tag keys camelcase").results[0];
    // "wat" is "what" a letter short, and no English word: the question has no other topic.
    const typed = handbook.search("tag keys camelcase or wat").results[0];
    expect(typed?.section.id).toBe("aws.md#tag-keys");
    expect(typed?.coverage).toBeCloseTo(plain?.coverage ?? 0, 5);
    // "quit" is "quite" a letter short, but a word: it stays the question's topic.
    const quit = handbook.search("when can i quit").results[0];
    expect(quit?.section.id).toBe("leaving.md#notice");
    expect(quit?.matchedTerms).toContain("quit");
  });

  it("answers a question posted with Slack greetings and thanks as it answers the bare one", () => {
    const sections = buildSections([
      { doc: "leave.md", title: "Leave", heading: "Parental leave", body: "Sixteen weeks, paid." },
      { doc: "pay.md", title: "Pay", heading: "Payday", body: "We pay on the 25th." },
    ]);
    const handbook = createSearchIndex(sections);
    const bare = handbook.search("how long is parental leave");
    const posted = handbook.search("hey team, quick q: how long is parental leave? cheers :pray:");
    expect(posted.results[0]?.section.id).toBe("leave.md#parental-leave");
    expect(posted.results[0]?.coverage).toBeCloseTo(bare.results[0]?.coverage ?? 0, 5);
    expect(posted.decision.tier).toBe(bare.decision.tier);
    // The reply echoes what was posted, not what was read.
    expect(posted.query).toBe("hey team, quick q: how long is parental leave? cheers :pray:");
    // Switched off, "team", "quick", "pray"… are topics the handbook lacks.
    const without = createSearchIndex(sections, { disable: new Set(["chat-padding"]) });
    const unread = without.search("hey team, quick q: how long is parental leave? cheers :pray:");
    expect(unread.results[0]?.coverage ?? 0).toBeLessThan(bare.results[0]?.coverage ?? 0);
  });

  it("counts a section's first sentence as where it names its topic, under a name heading", () => {
    const sections = buildSections([
      {
        doc: "learning.md",
        title: "Learning",
        heading: "Bravely",
        body: "Bravely is a coaching program with six sessions a year for everyone. Book your first session in the portal; your manager is not told.",
      },
      {
        doc: "learning.md",
        title: "Learning",
        heading: "Conferences",
        body: "Each engineer may attend one conference a year, paid by the company.",
      },
      ...otherPages("Payday", "Laptops", "Parental leave", "Expenses"),
    ]);
    const question = "is there a coaching program for career growth";
    const withLead = createSearchIndex(sections).search(question);
    const without = createSearchIndex(sections, { disable: new Set(["lead-topicality"]) }).search(
      question,
    );
    expect(withLead.results[0]?.section.id).toBe("learning.md#bravely");
    // Nothing of the question is in the title or heading: only the first sentence names it.
    expect(without.decision.features.topicality).toBe(0);
    expect(withLead.decision.features.topicality).toBeGreaterThan(0);
    expect(withLead.decision.probability).toBeGreaterThan(without.decision.probability);
    // A word said only later in the section is no topic: "manager" earns nothing here.
    const later = createSearchIndex(sections).search("does my manager see my bookings");
    expect(later.decision.features.topicality).toBe(0);
  });

  it("measures the question's best-covered clause, where a situation is told before the ask", () => {
    const sections = buildSections([
      {
        doc: "leave.md",
        title: "Leave",
        heading: "Emergency leave",
        body: "Emergency leave covers days when you cannot work because of an emergency at home.",
      },
      {
        doc: "leave.md",
        title: "Leave",
        heading: "Annual leave",
        body: "Everyone gets twenty days of annual leave a year.",
      },
      ...otherPages("Payday", "Laptops", "Expenses", "Travel"),
    ]);
    const index = createSearchIndex(sections);
    const told = index.search("a tree fell on my house last night, is there emergency leave");
    expect(told.results[0]?.section.id).toBe("leave.md#emergency-leave");
    // "tree", "fell", "house" and "night" are in no section: the whole question is half covered,
    // its second clause wholly.
    expect(told.decision.features.coverage).toBeLessThan(0.6);
    expect(told.decision.features.clauseCoverage).toBe(1);
    const asOneClause = createSearchIndex(sections, { disable: new Set(["clause-coverage"]) });
    expect(
      asOneClause.search("a tree fell on my house last night, is there emergency leave").decision
        .features.clauseCoverage,
    ).toBeLessThan(0.6);
    // Said in one clause, the situation's words count against the ask.
    const oneClause = index.search("a tree fell on my house last night is there emergency leave");
    expect(oneClause.decision.features.clauseCoverage).toBeLessThan(0.6);
    expect(told.decision.probability).toBeGreaterThan(oneClause.decision.probability);
  });

  it("gives a corrected typo the related words of the word it stands for", () => {
    const sections = buildSections([
      {
        doc: "time-off.md",
        title: "Time off",
        heading: "Planned time off",
        body: "Book planned time off two weeks ahead in the calendar.",
      },
      { doc: "faq.md", title: "FAQ", heading: "Holidays", body: "A vacation day is a day off." },
      ...otherPages("Payday", "Laptops", "Expenses", "Travel"),
    ]);
    // "vacation" is related to "time off" (words/related-words.ts). A typo is corrected only to a
    // word the handbook uses, so the FAQ says "vacation" once; the typo must then reach "time off"
    // through it, as the word typed right does.
    const index = createSearchIndex(sections);
    const typed = index.search("how do i book vacaton");
    const right = index.search("how do i book vacation");
    expect(right.results[0]?.section.id).toBe("time-off.md#planned-time-off");
    expect(typed.results[0]?.section.id).toBe("time-off.md#planned-time-off");
    expect(typed.decision.features.coverage).toBeCloseTo(right.decision.features.coverage, 1);
  });

  it("weighs an everyday wrapper word by tuning.query.weakEmphasis", () => {
    const sections = buildSections([
      { doc: "kit.md", title: "Kit", heading: "What you need", body: "Bring what you need." },
      ...otherPages("Payday", "Laptops"),
    ]);
    const coverageWith = (weakEmphasis: number) =>
      createSearchIndex(sections, {
        tuning: { ...DEFAULT_TUNING, query: { ...DEFAULT_TUNING.query, weakEmphasis } },
      }).search("what do i need on payday").results[0]?.coverage;
    // "need" and "payday" are each in one section, so equally rare: the payday section covers
    // 1 / (1 + w) of the question, w being the wrapper word's weight.
    expect(coverageWith(0.3)).toBeCloseTo(1 / 1.3, 5);
    expect(coverageWith(0.6)).toBeCloseTo(1 / 1.6, 5);
  });

  it("reads PTO as time off: a handbook that says annual leave answers it", () => {
    const sections = buildSections([
      {
        doc: "leave.md",
        title: "Leave",
        heading: "Annual leave",
        body: "Full-time staff earn four hours of annual leave every pay period.",
      },
      {
        doc: "leave.md",
        title: "Leave",
        heading: "Paid parental leave",
        body: "Twelve weeks of paid time for a new parent, on top of any other time.",
      },
      ...otherPages("Payday", "Laptops", "Expenses", "Travel"),
    ]);
    // Typed, "PTO" stands for "paid time off"; this handbook never writes that phrase, and
    // "paid … time" is in the parental leave section. The related words of time off
    // (words/related-words.ts) are what reach annual leave.
    const index = createSearchIndex(sections);
    const { results, decision } = index.search("how much PTO do i earn");
    expect(results[0]?.section.id).toBe("leave.md#annual-leave");
    expect(decision.tier).not.toBe("none");
  });

  it("knows a heading that says the question from one that shares most of its words", () => {
    const sections = buildSections([
      {
        doc: "pay.md",
        title: "Pay",
        heading: "Do delivery managers earn more than project managers?",
        body: "Yes: delivery managers are paid a premium over project managers for their engineering literacy.",
        questions: ["Is a delivery manager paid more than a project manager?"],
      },
      {
        doc: "pay.md",
        heading: "How much is a delivery manager paid?",
        body: "On a par with senior engineers in comparable positions.",
      },
    ]);
    const pay = createSearchIndex(sections);
    const question = "how much are delivery managers paid";
    expect(pay.search(question).results[0]?.section.id).toBe(
      "pay.md#how-much-is-a-delivery-manager-paid-",
    );
    // The rule is what decides: without it the sibling, whose author question says "paid" too, wins.
    const without = createSearchIndex(sections, { disable: new Set(["exact-heading"]) });
    expect(without.search(question).results[0]?.section.id).toBe(
      "pay.md#do-delivery-managers-earn-more-than-project-managers-",
    );
  });

  it("finds a section through a misspelled question", () => {
    expect(topId("retrospectves")).toBe("ceremonies.md#retrospectives");
    const response = index.search("when to escalte a problem");
    expect(response.results[0]?.section.id).toBe("escalation.md#when-to-escalate");
    expect(response.decision.tier).toBe("answer");
    expect(response.results[0]?.matchedTerms).toContain("escalate");
  });

  it("corrects a short word only where a neighbour confirms it", () => {
    const leave = createSearchIndex(
      buildSections([
        { doc: "a.md", title: "Parental leave", body: "Parents get twenty weeks of leave." },
        { doc: "b.md", title: "Line management", body: "Each line manager has five reports." },
      ]),
    );
    expect(leave.search("parental leve").results[0]?.matchedTerms).toContain("leave");
    // "life" is one edit from "line", but nothing around it says that is what was meant.
    expect(leave.search("meaning of life").results).toEqual([]);
    // A wrapper word is no confirmation: "going to rain" is not "go to training".
    const training = createSearchIndex(
      buildSections([
        { doc: "t.md", title: "Training", body: "Go train with the team every spring." },
        { doc: "b.md", title: "Line management", body: "Each line manager has five reports." },
      ]),
    );
    expect(training.search("is it going to rain").results[0]?.matchedTerms).not.toContain("train");
    expect(training.search("is it going to rain").decision.tier).not.toBe("answer");
  });

  it("ignores the amount word of a how-question", () => {
    expect(index.search("how long is a sprint").results[0]?.matchedTerms).not.toContain("long");
  });

  it("ranks a section whose heading names the topic above one that mentions it", () => {
    expect(topId("pod")).toBe("pods.md#pod");
    expect(topId("sprint planning")).toBe("ceremonies.md#sprint-planning");
  });

  it("does not let a long section win by covering every word once", () => {
    expect(topId("what is velocity in a sprint")).not.toBe("glossary.md");
    expect(topId("what is a pod")).toBe("pods.md#pod");
  });

  it("indexes author questions as a strong field", () => {
    expect(topId("how many specialists does each delivery manager look after")).toBe("pods.md#pod");
  });

  it("abstains on questions outside the knowledge base but still lists closest topics", () => {
    for (const query of [
      "what's the weather in london today",
      "how do I reset my vpn password",
      "lunch menu",
      "book a meeting room",
      "deploy to kubernetes",
      "football scores",
    ]) {
      expect(index.search(query).decision.tier, query).not.toBe("answer");
    }
    const partial = index.search("delivery manager kubernetes cluster upgrade");
    expect(partial.decision.tier).not.toBe("answer");
    expect(partial.results.length).toBeGreaterThan(0);
  });

  it("is confident on in-scope questions", () => {
    for (const query of [
      "what does a delivery manager do",
      "what is a pod",
      "when is the retro",
      "project manager vs delivery manager",
    ]) {
      expect(index.search(query).decision.tier, query).toBe("answer");
    }
  });

  it("ignores misspelled filler words instead of counting them as missing topics", () => {
    // "actualy" is no word of the knowledge base; read as a topic, it halves the coverage.
    const response = index.search("what is a pod actualy");
    expect(response.results[0]?.section.id).toBe("pods.md#pod");
    expect(response.results[0]?.coverage).toBe(1);
    expect(response.decision.tier).toBe("answer");
  });

  it("gives no confident answer to a question made only of everyday wrapper words", () => {
    const helping = createSearchIndex(
      buildSections([
        {
          doc: "improve.md",
          title: "Improvement",
          heading: "Helping teams improve",
          body: "The delivery manager helps teams improve on their own.",
        },
        {
          doc: "start.md",
          title: "Getting started",
          body: "Your first week: laptop and accounts.",
        },
      ]),
    );
    expect(helping.search("help").results[0]?.section.id).toBe("improve.md#helping-teams-improve");
    expect(helping.search("help").decision.tier).not.toBe("answer");
    expect(helping.search("I need help").decision.tier).not.toBe("answer");
    expect(helping.search("help").decision.reason).toMatch(/only everyday words/);
    // Wrapper words that together name a section outright still find it.
    expect(helping.search("getting started").decision.tier).toBe("answer");
  });

  it("does not answer a one-word topic the handbook only mentions in passing", () => {
    const handbook = createSearchIndex(
      buildSections([
        {
          doc: "conduct.md",
          title: "Code of conduct",
          heading: "Be kind",
          body: "No offensive jokes, slurs or personal attacks in any channel.",
        },
        {
          doc: "benefits.md",
          title: "Benefits",
          heading: "Life insurance",
          body: "Everyone is covered for twice their salary from the first day.",
        },
      ]),
    );
    const joke = handbook.search("tell me a joke");
    expect(joke.results[0]?.section.id).toBe("conduct.md#be-kind");
    expect(joke.decision.tier).toBe("none");
    expect(joke.decision.reason).toMatch(/mentioned in passing/);
    // The same kind of question, when a section is about the word, is answered.
    const insurance = handbook.search("life insurance");
    expect(insurance.decision.tier).not.toBe("none");
  });

  it("counts missing results as no agreement on the best section's page", () => {
    const handbook = createSearchIndex(
      buildSections([
        { doc: "a.md", title: "Alpha", heading: "Glaciers", body: "Glaciers move slowly." },
        { doc: "b.md", title: "Beta", heading: "Deserts", body: "Deserts are dry." },
      ]),
    );
    // One result: nothing came from its page, so nothing agrees (it used to count as full).
    expect(handbook.search("glaciers").decision.features.pageAgreement).toBe(0);
  });

  it("finds a word through its agent noun when the text only has that", () => {
    const response = index.search("what stops the team, a block?");
    expect(response.results[0]?.matchedTerms).toContain("blocker");
  });

  it("lets an author question name a topic only when the question asked resembles it", () => {
    const enablers = createSearchIndex(
      buildSections([
        {
          doc: "enablers.md",
          title: "Enablers",
          heading: "Hard enablers",
          body: "A physical working environment that suits agile work, and frequent releases.",
          questions: ["Does the office or working environment matter for agile?"],
        },
        { doc: "other.md", title: "Other", body: "Releases happen every week." },
      ]),
    );
    // One word in common with the author question: mentioned, not the topic.
    const mentioned = enablers.search("where is the office");
    const asked = enablers.search("does the office environment matter");
    expect(mentioned.results[0]?.topicality).toBe(0);
    expect(asked.results[0]?.topicality).toBeGreaterThan(0.5);
    expect(mentioned.decision.probability).toBeLessThan(asked.decision.probability);
    expect(asked.decision.tier).toBe("answer");
  });

  it("counts a word's derivation as related, not the same word (manager ≠ managing)", () => {
    const index = createSearchIndex(
      buildSections([
        {
          doc: "work.md",
          title: "Workload",
          heading: "Managing your workload",
          body: "Block out focus time in your calendar and decline calls without an agenda.",
        },
        {
          doc: "people.md",
          title: "People",
          heading: "Your manager",
          body: "You meet your manager every fortnight, and they write your annual review.",
        },
        { doc: "people.md", heading: "Hiring", body: "Candidates meet a panel of three." },
      ]),
    );
    const response = index.search("who is my manager");
    const coverage = (id: string) =>
      response.results.find((result) => result.section.id === id)?.coverage;
    expect(response.results[0]?.section.id).toBe("people.md#your-manager");
    expect(coverage("people.md#your-manager")).toBe(1);
    // Found, through the word's family, but only in part.
    expect(coverage("work.md#managing-your-workload")).toBeGreaterThan(0);
    expect(coverage("work.md#managing-your-workload")).toBeLessThan(1);
  });

  it("reaches a noun in -fication from its verb in -fy, where Porter's stems differ", () => {
    const privacy = createSearchIndex(
      buildSections([
        {
          doc: "privacy.md",
          title: "Privacy",
          heading: "Re-certification",
          body: "Every three years the privacy office reviews the assessment again.",
        },
        {
          doc: "privacy.md",
          heading: "Who to ask",
          body: "The privacy office answers questions about any assessment.",
        },
        { doc: "other.md", title: "Other", heading: "Hiring", body: "Candidates meet a panel." },
      ]),
    );
    const response = privacy.search("when do we recertify the privacy assessment");
    expect(response.results[0]?.section.id).toBe("privacy.md#re-certification");
  });

  it("prefers a section that states a figure when the question asks how long or how often", () => {
    const sprints = createSearchIndex(
      buildSections([
        {
          doc: "sprints.md",
          title: "Sprints",
          heading: "Sprints",
          body: "A sprint is a fixed period in which the team delivers agreed work.",
        },
        {
          doc: "sprints.md",
          heading: "Sprint rhythm",
          body: "Most teams run sprints of two weeks, planned on the first day.",
        },
        { doc: "other.md", title: "Other", heading: "Hiring", body: "Candidates meet a panel." },
      ]),
    );
    expect(sprints.search("what is a sprint").results[0]?.section.id).toBe("sprints.md#sprints");
    expect(sprints.search("how long is a sprint").results[0]?.section.id).toBe(
      "sprints.md#sprint-rhythm",
    );
  });

  it("ranks a further-reading list of links below the section that answers", () => {
    const link = (label: string) => `<https://example.com/${label.length}|${label}>`;
    const sections = buildSections([
      {
        doc: "one-on-ones.md",
        title: "One-on-ones",
        heading: "Cadence",
        body: "Hold 1:1s weekly, and never cancel a 1:1 without rescheduling it.",
      },
      {
        doc: "one-on-ones.md",
        heading: "Further reading",
        body: "Plenty has been written about 1:1s.",
      },
      { doc: "other.md", title: "Other", heading: "Hiring", body: "Candidates meet a panel." },
    ]);
    const reading = sections[1];
    if (reading === undefined) throw new Error("fixture");
    reading.blocks.push({
      text: "A guide to 1:1s. Better 1:1s. Questions for 1:1s. The 1:1s podcast.",
      mrkdwn: [
        `• ${link("A guide to 1:1s")}`,
        `• ${link("Better 1:1s")}`,
        `• ${link("Questions for 1:1s")}`,
        `• ${link("The 1:1s podcast")}`,
      ].join("\n"),
    });
    const oneOnOnes = createSearchIndex(sections);
    expect(oneOnOnes.search("1:1s").results[0]?.section.id).toBe("one-on-ones.md#cadence");
    expect(oneOnOnes.search("further reading on 1:1s").results[0]?.section.id).toBe(
      "one-on-ones.md#further-reading",
    );
  });

  it("needs a body to say the question's words together when no heading names them", () => {
    const reporting = createSearchIndex(
      buildSections([
        {
          doc: "reporting.md",
          title: "Reporting",
          heading: "Operational measures",
          body: [
            "Progress and quality are monitored across the project.",
            "Milestone reports and a weekly status update go to customer leadership.",
          ],
          questions: ["Does a delivery manager track code-review SLAs and sprint metrics?"],
        },
        { doc: "other.md", title: "Other", heading: "Hiring", body: "Candidates meet a panel." },
      ]),
    );
    // "project" in the body, "track" only in an author question: scattered, weaker evidence
    // than the same section saying the question's words together. (Whether weaker evidence is
    // still enough is the fitted decision's call, not a hard rule any more.)
    const scattered = reporting.search("is the project on track").decision;
    const together = reporting.search("is quality monitored across the project").decision;
    expect(scattered.features.blockCoverage).toBeLessThan(together.features.blockCoverage);
    expect(scattered.probability).toBeLessThan(together.probability);
    expect(together.tier).toBe("answer");
  });

  it("ranks a section covering all of the question above one scoring high on part of it", () => {
    const contacts = createSearchIndex(
      buildSections([
        {
          doc: "a.md",
          title: "Alpha",
          heading: "Escalation paths",
          body: "Who to call, in order, when something breaks.",
        },
        {
          doc: "b.md",
          title: "Beta",
          heading: "Contacts",
          body: "The delivery manager handles escalation with the customer directly.",
        },
        ...Array.from({ length: 3 }, (_, i) => ({
          doc: `c${i}.md`,
          title: `Gamma ${i}`,
          body: "Weekly notes for the customer go out on Fridays.",
        })),
        ...Array.from({ length: 5 }, (_, i) => ({
          doc: `d${i}.md`,
          title: `Delta ${i}`,
          body: "Unrelated text about calendars and rooms.",
        })),
      ]),
    );
    // "Escalation" in a heading outscores it in a body, but that section never mentions customers.
    expect(contacts.search("customer escalation").results[0]?.section.id).toBe("b.md#contacts");
  });

  it("finds a hyphenated heading word typed joined up", () => {
    const ceremonies = createSearchIndex(
      buildSections([
        {
          doc: "ceremonies.md",
          title: "Ceremonies",
          heading: "Daily stand-ups",
          body: "The team meets for fifteen minutes every morning.",
        },
        { doc: "other.md", title: "Other", heading: "Hiring", body: "Candidates meet a panel." },
      ]),
    );
    const response = ceremonies.search("standups");
    expect(response.results[0]?.section.id).toBe("ceremonies.md#daily-stand-ups");
    expect(response.decision.tier).toBe("answer");
  });

  it("returns nothing for a question made only of stop words", () => {
    const response = index.search("what is it?");
    expect(response.results).toEqual([]);
    expect(response.decision.tier).not.toBe("answer");
    expect(response.decision.tier).toBe("none");
    expect(response.decision.reason).toMatch(/no section contains/);
  });

  it("reads only the first MAX_QUESTION_CHARS characters of a question, and says so", () => {
    const filler = "and ".repeat(MAX_QUESTION_CHARS / 4);
    const late = index.search(`${filler} pods`);
    expect(late.truncated).toBe(true);
    // The topic came after the cut: it was not read.
    expect(late.results).toEqual([]);
    const early = index.search(`pods ${filler}`);
    expect(early.truncated).toBe(true);
    expect(early.results[0]?.section.document.path).toBe("pods.md");
    expect(index.search("pods").truncated).toBeUndefined();
  });

  it("never answers with a heading that has no text of its own", () => {
    const nested = createSearchIndex(
      buildSections([
        { doc: "leave.md", title: "Time away", heading: "Parental leave", body: [] },
        {
          doc: "leave.md",
          title: "Time away",
          heading: "How to apply",
          breadcrumb: ["Parental leave", "How to apply"],
          body: "Tell your manager a month ahead and fill in the form.",
        },
      ]),
    );
    const ids = nested.search("parental leave").results.map((r) => r.section.id);
    expect(ids).toEqual(["leave.md#how-to-apply"]);
  });

  it("puts a section that is mostly links below one that says something", () => {
    const sections = buildSections([
      {
        doc: "values.md",
        title: "Values",
        heading: "Further reading",
        body: "Company values, Values in practice, Values and hiring",
      },
      {
        doc: "culture.md",
        title: "Culture",
        heading: "How we work",
        body: "Our company values are openness and care; we hire for them.",
      },
    ]);
    const links = sections[0];
    if (links === undefined) throw new Error("no section");
    links.blocks = [
      {
        text: links.text,
        mrkdwn:
          "<https://a.example|Company values>, <https://b.example|Values in practice>, <https://c.example|Values and hiring>",
      },
    ];
    const ranked = createSearchIndex(sections).search("company values");
    expect(ranked.results[0]?.section.id).toBe("culture.md#how-we-work");
    const without = createSearchIndex(sections, { disable: new Set(["link-list-demotion"]) });
    expect(without.search("company values").results[0]?.section.id).toBe(
      "values.md#further-reading",
    );
  });

  it("puts one person's README below the policy it mentions in passing", () => {
    // The README is short and says "vacation days" as a phrase, so BM25F alone ranks it first.
    const sections = buildSections([
      {
        doc: "team/readmes/jane-doe.md",
        title: "Jane Doe's README",
        heading: "How I work",
        body: "I take my vacation days in August; ping me before them. I reply within a day.",
      },
      {
        doc: "people/holidays.md",
        title: "Holidays",
        heading: "Holiday allowance",
        body:
          "Everyone gets 25 days of paid vacation a year, plus public holidays. Book leave " +
          "in the HR system and tell your team in the planning channel a week ahead. Unused " +
          "days carry over to the first quarter of the next year; after that they lapse.",
      },
    ]);
    const question = "how many vacation days do we get";
    const ranked = createSearchIndex(sections).search(question);
    expect(ranked.results[0]?.section.document.path).toBe("people/holidays.md");
    const without = createSearchIndex(sections, { disable: new Set(["personal-page-demotion"]) });
    expect(without.search(question).results[0]?.section.document.path).toBe(
      "team/readmes/jane-doe.md",
    );
  });

  it("decides the same whatever number of results is asked for", () => {
    for (const query of ["what is velocity", "how many specialists in a pod", "risk log"]) {
      const full = index.search(query);
      for (const limit of [1, 2, 10]) {
        expect(index.search(query, { limit }).decision, `${query} @${limit}`).toEqual(
          full.decision,
        );
      }
    }
  });

  it("respects the limit", () => {
    expect(index.search("team", { limit: 2 }).results).toHaveLength(2);
    expect(index.search("team", { limit: 0 }).results).toHaveLength(0);
    expect(index.search("team").results).toHaveLength(5);
  });

  it("orders deterministically, ties broken by section order", () => {
    const twins = buildSections([
      { doc: "a.md", title: "Alpha", body: "Budget approval." },
      { doc: "b.md", title: "Beta", body: "Budget approval." },
      { doc: "c.md", title: "Gamma", body: "Budget approval." },
    ]);
    const reversed = createSearchIndex([...twins].reverse());
    const ids = reversed.search("budget").results.map((r) => r.section.id);
    expect(ids).toEqual(["a.md", "b.md", "c.md"]);
    expect(index.search("sprint team").results).toEqual(index.search("sprint team").results);
  });

  describe("query analysis slips seen on held-out questions", () => {
    const slips = createSearchIndex(
      buildSections([
        {
          doc: "meetings.md",
          title: "Meetings",
          heading: "1-1 meetings",
          body: "Managers hold a 1-1 with each report every two weeks.",
        },
        {
          doc: "cycles.md",
          title: "Cycles",
          heading: "Cooldown",
          body: "A cooldown week follows.",
        },
        { doc: "plans.md", title: "Plans", heading: "Bets", body: "Bets are placed in cooldown." },
        {
          doc: "work.md",
          title: "Work",
          heading: "Blocked work",
          body: "Say when you are blocked.",
        },
        {
          doc: "rota.md",
          title: "Rota",
          heading: "On-call",
          body: "The on-call engineer answers pages.",
        },
        {
          doc: "calls.md",
          title: "Calls",
          heading: "Video calls",
          body: "Calls use the video tool.",
        },
        { doc: "tools.md", title: "Tools", heading: "Use of tools", body: "Use approved tools." },
        { doc: "x.md", title: "Oncall notes", body: "Oncall handover notes." },
        { doc: "y.md", title: "Oncall pay", body: "Oncall is paid." },
      ]),
    );
    const top = (q: string) => slips.search(q).results[0]?.section.id;

    it("reads 1:1 as the 1-1 the handbook writes, and the other way round", () => {
      expect(top("how often are 1:1s")).toBe("meetings.md#1-1-meetings");
      expect(top("1-1 meetings")).toBe("meetings.md#1-1-meetings");
    });

    it("joins a word and a particle the handbook writes as one word", () => {
      expect(top("what is cool down")).toBe("cycles.md#cooldown");
      // "on" is a stop word: without joining, "call" alone would find the video calls.
      expect(slips.search("who is on call").results[0]?.matchedTerms).toContain("oncall");
      expect(top("who is on call")).not.toBe("calls.md#video-calls");
    });

    it("joins them when the handbook writes the compound once and never the word alone", () => {
      const small = createSearchIndex(
        buildSections([
          {
            doc: "cycles.md",
            title: "Cycles",
            heading: "Cooldown",
            body: "Two weeks between cycles for fixing bugs.",
          },
          {
            doc: "pay.md",
            title: "Pay",
            heading: "Payday",
            body: "Salaries are paid on the last working day.",
          },
          { doc: "calls.md", title: "Calls", heading: "Video calls", body: "Calls use video." },
          { doc: "rota.md", title: "Rota", heading: "On-call", body: "Pages go to the rota." },
        ]),
      );
      // "cool" is nowhere alone: the compound is the only reading that means anything.
      expect(small.search("what happens during cool down").results[0]?.section.id).toBe(
        "cycles.md#cooldown",
      );
      // "call" is a word of its own here, so one "on-call" section is not enough to join on:
      // the two-section rule still guards against one-off strings.
      expect(small.search("who is on call").results[0]?.matchedTerms).not.toContain("oncall");
    });

    it("reads a word and its particle in the text as the compound a question names", () => {
      const leave = createSearchIndex(
        buildSections([
          {
            doc: "benefits.md",
            title: "Benefits",
            heading: "Paid Time Off",
            body: "Three weeks a year, and the national holidays.",
          },
          {
            doc: "holidays.md",
            title: "Holidays",
            heading: "Public holidays",
            body: "Public holidays are time off for everyone.",
          },
          {
            doc: "timesheets.md",
            title: "Timesheets",
            heading: "Time tracking",
            body: "Log your time every week. Time spent in meetings is time too.",
          },
          {
            doc: "laptops.md",
            title: "Laptops",
            heading: "Setting up your laptop",
            body: "Install the approved tools first.",
          },
          {
            doc: "repairs.md",
            title: "Repairs",
            heading: "Laptop repairs",
            body: "A broken laptop goes to IT; a new laptop is sent the same week.",
          },
        ]),
      );
      const first = (q: string) => leave.search(q).results[0]?.section.id;
      // Without the compound, "off" is a stop word and "time" alone finds the timesheets.
      expect(first("how much time off do we get")).toBe("benefits.md#paid-time-off");
      expect(first("days off per year")).toBe("benefits.md#paid-time-off");
      // "setup" typed closed finds "Setting up" written apart, whatever its inflection.
      expect(first("laptop setup")).toBe("laptops.md#setting-up-your-laptop");
    });

    it("finds blocked work from blocking", () => {
      expect(top("blocking issues")).toBe("work.md#blocked-work");
    });

    it("never turns the pronoun us into use", () => {
      const response = slips.search("can us help");
      expect(response.results.map((r) => r.section.id)).not.toContain("tools.md#use-of-tools");
    });
  });
});
