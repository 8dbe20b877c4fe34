/**
 * The driver API for tests and the playground: people acting in the workspace (a command, a DM,
 * a mention, a channel message, a shortcut, the Home tab) and using what the bot showed them
 * (buttons, menus, text inputs, modal submissions), each delivered to the bot as Slack would.
 */

import type {
  ControlSelector,
  DeliveryOptions,
  EventOptions,
  LocalSlack,
  MessageInput,
  SlashCommandInput,
  SlashCommandOptions,
} from "./api.js";
import { actionPayload, type Control, listControls, menuOptions } from "./controls.js";
import type { Delivery as Transporter } from "./delivery.js";
import { isObject } from "./http.js";
import {
  type ActionSource,
  buildAppMention,
  buildBlockActions,
  buildEventCallback,
  buildMessageEvent,
  buildMessageShortcut,
  buildSlashCommand,
  buildViewSubmission,
} from "./payloads.js";
import { describeCall, type Recorder } from "./recorder.js";
import type { ResponseUrls } from "./response-urls.js";
import type { Delivery, JsonObject, RecordedCall, Surface } from "./types.js";
import type { StoredView, Workspace } from "./workspace.js";

function pickControl(controls: Control[], selector: ControlSelector): Control | undefined {
  if (typeof selector === "number") return controls[selector];
  if (typeof selector === "string") return controls.find((c) => c.actionId === selector);
  return controls.find(selector);
}

function blocksOfCall(call: RecordedCall): unknown {
  if (isObject(call.args.view)) return call.args.view.blocks;
  return call.args.blocks;
}

/** The state Slack keeps for a view's inputs: every input, with its typed or initial value. */
function initialState(blocks: unknown): JsonObject {
  const values: JsonObject = {};
  for (const control of listControls(blocks)) {
    if (!control.inInputBlock) continue;
    const entry: JsonObject = { type: control.element.type };
    if (control.kind === "text_input") entry.value = control.value ?? null;
    if (control.kind === "select") entry.selected_option = control.element.initial_option ?? null;
    values[control.blockId] = {
      ...(values[control.blockId] as JsonObject | undefined),
      [control.actionId]: entry,
    };
  }
  return values;
}

export interface DriverDeps {
  workspace: Workspace;
  recorder: Recorder;
  delivery: Transporter;
  responseUrls: ResponseUrls;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl(): string;
  defaultUser: string;
  defaultChannel: string;
  slashCommand: string;
}

export type Driver = Pick<
  LocalSlack,
  | "sendSlashCommand"
  | "sendEvent"
  | "sendDirectMessage"
  | "sendMention"
  | "sendLinkShared"
  | "sendChannelMessage"
  | "useMessageShortcut"
  | "openHome"
  | "sendInteraction"
  | "controls"
  | "clickButton"
  | "selectOption"
  | "enterText"
  | "submitView"
>;

