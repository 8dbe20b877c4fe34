/**
 * manifest.yml must install an app that can do what the code does, and no more: the same
 * slash commands, event subscriptions and interactivity the listeners register, the scopes
 * the Web API methods it calls require, and a structure Slack's published schema accepts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { App } from "@slack/bolt";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { THREAD_CHANNEL_TYPES } from "../src/slack/listeners/events/thread-follow-up.js";
import { registerListeners } from "../src/slack/listeners/index.js";
import { VIEW_CALLBACK_IDS } from "../src/slack/listeners/views/index.js";
import { ActionId } from "../src/slack/views/actions.js";
import { ADD_TO_HANDBOOK_VIEW } from "../src/slack/views/add-to-handbook.js";
import { makeDeps } from "./slack/listeners/fakes.js";

const root = new URL("../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

interface Manifest {
  features?: {
    app_home?: Record<string, boolean>;
    bot_user?: { display_name: string };
    slash_commands?: {
      command: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
    }[];
    shortcuts?: { name: string; type: string; callback_id: string; description: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { bot_events?: string[] };
    interactivity?: { is_enabled: boolean };
    socket_mode_enabled?: boolean;
  };
}

const manifest = parse(read("manifest.yml")) as Manifest;

/** What the listeners register, collected by a stand-in for Bolt's App. */
function recordRegistrations() {
  const commands: string[] = [];
  const events: string[] = [];
  const actions: (string | RegExp)[] = [];
  const shortcuts: { callback_id: string; type: string }[] = [];
  const views: { callback_id: string; type: string }[] = [];
  const fake = {
    view: (constraint: { callback_id: string; type: string }) => views.push(constraint),
    shortcut: (constraint: { callback_id: string; type: string }) => shortcuts.push(constraint),
    command: (name: string) => commands.push(name),
    event: (name: string) => events.push(name),
    action: (constraint: string | RegExp | { action_id?: string | RegExp }) =>
      actions.push(
        typeof constraint === "object" && !(constraint instanceof RegExp)
          ? (constraint.action_id ?? "")
          : constraint,
      ),
    message: () => events.push("message"),
  };
  const { deps } = makeDeps();
  registerListeners(fake as unknown as App, deps);
  return { commands, events, actions, shortcuts, views };
}

/**
 * The manifest names of each event the code listens to. Bolt's `message` is registered by the
 * DM listener, which answers only `channel_type: "im"` (`message.im`), and by the thread
 * follow-up listener, which reads the channel types it names (`message.channels`, `message.groups`).
 */
const EVENT_SUBSCRIPTION: Record<string, string[]> = {
  app_mention: ["app_mention"],
  app_home_opened: ["app_home_opened"],
  link_shared: ["link_shared"],
  message: ["message.im", ...Object.values(THREAD_CHANNEL_TYPES)],
};

/** Bot scopes each subscription needs (docs.slack.dev/reference/events). */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ["app_mentions:read"],
  app_home_opened: [],
  link_shared: ["links:read"],
  "message.im": ["im:history"],
  "message.channels": ["channels:history"],
  "message.groups": ["groups:history"],
};

/** Bot scopes each Web API method needs (docs.slack.dev/reference/methods); views.* need none. */
const METHOD_SCOPES: Record<string, string[]> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.unfurl": ["links:write"],
  // api.slack.com/methods/chat.getPermalink: "No scope required".
  "chat.getPermalink": [],
  "users.info": ["users:read"],
  // "Add to handbook" reads a thread's first message: public and private channels and DMs
  // (im:history); a group DM's thread is not read (no mpim:history), its question left to type.
  "conversations.replies": ["channels:history", "groups:history"],
  // Called for public and private channels only (/dm settings refuses DMs).
  "conversations.info": ["channels:read", "groups:read"],
  "views.open": [],
  "views.push": [],
  "views.publish": [],
  "views.update": [],
};

function sourceFiles(dir: URL): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith(".ts")) out.push(full);
    }
  };
  walk(dir.pathname);
  return out;
}

