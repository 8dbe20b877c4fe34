import type { WebClient } from "@slack/web-api";
import type { Document, KnowledgeBase } from "../../../corpus/types.js";
import type { ListenerDeps } from "../../deps.js";
import { ownerFor } from "../../document-owner.js";
import { renderSettingsUnsaved } from "../../views/channel-settings.js";
import type { SlackMessage } from "../../views/types.js";
import {
  renderAdminOnly,
  renderAdminUsage,
  renderDocumentOwner,
  renderDocumentOwnerChanged,
  renderEscalationChannel,
  renderEscalationChannelChanged,
  renderNoSuchDocument,
} from "../../views/workspace-admin.js";
import { isWorkspaceAdmin } from "./channel-settings.js";

/** What `/dm owner …` or `/dm settings escalation …` asks for. */
export type AdminRequest =
  | { kind: "show-escalation" }
  | { kind: "set-escalation"; channel: string | "here" | undefined }
  | { kind: "show-owner"; page: string }
  | { kind: "set-owner"; page: string; user: string | undefined }
  /** `plainName`: a person or channel that arrived as a name (`@alice`), not as an id. */
  | { kind: "usage"; plainName?: string };

/**
 * An owner as typed: a person (`<@U123>`, `<@U123|name>` as escaped commands send it, or a bare
 * member id) or, as the frontmatter allows, a channel (`<#C123|name>` or its id).
 */
function readOwner(word: string): string | undefined {
  const match =
    /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(word) ?? /^([UW][A-Z0-9]{2,})$/.exec(word);
  return match?.[1] ?? readChannel(word);
}

/** A channel as typed: `<#C123>`, `<#C123|name>` or a bare channel id. */
function readChannel(word: string): string | undefined {
  const match =
    /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(word) ?? /^([CG][A-Z0-9]{2,})$/.exec(word);
  return match?.[1];
}

/**
 * The usage reply; it names a word that looks like a person or channel typed as a name: Slack
 * sends `@alice` as an id only when the command is escaped (manifest.yml), so an app installed
 * from an older manifest receives the bare name, which names nobody for sure.
 */
function usage(word: string | undefined): AdminRequest {
  return word !== undefined && /^[@#]\S/.test(word)
    ? { kind: "usage", plainName: word }
    : { kind: "usage" };
}

/**
 * Reads the admin commands: `settings escalation …`, `owner set …`, `owner clear …` and
 * `owner <page>`; undefined for anything else. The caller answers `owner <page>` as a question
 * when `<page>` names no document (`isAdminCommand`), so "owner of the risk log?" still works.
 */
export function parseAdminRequest(text: string | undefined): AdminRequest | undefined {
  const words = (text ?? "").trim().split(/\s+/);
  const [first, second, ...rest] = words;
  const head = first?.toLowerCase();
  if ((head === "settings" || head === "setting") && second?.toLowerCase() === "escalation") {
    if (rest.length === 0) return { kind: "show-escalation" };
    const [target, ...extra] = rest;
    if (extra.length > 0 || target === undefined) return { kind: "usage" };
    const lower = target.toLowerCase();
    if (lower === "here") return { kind: "set-escalation", channel: "here" };
    if (lower === "off" || lower === "clear" || lower === "default")
      return { kind: "set-escalation", channel: undefined };
    const channel = readChannel(target);
    return channel === undefined ? usage(target) : { kind: "set-escalation", channel };
  }
  if (head !== "owner" || second === undefined) return undefined;
  const verb = second.toLowerCase();
  if (verb === "set") {
    const who = rest.at(-1);
    const user = who === undefined ? undefined : readOwner(who);
    const page = rest.slice(0, -1).join(" ");
    if (page === "") return { kind: "usage" };
    return user === undefined ? usage(who) : { kind: "set-owner", page, user };
  }
  if (verb === "clear") {
    const page = rest.join(" ");
    return page === "" ? { kind: "usage" } : { kind: "set-owner", page, user: undefined };
  }
  return { kind: "show-owner", page: [second, ...rest].join(" ") };
}

/** Whether to handle `request` as a command rather than answer the text as a question. */
export function isAdminCommand(
  request: AdminRequest | undefined,
  base: KnowledgeBase,
): request is AdminRequest {
  if (request === undefined) return false;
  return request.kind !== "show-owner" || findDocument(base, request.page) !== undefined;
}

/**
 * The document `page` names: its path as the handbook has it, with or without `.md`/`.mdx`, or
 * its exact title, ignoring case; undefined when none or several titles match.
 */
export function findDocument(base: KnowledgeBase, page: string): Document | undefined {
  const wanted = page.trim().replace(/^\/+/, "").toLowerCase();
  if (wanted === "") return undefined;
  const byPath = base.documents.find((document) => {
    const path = document.path.toLowerCase();
    return path === wanted || path.replace(/\.mdx?$/, "") === wanted;
  });
  if (byPath !== undefined) return byPath;
  const byTitle = base.documents.filter((document) => document.title.toLowerCase() === wanted);
  return byTitle.length === 1 ? byTitle[0] : undefined;
}

/**
 * The reply to an admin command. Anyone may look; only workspace admins and owners (users.info,
 * asked each time) may change, and only for their own workspace: every read and write is keyed
 * by the workspace the command came from.
 */
export async function adminReply(
  deps: ListenerDeps,
  client: WebClient,
  request: AdminRequest,
  input: { team?: string; user: string; channel: string; command: string },
): Promise<SlackMessage> {
  const { team, user, channel, command } = input;
  if (request.kind === "usage") return renderAdminUsage(command, request.plainName);
  if (request.kind === "show-escalation") {
    const own = await deps.settings.escalationChannel(team);
    return renderEscalationChannel({
      ...(own !== undefined && { own }),
      ...(deps.escalationChannel !== undefined && { fallback: deps.escalationChannel }),
      command,
    });
  }
  const base = deps.knowledge.current().base;
  const document =
    request.kind === "show-owner" || request.kind === "set-owner"
      ? findDocument(base, request.page)
      : undefined;
  if ((request.kind === "show-owner" || request.kind === "set-owner") && document === undefined)
    return renderNoSuchDocument(request.page, command);
  if (request.kind === "show-owner" && document !== undefined) {
    const owner = await ownerFor(deps, team, document);
    return renderDocumentOwner({
      title: document.title,
      path: document.path,
      ...(owner !== undefined && { owner }),
      command,
    });
  }

  if (request.kind === "set-escalation" && request.channel === "here" && !/^[CG]/.test(channel))
    return renderAdminUsage(command);
  if (!(await isWorkspaceAdmin(deps, client, user))) {
    deps.logger.info(
      { event: "workspace_setting_refused", setting: request.kind, user },
      "not allowed to change a workspace setting",
    );
    return renderAdminOnly();
  }
  if (request.kind === "set-escalation") {
    const target = request.channel === "here" ? channel : request.channel;
    if (!(await deps.settings.setEscalationChannel(team, target, user)))
      return renderSettingsUnsaved();
    deps.logger.info(
      { event: "escalation_channel", channel: target ?? null, user },
      "escalation channel changed",
    );
    return renderEscalationChannelChanged(target);
  }
  if (request.kind === "set-owner" && document !== undefined) {
    if (!(await deps.settings.setDocumentOwner(team, document.path, request.user, user)))
      return renderSettingsUnsaved();
    deps.logger.info(
      { event: "document_owner", document: document.path, owner: request.user ?? null, user },
      "document owner changed",
    );
    return renderDocumentOwnerChanged({ title: document.title, owner: request.user });
  }
  return renderAdminUsage(command);
}
