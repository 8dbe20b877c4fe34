/**
 * The local Slack's Web API (`/api/<method>`): reads a call as Slack does (form or JSON body,
 * token in the header or the form), answers injected failures, authenticates, and runs the
 * method against the workspace (web-api.ts); OAuth installs and token rotation live here too.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalSlackOptions } from "./api.js";
import { decodeFormFields, isObject, readBody, sendJson } from "./http.js";
import { channelType } from "./payloads.js";
import type { Recorder } from "./recorder.js";
import type { JsonObject } from "./types.js";
import { authenticate, callMethod, type MethodResult } from "./web-api.js";
import type { Workspace } from "./workspace.js";

export interface WebApiRoutesDeps {
  options: LocalSlackOptions;
  workspace: Workspace;
  recorder: Recorder;
  botToken: string;
  appToken: string;
  clientId: string;
  clientSecret: string;
  defaultUser: string;
  /** A single-use Socket Mode ticket, for `apps.connections.open`. */
  issueTicket(): string;
  /** The port the local Slack listens on. */
  port(): number;
  /** Delivers an event to the bot (the bot's own posts, echoed back). */
  sendEvent(event: JsonObject): Promise<unknown>;
}

export interface WebApiRoutes {
  handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void>;
  approveInstall(teamId: string): string;
  installedToken(teamId: string): string | undefined;
}