export function createDriver(deps: DriverDeps): Driver {
  const { workspace, defaultUser, defaultChannel, slashCommand } = deps;
  const { record } = deps.recorder;
  const { deliver } = deps.delivery;
  const { showResponse } = deps.responseUrls;
  const viewStates = new Map<string, JsonObject>();

  function hasMessage(body: JsonObject): boolean {
    return (
      (typeof body.text === "string" && body.text.length > 0) ||
      (Array.isArray(body.blocks) && body.blocks.length > 0)
    );
  }

  async function sendSlashCommand(
    input: SlashCommandInput,
    options: SlashCommandOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? defaultChannel;
    const id = workspace.newEnvelopeId();
    const target = workspace.newResponseUrl({ user, channel, deliveryId: id });
    const responseUrl = `${deps.baseUrl()}/response/${target.id}`;
    const triggerId = workspace.newTrigger(user);
    const payload = buildSlashCommand(workspace, {
      command: input.command ?? slashCommand,
      text: input.text,
      user,
      channel,
      responseUrl,
      triggerId,
    });
    if (options.teamId !== undefined) payload.team_id = options.teamId;
    const ack = await deliver("slash_commands", payload, options, id);
    if (ack.status === 200 && hasMessage(ack.payload)) {
      // Slack shows a slash command's ack body to the user, like a response_url post.
      const surface = showResponse(ack.payload, target);
      record({
        method: "ack_response",
        args: ack.payload,
        status: 200,
        response: { ok: true },
        origin: { user, channel, responseUrlId: target.id, deliveryId: id },
        ...(surface ? { surface } : {}),
      });
    }
    return {
      id,
      type: "slash_commands",
      transport: ack.transport,
      payload,
      ack,
      responseUrl,
      triggerId,
    };
  }

  async function sendEvent(event: JsonObject, options: EventOptions = {}): Promise<Delivery> {
    const nowMs = Date.now();
    const filled: JsonObject = {
      ...event,
      event_ts: typeof event.event_ts === "string" ? event.event_ts : workspace.newTs(nowMs),
    };
    if (filled.type !== "app_home_opened" && filled.team === undefined)
      filled.team = workspace.teamId;
    const eventId = options.eventId ?? workspace.newEventId();
    if (options.teamId !== undefined && filled.type !== "app_home_opened")
      filled.team = options.teamId;
    const payload = buildEventCallback(
      workspace,
      filled,
      eventId,
      Math.floor(nowMs / 1000),
      options.teamId,
    );
    const id = workspace.newEnvelopeId();
    const ack = await deliver("events_api", payload, options, id);
    return { id, type: "events_api", transport: ack.transport, payload, ack, eventId };
  }

  function storeUserMessage(
    channel: string,
    user: string,
    text: string,
    thread_ts?: string,
  ): string {
    const ts = workspace.newTs();
    workspace.storeMessage({
      channel,
      ts,
      user,
      text,
      ephemeral: false,
      ...(thread_ts ? { thread_ts } : {}),
    });
    return ts;
  }

  async function sendDirectMessage(
    input: MessageInput,
    options: EventOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? workspace.imFor(user).id;
    const ts = storeUserMessage(channel, user, input.text, input.thread_ts);
    const event = buildMessageEvent(workspace, {
      text: input.text,
      user,
      channel,
      ts,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    });
    return sendEvent(event, options);
  }

  async function sendMention(input: MessageInput, options: EventOptions = {}): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? defaultChannel;
    const mention = `<@${workspace.botUserId}>`;
    const text = input.text.includes(mention) ? input.text : `${mention} ${input.text}`;
    const ts = storeUserMessage(channel, user, text, input.thread_ts);
    const event = buildAppMention(workspace, {
      text,
      user,
      channel,
      ts,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    });
    return sendEvent(event, options);
  }

  async function sendLinkShared(
    input: { urls: string[]; channel?: string; user?: string },
    options: EventOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const channel = input.channel ?? defaultChannel;
    const ts = storeUserMessage(channel, user, input.urls.map((url) => `<${url}>`).join(" "));
    return sendEvent(
      {
        type: "link_shared",
        channel,
        user,
        message_ts: ts,
        source: "conversations_history",
        unfurl_id: `C-${ts}`,
        is_bot_user_member: true,
        links: input.urls.map((url) => ({ url, domain: new URL(url).hostname })),
      },
      options,
    );
  }

  async function sendChannelMessage(
    input: MessageInput,
    options: EventOptions = {},
  ): Promise<Delivery | undefined> {
    const user = input.user ?? defaultUser;
    const channel = workspace.channel(input.channel ?? defaultChannel);
    const ts = storeUserMessage(channel.id, user, input.text, input.thread_ts);
    if (channel.type === "im" || channel.botIsMember === false) return undefined;
    const event = buildMessageEvent(workspace, {
      text: input.text,
      user,
      channel: channel.id,
      ts,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    });
    return sendEvent(event, options);
  }

  async function useMessageShortcut(
    input: { callbackId: string; channel: string; ts: string; user?: string },
    options: DeliveryOptions = {},
  ): Promise<Delivery> {
    const stored = workspace.findMessage(input.channel, input.ts);
    if (!stored) throw new Error(`local Slack: no message ${input.ts} in ${input.channel}`);
    const user = input.user ?? defaultUser;
    const id = workspace.newEnvelopeId();
    const target = workspace.newResponseUrl({ user, channel: input.channel, deliveryId: id });
    const payload = buildMessageShortcut(workspace, {
      callbackId: input.callbackId,
      user,
      channel: input.channel,
      message: {
        type: "message",
        user: stored.user,
        ts: stored.ts,
        text: stored.text,
        ...(stored.thread_ts ? { thread_ts: stored.thread_ts } : {}),
      },
      triggerId: workspace.newTrigger(user),
      responseUrl: `${deps.baseUrl()}/response/${target.id}`,
    });
    return sendInteraction(payload, options, id);
  }

  async function openHome(
    input: { user?: string } = {},
    options: EventOptions = {},
  ): Promise<Delivery> {
    const user = input.user ?? defaultUser;
    const viewId = workspace.homeViews.get(user);
    const view = viewId ? workspace.views.get(viewId) : undefined;
    return sendEvent(
      {
        type: "app_home_opened",
        user,
        channel: workspace.imFor(user).id,
        tab: "home",
        ...(view ? { view: workspace.viewPayload(view, viewStates.get(view.id) ?? {}) } : {}),
      },
      options,
    );
  }

  async function sendInteraction(
    payload: JsonObject,
    options: DeliveryOptions = {},
    id = workspace.newEnvelopeId(),
  ): Promise<Delivery> {
    const ack = await deliver("interactive", payload, options, id);
    const responseUrl = typeof payload.response_url === "string" ? payload.response_url : undefined;
    const triggerId = typeof payload.trigger_id === "string" ? payload.trigger_id : undefined;
    if (payload.type === "view_submission" && isObject(payload.view)) {
      applyResponseAction(String(payload.view.id), ack.payload);
    }
    return {
      id,
      type: "interactive",
      transport: ack.transport,
      payload,
      ack,
      ...(responseUrl ? { responseUrl } : {}),
      ...(triggerId ? { triggerId } : {}),
    };
  }

  /** What Slack does with a view_submission's ack: close the modal unless told otherwise. */
  function applyResponseAction(viewId: string, ack: JsonObject): void {
    const view = workspace.views.get(viewId);
    if (!view) return;
    const action = ack.response_action;
    if (action === "errors" || action === "push") return;
    if (action === "update" && isObject(ack.view)) {
      view.view = ack.view;
      view.hash = workspace.newHash();
      return;
    }
    if (action === "clear") {
      for (const other of workspace.views.values()) {
        if (other.root_view_id === view.root_view_id) other.closed = true;
      }
      return;
    }
    view.closed = true;
  }

  function surfaceOf(call: RecordedCall): Surface {
    if (!call.surface) {
      throw new Error(
        `local Slack: call ${describeCall(call)} showed nothing the user can interact with`,
      );
    }
    return call.surface;
  }

  function storedView(surface: Surface & { kind: "view" }): StoredView {
    const view = workspace.views.get(surface.id);
    if (!view || view.closed) throw new Error(`local Slack: view ${surface.id} is not open`);
    return view;
  }

  function actionSource(surface: Surface, stateValues: JsonObject): ActionSource {
    if (surface.kind === "view") return { kind: "view", view: storedView(surface), stateValues };
    const stored = workspace.findMessage(surface.channel, surface.ts);
    const message: JsonObject | undefined = stored
      ? {
          type: "message",
          user: stored.user,
          ...(stored.bot_id ? { bot_id: stored.bot_id, app_id: workspace.appId } : {}),
          text: stored.text,
          ...(stored.blocks ? { blocks: stored.blocks } : {}),
          ts: stored.ts,
          ...(stored.thread_ts ? { thread_ts: stored.thread_ts } : {}),
          team: workspace.teamId,
        }
      : undefined;
    return {
      kind: "message",
      channel: surface.channel,
      ts: surface.ts,
      ephemeral: surface.ephemeral,
      ...(message ? { message } : {}),
    };
  }

  function viewState(surface: Surface & { kind: "view" }): JsonObject {
    let state = viewStates.get(surface.id);
    if (!state) {
      state = initialState(storedView(surface).view.blocks);
      viewStates.set(surface.id, state);
    }
    return state;
  }

  function findControl(call: RecordedCall, selector: ControlSelector): Control {
    const controls = listControls(blocksOfCall(call));
    const control = pickControl(controls, selector);
    if (!control) {
      const known = controls.map((c) => `${c.actionId} (${c.label})`).join(", ") || "none";
      throw new Error(
        `local Slack: no control ${String(selector)} in ${describeCall(call)}; controls: ${known}`,
      );
    }
    return control;
  }

  async function sendAction(
    call: RecordedCall,
    control: Control,
    typed: string | undefined,
    options: DeliveryOptions & { user?: string },
  ): Promise<Delivery> {
    const surface = surfaceOf(call);
    const user =
      options.user ?? (surface.kind === "view" ? surface.user : surface.user) ?? defaultUser;
    const stateValues = surface.kind === "view" ? viewState(surface) : {};
    const id = workspace.newEnvelopeId();
    const responseUrl =
      surface.kind === "message"
        ? `${deps.baseUrl()}/response/${
            workspace.newResponseUrl({
              user,
              channel: surface.channel,
              deliveryId: id,
              original: { channel: surface.channel, ts: surface.ts },
            }).id
          }`
        : undefined;
    const payload = buildBlockActions(workspace, {
      user,
      source: actionSource(surface, stateValues),
      action: actionPayload(control, Date.now(), typed),
      triggerId: workspace.newTrigger(user),
      ...(responseUrl ? { responseUrl } : {}),
    });
    return sendInteraction(payload, options, id);
  }

  return {
    sendSlashCommand,
    sendEvent,
    sendDirectMessage,
    sendMention,
    sendLinkShared,
    sendChannelMessage,
    useMessageShortcut,
    openHome,
    sendInteraction,
    controls(call) {
      return listControls(blocksOfCall(call));
    },
    clickButton(call, selector, clickOptions = {}) {
      const control = findControl(call, selector);
      if (control.kind === "text_input") {
        return Promise.reject(
          new Error(`local Slack: ${control.actionId} is a text input, not a button`),
        );
      }
      return sendAction(call, control, undefined, clickOptions);
    },
    selectOption(call, selector, value, selectOptions = {}) {
      const control = findControl(call, selector);
      if (control.kind !== "select") {
        return Promise.reject(new Error(`local Slack: ${control.actionId} is not a menu`));
      }
      const values = menuOptions(control.element).map((option) => option.value);
      if (!values.includes(value)) {
        return Promise.reject(
          new Error(
            `local Slack: ${control.actionId} has no option ${JSON.stringify(value)}; options: ${values.join(", ") || "none"}`,
          ),
        );
      }
      return sendAction(call, control, value, selectOptions);
    },
    async enterText(call, selector, text, enterOptions = {}) {
      const control = findControl(call, selector);
      if (control.kind !== "text_input") {
        throw new Error(`local Slack: ${control.actionId} is not a text input`);
      }
      const surface = surfaceOf(call);
      if (surface.kind === "view") {
        const state = viewState(surface);
        const block = (
          isObject(state[control.blockId]) ? state[control.blockId] : {}
        ) as JsonObject;
        block[control.actionId] = { type: control.element.type, value: text };
        state[control.blockId] = block;
      }
      if (!control.dispatches) return undefined;
      return sendAction(call, control, text, enterOptions);
    },
    async submitView(call, submitOptions = {}) {
      const surface = surfaceOf(call);
      if (surface.kind !== "view" || surface.type !== "modal") {
        throw new Error(`local Slack: ${describeCall(call)} did not open a modal`);
      }
      const view = storedView(surface);
      const user = submitOptions.user ?? surface.user;
      const payload = buildViewSubmission(workspace, {
        user,
        view,
        stateValues: viewState(surface),
        triggerId: workspace.newTrigger(user),
      });
      return sendInteraction(payload, submitOptions);
    },
  };
}
