/**
 * General English word data for text analysis: no handbook-specific words. Each list earns
 * its place on the dev splits (src/search/README.md, "What each rule earns").
 */

/**
 * Function words, question words and chat filler: they say how a question is asked, not what
 * it is about. Content words that are short ("pod", "pto", "vpn") are deliberately absent.
 * "us" is here because the stemmer makes "use" the same term (so "can us help" matched "use").
 * The `stopword` package's English list was compared: it adds only weak verbs (get, make, take,
 * come), which WEAK_WORDS below keeps at a low weight instead, and never/said/since/well.
 * The last two lines are contractions as chat types them, without the apostrophe ("im", "dont",
 * "cant"), and "thru": read as topics, "im" matched "IM" and weighed as a rare word. Dev splits,
 * seventh session: Mattermost top1 0.54 → 0.56, Sourcegraph 0.38 → 0.44, Basecamp top3 +1,
 * nothing lower. "id", "ill" and "lets" are left out: each is also a word ("ID badge", "ill").
 * "able" (after "another") is "be able to" and the suffix of "foia-able", split off at the
 * hyphen: 18F dev top1 0.65 → 0.66, nothing lower. "used" as a wrapper verb moved nothing.
 * "tbh" (tenth session): a role question on the sixth blind batch, p 0.78 → 0.95; "imo",
 * "btw", "fyi", "idk" were tried with it and moved nothing (no dev question uses them).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before
  being below between both but by can cannot could couldn did didn do does doesn doing don down
  during each few for from further had hadn has hasn have haven having he her here hers herself
  him himself his how i if in into is isn it its itself just let me more most my myself no nor
  not of off on once only or other ought our ours ourselves out over own same shan she should
  shouldn so some such than that the their theirs them themselves then there these they this
  those through to too under until up us very was wasn we were weren what whats when where which
  while who whom whose why will with won would wouldn you your yours yourself yourselves
  also anyone anything everyone everything every etc eg ie via vs versus per
  hi hello hey please thanks thank tell explain mean means meaning meant kind kinds sort sorts
  way ways much many lot lots thing things something someone somebody really actually exactly like whether
  basically literally simply generally probably maybe perhaps definitely certainly quite rather
  always ever even still already yet though anyway ok okay yeah yes stuff whatever
  must might shall another able
  im ive youre youve youll theyre theyve weve thats theres whos wheres hows dont doesnt didnt
  cant couldnt wouldnt shouldnt isnt arent wasnt werent havent hasnt hadnt thru
  ty thx tia pls plz lmk cheers hiya tbh`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/**
 * Everyday verbs and time words people wrap a question in ("how do I *get* …", "what *happens*
 * …", "… *today*"). They are kept, since they sometimes matter, but weigh little: in a small
 * knowledge base their rarity would otherwise make them look like the topic.
 * The last line, the asker's own hedging ("i *think* my laptop has a virus", "which level is
 * *supposed* to lead", "a *proper* team space"), earned Clef top1 0.60 → 0.63 and Basecamp
 * 0.50 → 0.53 (think, supposed), role 0.81 → 0.82 and DfE 0.45 → 0.50 (proper) on the dev
 * splits (seventh session), nothing lower. "become" was tried with them and dropped: it is the
 * topic of "people who want to become leaders" (Mattermost −1).
 */
export const WEAK_WORDS: ReadonlySet<string> = new Set(
  `get gets getting make makes making use uses using need needs needed want wants wanted find
  go goes going take takes taking give gives giving know knows see look looking happen happens
  happened happening work works come comes keep let try start stop today tomorrow yesterday
  now currently usually normally recently lately help helps helping helped expect expected enough
  day days
  think thinks thinking suppose supposed proper`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/**
 * Irregular forms a suffix stemmer cannot reach ("paid" never becomes "pay"). General English,
 * not tied to any knowledge base.
 */
export const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    paid: "pay",
    made: "make",
    ran: "run",
    wrote: "write",
    written: "write",
    went: "go",
    gone: "go",
    did: "do",
    done: "do",
    got: "get",
    gotten: "get",
    took: "take",
    taken: "take",
    gave: "give",
    given: "give",
    brought: "bring",
    bought: "buy",
    thought: "think",
    felt: "feel",
    kept: "keep",
    led: "lead",
    met: "meet",
    sent: "send",
    spent: "spend",
    taught: "teach",
    told: "tell",
    understood: "understand",
    began: "begin",
    begun: "begin",
    chose: "choose",
    chosen: "choose",
    knew: "know",
    known: "know",
    grew: "grow",
    grown: "grow",
    held: "hold",
    found: "find",
    built: "build",
    lost: "lose",
    won: "win",
    spoke: "speak",
    spoken: "speak",
    saw: "see",
    seen: "see",
    came: "come",
    became: "become",
    paying: "pay",
    pays: "pay",
    people: "person",
    children: "child",
    men: "man",
    women: "woman",
  }),
);

/** English phrasal-verb particles: the stop words that form compounds ("setup", "oncall"). */
export const PARTICLES: ReadonlySet<string> = new Set([
  "up",
  "down",
  "in",
  "out",
  "on",
  "off",
  "over",
  "back",
  "away",
]);

/**
 * Particles that also join the word before them in the handbook's text ("time off" →
 * "timeoff", "set up" → "setup"), so that a question's compound finds the phrase however the
 * handbook writes it ("Paid Time Off" for "how much time off do we get"). "in" and "on" are
 * left out: after a word they are mostly prepositions ("work in Slack"), and joining them too
 * cost 0.02 top1 on the Mattermost dev set and 0.05 abstain on the earlier 18F set (2026-12-07).
 */
export const JOINING_PARTICLES: ReadonlySet<string> = new Set([
  "up",
  "down",
  "out",
  "off",
  "over",
  "back",
  "away",
]);

/**
 * What people wrap a question in on Slack, around it rather than in it: greetings and
 * addressing ("hey team,", "morning all!"), thanks ("ty", "cheers", "thanks in advance"),
 * apologies and hedges about asking ("sorry, dumb question:", "random q -"), requests ("pls",
 * "lmk", "asap"), and where the asker expects the answer to be written ("according to the
 * handbook,", "(per the wiki)"). Most are topics somewhere ("team", "question", "help", "advance"), so they are
 * dropped only as a whole clause of such words at the start or end of a question, or as the
 * frame before its question word ("does anyone *know* how …": `withoutChatPadding` in
 * query.ts), never from inside it.
 */
export const CHAT_PADDING: ReadonlySet<string> = new Set(
  `hey heya hiya yo hi hello morning afternoon evening good all everyone everybody folks guys
  team people bot
  thanks thank thx ty tia cheers appreciated appreciate advance kudos
  quick question questions q random dumb silly stupid basic wondering wonder curious sorry
  apologies apologize help anyone anybody someone somebody know
  pls plz please lmk asap rush
  according handbook handbooks docs doc documentation documented wiki guide manual written`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