export function createWebApiRoutes(deps: WebApiRoutesDeps): WebApiRoutes {
  const { options, workspace, recorder, botToken, appToken, clientId, clientSecret, defaultUser } =
    deps;
  const { record, takeFailure, answerFailure } = recorder;
  /** OAuth: one-time codes → the workspace approving, and each installed workspace's token. */
  const oauthCodes = new Map<string, string>();
  const installedTokens = new Map<string, string>();
  /** Every bot token issued through OAuth (earlier ones stay valid, as on Slack), and refresh tokens. */
  const issuedTokens = new Map<string, string>();
  const refreshTokens = new Map<string, string>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL) {
    const raw = await readBody(req);
    const contentType = (req.headers["content-type"] ?? "").toLowerCase();
    let args: JsonObject;
    let bodyToken: string | undefined;
    if (contentType.startsWith("application/json")) {
      try {
        const parsed: unknown = raw.length > 0 ? JSON.parse(raw) : {};
        args = isObject(parsed) ? parsed : {};
      } catch {
        const body = { ok: false, error: "invalid_json" };
        sendJson(res, 200, body);
        record({ method, args: { raw }, status: 200, response: body });
        return;
      }
    } else {
      const params = new URLSearchParams(url.search);
      for (const [key, value] of new URLSearchParams(raw)) params.append(key, value);
      args = decodeFormFields(params);
      // Slack reads a token from the form, never from a JSON body (JSON needs the header).
      bodyToken = typeof args.token === "string" ? args.token : undefined;
    }
    const header = req.headers.authorization;
    const headerToken = header?.startsWith("Bearer ")
      ? header.slice("Bearer ".length).trim()
      : undefined;
    const token = headerToken || bodyToken;
    delete args.token;

    const failure = takeFailure(method);
    if (failure) {
      const { status, body } = answerFailure(res, failure);
      record({ method, args, ...(token ? { token } : {}), status, response: body });
      return;
    }
    const installedTeam = token === undefined ? undefined : teamOfInstalledToken(token);
    const authFailure =
      method === "oauth.v2.access" || installedTeam !== undefined
        ? undefined
        : authenticate(method, token, { botToken, appToken });
    let result: MethodResult;
    if (authFailure) {
      result = authFailure;
    } else if (method === "oauth.v2.access") {
      result = exchangeOAuthCode(args, req.headers.authorization);
    } else if (installedTeam !== undefined && method === "auth.test") {
      const own = callMethod(workspace, method, args, Date.now());
      result = { ...own, body: { ...own.body, team_id: installedTeam } };
    } else if (method === "apps.connections.open") {
      const ticket = deps.issueTicket();
      const host = req.headers.host ?? `127.0.0.1:${deps.port()}`;
      result = {
        status: 200,
        body: { ok: true, url: `ws://${host}/socket?ticket=${ticket}&app_id=${workspace.appId}` },
      };
    } else {
      result = callMethod(workspace, method, args, Date.now());
    }
    sendJson(res, result.status, result.body);
    const call = record({
      method,
      args,
      ...(token ? { token } : {}),
      status: result.status,
      response: result.body,
      ...(result.surface ? { surface: result.surface } : {}),
    });
    if (options.echoBotMessages && call.method === "chat.postMessage" && result.body.ok === true) {
      echoBotMessage(result.body);
    }
  }

  function teamOfInstalledToken(token: string): string | undefined {
    return issuedTokens.get(token);
  }

  /** `oauth.v2.access`: client credentials (form fields or Basic auth) and a one-time code. */
  function exchangeOAuthCode(args: JsonObject, authorization: string | undefined): MethodResult {
    let id = typeof args.client_id === "string" ? args.client_id : undefined;
    let secret = typeof args.client_secret === "string" ? args.client_secret : undefined;
    if (authorization?.startsWith("Basic ")) {
      const [user, pass] = Buffer.from(authorization.slice(6), "base64").toString().split(":");
      id = user;
      secret = pass;
    }
    const fail = (error: string) => ({ status: 200, body: { ok: false, error } });
    if (id !== clientId) return fail("invalid_client_id");
    if (secret !== clientSecret) return fail("bad_client_secret");
    let team: string | undefined;
    if (args.grant_type === "refresh_token") {
      const refresh = typeof args.refresh_token === "string" ? args.refresh_token : "";
      team = refreshTokens.get(refresh);
      if (team === undefined) return fail("invalid_refresh_token");
      refreshTokens.delete(refresh);
    } else {
      const code = typeof args.code === "string" ? args.code : "";
      team = oauthCodes.get(code);
      if (team === undefined) return fail("invalid_code");
      oauthCodes.delete(code);
    }
    const token = `xoxb-${team}-${randomUUID()}`;
    installedTokens.set(team, token);
    issuedTokens.set(token, team);
    const rotation = options.tokenRotation;
    const rotating: JsonObject = {};
    if (rotation !== undefined) {
      const refresh = `xoxe-1-${randomUUID()}`;
      refreshTokens.set(refresh, team);
      rotating.refresh_token = refresh;
      rotating.expires_in =
        args.grant_type === "refresh_token"
          ? (rotation.refreshedExpiresInSec ?? rotation.expiresInSec)
          : rotation.expiresInSec;
    }
    if (args.grant_type === "refresh_token")
      return {
        status: 200,
        body: { ok: true, access_token: token, token_type: "bot", ...rotating, team: { id: team } },
      };
    return {
      status: 200,
      body: {
        ok: true,
        access_token: token,
        token_type: "bot",
        scope: "commands,app_mentions:read,im:history,chat:write",
        bot_user_id: workspace.botUserId,
        app_id: workspace.appId,
        team: { id: team, name: `Workspace ${team}` },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: defaultUser },
        ...rotating,
      },
    };
  }

  function echoBotMessage(body: JsonObject): void {
    const channel =
      typeof body.channel === "string" ? workspace.channels.get(body.channel) : undefined;
    if (channel === undefined || !isObject(body.message)) return;
    // A bot token's post arrives as a plain message with `bot_id`, without the legacy subtype.
    const { subtype: _legacy, ...message } = body.message;
    const event = {
      ...message,
      channel: channel.id,
      channel_type: channelType(channel),
      event_ts: body.ts,
    };
    deps.sendEvent(event).catch(() => {
      // The bot may be gone by the time its own message comes back; nothing to assert then.
    });
  }

  return {
    handleApi,
    approveInstall(teamId) {
      const code = `code-${randomUUID()}`;
      oauthCodes.set(code, teamId);
      return code;
    },
    installedToken: (teamId) => installedTokens.get(teamId),
  };
}
