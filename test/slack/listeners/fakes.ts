/**
 * Fakes for listener tests, in the spirit of slack-samples' bolt-ts-starter-template
 * `buildArgs`: Bolt's arguments as plain objects with vi.fn methods, a logger whose real
 * pino lines are captured and parsed, and a small knowledge base built in code.
 */
import { vi } from "vitest";
import type { Document, KnowledgeBase, Section } from "../../../src/corpus/types.js";
import type { Knowledge, KnowledgeSource } from "../../../src/knowledge/types.js";
import type { SearchIndex, SearchResponse, SearchResult } from "../../../src/search/types.js";
import type { ChannelMode } from "../../../src/slack/conversations/channel-modes.js";
import { createEscalationStore } from "../../../src/slack/conversations/escalations.js";
import { createThreadMemory } from "../../../src/slack/conversations/thread-memory.js";
import type { WorkspaceSettings } from "../../../src/slack/conversations/workspace-settings.js";
import { createDedupe } from "../../../src/slack/dedupe.js";
import type { ListenerDeps } from "../../../src/slack/deps.js";
import type { BlockActionArgs, EventArgs } from "../../../src/slack/listeners/types.js";
import { captureLogger, decisionOf, type LogLine } from "../../helpers.js";

export { captureLogger, type LogLine };

export function makeDocument(path: string, title: string, extra: Partial<Document> = {}): Document {
  return { path, title, tags: [], order: 1, sources: [], aliases: [], ...extra };
}

export function makeSection(
  document: Document,
  heading: string,
  text: string,
  order: number,
): Section {
  const slug = heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return {
    id: `${document.path}#${slug}`,
    document,
    heading,
    breadcrumb: [heading],
    depth: 2,
    order,
    line: order * 10,
    blocks: [{ text, mrkdwn: text }],
    text,
    questions: [],
  };
}

export const retroDoc = makeDocument("rituals/retrospective.md", "Retrospectives", {
  owner: "U0OWNER",
});
export const riskDoc = makeDocument("delivery/risks.md", "Risks and issues");
export const retroSection = makeSection(
  retroDoc,
  "Running a retrospective",
  "Hold a retrospective at the end of every sprint. Keep it to an hour.",
  1,
);
export const retroActions = makeSection(
  retroDoc,
  "Following up actions",
  "Give every action an owner and a date.",
  2,
);
export const riskSection = makeSection(
  riskDoc,
  "Keeping a risk log",
  "A risk log lists each risk, its owner and its mitigation.",
  3,
);

export function makeBase(): KnowledgeBase {
  return {
    root: "/handbook",
    documents: [retroDoc, riskDoc],
    sections: [retroSection, retroActions, riskSection],
    warnings: [],
  };
}

export function result(section: Section, score: number): SearchResult {
  return { section, score, matchedTerms: ["retrospective"] };
}

export function confidentResponse(query: string): SearchResponse {
  return {
    query,
    results: [result(retroSection, 0.9), result(retroActions, 0.5), result(riskSection, 0.2)],
    decision: decisionOf("answer"),
  };
}

export function unsureResponse(query: string): SearchResponse {
  return {
    query,
    results: [result(riskSection, 0.1), result(retroSection, 0.05)],
    decision: decisionOf("none"),
  };
}

/** A knowledge source whose index answers with `respond(query)` and records every query. */
export function fakeKnowledge(respond: (query: string) => SearchResponse = confidentResponse) {
  const search = vi.fn((query: string) => respond(query));
  const index: SearchIndex = { size: 3, search };
  const knowledge: Knowledge = { base: makeBase(), index, loadedAt: 0 };
  const source: KnowledgeSource = { current: () => knowledge };
  return { source, search, knowledge };
}

export function makeDeps(
  options: {
    respond?: (query: string) => SearchResponse;
    docsBaseUrl?: string;
    /** SLASH_COMMAND, when the test renames the command. */
    command?: string;
    /** Wall clock in ms, for answers' age. */
    now?: () => number;
    escalationChannel?: string;
    /** Served to several workspaces (OAuth). */
    multiWorkspace?: boolean;
  } = {},
) {
  const log = captureLogger();
  const knowledge = fakeKnowledge(options.respond);
  let tick = 0;
  const drafts = fakeDrafts();
  const deps: ListenerDeps = {
    logger: log.logger,
    knowledge: knowledge.source,
    dedupe: createDedupe({ ttlMs: 60_000, max: 100 }),
    docsBaseUrl: options.docsBaseUrl,
    ...(options.command !== undefined && { command: options.command }),
    ...(options.now !== undefined && { now: options.now }),
    threads: createThreadMemory({ ttlMs: 60_000, max: 100 }),
    escalations: createEscalationStore({ max: 100 }),
    settings: fakeSettings(),
    ...(options.multiWorkspace !== undefined && { multiWorkspace: options.multiWorkspace }),
    drafts,
    ...(options.escalationChannel !== undefined && {
      escalationChannel: options.escalationChannel,
    }),
    // Each reading advances 5 ms, so a query line's `ms` is exactly 5.
    clock: () => {
      tick += 5;
      return tick;
    },
  };
  return { deps, log, search: knowledge.search, knowledge: knowledge.knowledge, drafts };
}

/** A draft writer that keeps what it is given; `write` is a vi.fn a test can make fail. */
export function fakeDrafts() {
  const written = new Map<string, string>();
  return {
    written,
    write: vi.fn(async (stem: string, text: string) => {
      const file = `slack-drafts/${stem}.md`;
      written.set(file, text);
      return file;
    }),
  };
}

/**
 * Workspace settings in memory, keyed by workspace as the PostgreSQL store keys them: every
 * channel in `mention` mode, no escalation channel and no owner until set.
 */