/** Every `client.<family>.<method>(` the Slack code calls; views are pure and call nothing. */
function calledMethods(): Map<string, string[]> {
  const methods = new Map<string, string[]>();
  const slackDir = new URL("src/slack/", root);
  for (const file of sourceFiles(slackDir)) {
    for (const match of readFileSync(file, "utf8").matchAll(/\bclient\.(\w+)\.(\w+)\(/g)) {
      const method = `${match[1]}.${match[2]}`;
      methods.set(method, [...(methods.get(method) ?? []), relative(slackDir.pathname, file)]);
    }
  }
  // Bolt calls auth.test itself at start (App#init) to learn the bot's user id.
  methods.set("auth.test", ["@slack/bolt App#init"]);
  return methods;
}

describe("manifest.yml", () => {
  const registered = recordRegistrations();

  it("satisfies Slack's published manifest schema", () => {
    const schema = JSON.parse(read("test/fixtures/manifest-schema/manifest.schema.1.0.0.json"));
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    // The schema uses keywords JSON Schema does not define (`regex` for colours, `_note`
    // comments) and the `uri` format: each is given its evident meaning rather than turning
    // strict mode off, so a typo in a real keyword would still be caught.
    // strictTypes is off because Slack's schema puts array keywords on untyped nodes; it only
    // warns about the schema's own style, not about the manifest.
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    ajv.addKeyword("_note");
    ajv.addKeyword({
      keyword: "regex",
      type: "string",
      schemaType: "string",
      validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
    });
    ajv.addFormat("uri", (value: string) => URL.canParse(value));
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    // The validator does reject what Slack rejects.
    const broken = structuredClone(manifest) as Manifest & {
      display_information: { name: string };
    };
    broken.display_information.name = "A name far longer than thirty-five characters";
    broken.features?.slash_commands?.push({ command: "dm", description: "" });
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath).sort()).toEqual([
      "/display_information/name",
      "/features/slash_commands/1/command",
      "/features/slash_commands/1/description",
    ]);
  });

  it("declares exactly the slash commands the app registers", () => {
    expect(registered.commands).toEqual(["/dm"]);
    expect(manifest.features?.slash_commands?.map((c) => c.command)).toEqual(registered.commands);
    for (const command of manifest.features?.slash_commands ?? []) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.usage_hint?.length ?? 0).toBeGreaterThan(0);
      // The admin commands' help says `@person` and `#channel`: only an escaped command sends
      // them as the ids the commands read (workspace-admin.ts); typed plainly they are names.
      expect(command.should_escape).toBe(true);
    }
  });

  it("declares exactly the shortcuts the app registers, as message shortcuts", () => {
    expect(registered.shortcuts.length).toBeGreaterThan(0);
    // Bolt's `message_action` is the manifest's `message` shortcut type.
    expect(
      (manifest.features?.shortcuts ?? []).map((s) => ({
        callback_id: s.callback_id,
        type: s.type,
      })),
    ).toEqual(
      registered.shortcuts.map((s) => ({
        callback_id: s.callback_id,
        type: s.type === "message_action" ? "message" : "global",
      })),
    );
  });

  it("subscribes to exactly the events the app listens to", () => {
    const expected = registered.events.flatMap((name) => {
      const subscriptions = EVENT_SUBSCRIPTION[name];
      if (subscriptions === undefined)
        throw new Error(`no manifest subscription known for ${name}`);
      return subscriptions;
    });
    expect([...(manifest.settings?.event_subscriptions?.bot_events ?? [])].sort()).toEqual(
      [...new Set(expected)].sort(),
    );
  });

  it("enables interactivity, Socket Mode, the Home tab and a writable Messages tab", () => {
    expect(registered.actions.length).toBeGreaterThan(0);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.features?.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.features?.bot_user?.display_name).toBeTruthy();
  });

  it("reads the submission of every modal it asks to submit", () => {
    expect(registered.views).toEqual(
      VIEW_CALLBACK_IDS.map((callback_id) => ({ callback_id, type: "view_submission" })),
    );
    expect(registered.views.map((view) => view.callback_id)).toContain(ADD_TO_HANDBOOK_VIEW);
  });

  it("asks for exactly the bot scopes the code needs", () => {
    const methods = calledMethods();
    const unknown = [...methods.keys()].filter((method) => !(method in METHOD_SCOPES));
    expect(unknown, "add the scopes of newly called methods to METHOD_SCOPES").toEqual([]);
    expect([...methods.keys()]).toEqual(
      expect.arrayContaining(["chat.postMessage", "views.publish"]),
    );

    const needed = new Set<string>();
    // Slash commands and shortcuts both need `commands`.
    if (registered.commands.length + registered.shortcuts.length > 0) needed.add("commands");
    for (const method of methods.keys())
      for (const scope of METHOD_SCOPES[method] ?? []) needed.add(scope);
    for (const name of registered.events) {
      for (const subscription of EVENT_SUBSCRIPTION[name] ?? []) {
        for (const scope of EVENT_SCOPES[subscription] ?? []) needed.add(scope);
      }
    }
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
  });

  it("has a listener for every interactive element the views render", () => {
    for (const actionId of Object.values(ActionId)) {
      for (const rendered of [actionId, `${actionId}:1`]) {
        const handled = registered.actions.some((constraint) =>
          typeof constraint === "string" ? constraint === rendered : constraint.test(rendered),
        );
        expect(handled, `no listener for action_id ${rendered}`).toBe(true);
      }
    }
  });
});
