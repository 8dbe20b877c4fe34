import type { types } from "@slack/bolt";
import type { Document } from "../../corpus/types.js";
import type { SearchResponse, SearchResult } from "../../search/types.js";

/** Block Kit types, re-exported once so views do not each reach into `@slack/bolt`'s namespace. */
export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type Button = types.Button;
export type SectionBlock = types.SectionBlock;
export type ActionsBlock = types.ActionsBlock;
export type ContextActionsBlock = types.ContextActionsBlock;
export type ContextBlock = types.ContextBlock;
export type HeaderBlock = types.HeaderBlock;
export type InputBlock = types.InputBlock;
export type StaticSelect = types.StaticSelect;
export type PlainTextOption = types.PlainTextOption;

/** A message payload for chat.postMessage / postEphemeral / respond. */
export interface SlackMessage {
  /** Plain fallback for notifications and screen readers; never empty. */
  text: string;
  blocks: KnownBlock[];
}

export interface ReplyContext {
  /** Base URL of the published docs; a document's link is this plus its path without `.md`. */
  docsBaseUrl?: string;
  /** True when the reply is only visible to the asker (slash command): offers "Share in channel". */
  ephemeral?: boolean;
  /** Slack user id of whoever shared the answer into the channel. */
  sharedBy?: string;
  /** The slash command as installed (`SLASH_COMMAND`), for hints; `/dm` by default. */
  command?: string;
  /** Today, for each answer's age ("reviewed 5 months ago") and review-due warning; none without. */
  now?: Date;
  /**
   * Who owns a document in the asking workspace (document-owner.ts), for the source line's
   * "Owner:"; without it the frontmatter `owner` (one workspace).
   */
  ownerOf?: (document: Document) => string | undefined;
  /** Where the reply is shown: a message (default) or the Home tab, which takes no feedback buttons. */
  surface?: "message" | "home";
}

export interface HomeViewOptions extends ReplyContext {
  /** The question typed into the Home search box, if any. */
  query?: string;
  /** The search response for `query`; shown above the table of contents. */
  response?: SearchResponse;
  /** 0-based page of the table of contents. */
  page?: number;
  /** A section chosen for `query` (a related result, a suggested topic): shown instead of `response`'s top. */
  answer?: Answer;
}

/** One section given as the reply to a question (views/answer.ts renders it). */
export interface Answer {
  query: string;
  result: SearchResult;
  related: SearchResult[];
  /**
   * The asker picked this section from the topics suggested for `query`, which it does not
   * answer: the question is not echoed above it, and the reply says the topic was picked.
   */
  picked?: boolean;
  /**
   * A best match, not a confident answer: labelled as possibly relevant, and the related
   * results are offered as the alternatives to look at.
   */
  tentative?: boolean;
}