export function fakeSettings(): WorkspaceSettings {
  const modes = new Map<string, ChannelMode>();
  const escalation = new Map<string, string>();
  const owners = new Map<string, string>();
  const key = (team: string | undefined, id: string) => `${team ?? ""}/${id}`;
  const put = (map: Map<string, string>, at: string, value: string | undefined) => {
    if (value === undefined) map.delete(at);
    else map.set(at, value);
    return true;
  };
  return {
    channelMode: async (team, channel) => modes.get(key(team, channel)) ?? "mention",
    setChannelMode: async (team, channel, mode) => {
      modes.set(key(team, channel), mode);
      return true;
    },
    escalationChannel: async (team) => escalation.get(team ?? ""),
    setEscalationChannel: async (team, channel) => put(escalation, team ?? "", channel),
    documentOwner: async (team, document) => owners.get(key(team, document)),
    documentOwners: async (team) => {
      const prefix = key(team, "");
      return new Map(
        [...owners]
          .filter(([at]) => at.startsWith(prefix))
          .map(([at, user]) => [at.slice(prefix.length), user]),
      );
    },
    setDocumentOwner: async (team, document, user) => put(owners, key(team, document), user),
  };
}

/** An error shaped like @slack/web-api's WebAPIPlatformError. */
export function platformError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error: code },
  });
}

/** An error shaped like Bolt's RespondError (response_url answered non-2xx). */
export function respondError(status = 404): Error {
  return Object.assign(new Error(`Failed to respond to the response_url: ${status}`), {
    code: "slack_bolt_respond_error",
    statusCode: status,
  });
}

export function fakeClient() {
  return {
    chat: {
      postMessage: vi.fn(async (_args: Record<string, unknown>) => ({
        ok: true,
        ts: "1700000000.000900",
      })),
      update: vi.fn(async (_args: Record<string, unknown>) => ({ ok: true })),
      unfurl: vi.fn(async (_args: Record<string, unknown>) => ({ ok: true })),
      getPermalink: vi.fn(async (args: Record<string, unknown>) => ({
        ok: true,
        permalink: `https://team.slack.test/archives/${String(args.channel)}/p${String(args.message_ts).replace(".", "")}`,
      })),
    },
    conversations: {
      replies: vi.fn(async (_args: Record<string, unknown>) => ({
        ok: true,
        messages: [] as Record<string, unknown>[],
      })),
    },
    views: {
      open: vi.fn(async (_args: Record<string, unknown>) => ({ ok: true })),
      push: vi.fn(async (_args: Record<string, unknown>) => ({ ok: true })),
      publish: vi.fn(async (_args: Record<string, unknown>) => ({ ok: true })),
    },
  };
}

export type FakeClient = ReturnType<typeof fakeClient>;

/** The first argument of the only call to `fn`. */
export function onlyCall<T>(fn: { mock: { calls: T[][] } }): T {
  if (fn.mock.calls.length !== 1) throw new Error(`expected one call, got ${fn.mock.calls.length}`);
  return fn.mock.calls[0]?.[0] as T;
}

/** Every text in a Block Kit payload, for "does it mention X" checks. */
export function textOf(payload: unknown): string {
  return JSON.stringify(payload);
}

/** Bolt's event-listener arguments for one event (`message` too, as Bolt sets it for messages). */
export function eventArgs<Type extends string>(event: Record<string, unknown>) {
  const client = fakeClient();
  const args = {
    event,
    message: event,
    payload: event,
    body: { event },
    client,
    context: { botUserId: "U0BOT0001", teamId: "T1" },
  };
  return { args: args as unknown as EventArgs<Type>, client };
}

export interface ActionSpec {
  actionId: string;
  /** The element type; `button` (or `static_select` when `selected` is set) by default. */
  type?: string;
  value?: string;
  /** For selects: the chosen option's value. */
  selected?: string;
  container?: Record<string, unknown>;
  channel?: { id: string; name: string };
  message?: Record<string, unknown>;
  view?: Record<string, unknown>;
}

/** Bolt's block_actions arguments for one clicked element. */
export function actionArgs(spec: ActionSpec) {
  const client = fakeClient();
  const ack = vi.fn(async (..._args: unknown[]) => {});
  const respond = vi.fn(async (_message: Record<string, unknown>) => ({}));
  const action = {
    type: spec.type ?? (spec.selected !== undefined ? "static_select" : "button"),
    action_id: spec.actionId,
    block_id: "b1",
    action_ts: "1700000001.000001",
    ...(spec.value !== undefined && { value: spec.value }),
    ...(spec.selected !== undefined && {
      selected_option: { value: spec.selected, text: { type: "plain_text", text: "x" } },
    }),
  };
  const body = {
    type: "block_actions",
    user: { id: "U0CLICK01", username: "clicker", team_id: "T1" },
    team: { id: "T1", domain: "team" },
    api_app_id: "A1",
    token: "verification-token",
    trigger_id: "trigger-42",
    response_url: "https://hooks.slack.test/actions/42",
    container: spec.container ?? {},
    actions: [action],
    ...(spec.channel && { channel: spec.channel }),
    ...(spec.message && { message: spec.message }),
    ...(spec.view && { view: spec.view }),
  };
  const args = {
    ack,
    respond,
    client,
    body,
    action,
    payload: action,
    context: { botUserId: "U0BOT0001", teamId: "T1" },
  };
  return { args: args as unknown as BlockActionArgs, ack, respond, client };
}

/** Container of a button on an ephemeral `/dm` answer. */
export const ephemeralContainer = {
  type: "message",
  message_ts: "1700000000.000300",
  channel_id: "C0TEAM001",
  is_ephemeral: true,
};
