/**
 * Response URLs (`/response/<id>`): what an interaction's or command's response URL posts, shown
 * as Slack shows it (ephemeral, in channel, replacing or deleting the original), at most 5 uses.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkMessageBlocks, formatProblems } from "./block-kit.js";
import { decodeFormFields, isObject, readBody, sendJson } from "./http.js";
import type { Recorder } from "./recorder.js";
import type { InteractionOrigin, JsonObject, Surface } from "./types.js";
import type { Workspace } from "./workspace.js";

export interface ResponseUrls {
  showResponse(
    message: JsonObject,
    target: { user: string; channel: string; original?: { channel: string; ts: string } },
  ): Surface | undefined;
  handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void>;
}

export function createResponseUrls(workspace: Workspace, recorder: Recorder): ResponseUrls {
  const { record, takeFailure, answerFailure } = recorder;

  /** Shows a message from a response URL or an ack, as Slack would: ephemeral, in channel, or in place. */
  function showResponse(
    message: JsonObject,
    target: { user: string; channel: string; original?: { channel: string; ts: string } },
  ): Surface | undefined {
    const original = target.original
      ? workspace.findMessage(target.original.channel, target.original.ts)
      : undefined;
    if (message.delete_original === true) {
      if (original) original.deleted = true;
      return undefined;
    }
    const text = typeof message.text === "string" ? message.text : "";
    const blocks = Array.isArray(message.blocks) ? message.blocks : undefined;
    if (message.replace_original === true && original) {
      original.text = text;
      if (blocks) original.blocks = blocks;
      else delete original.blocks;
      return {
        kind: "message",
        channel: original.channel,
        ts: original.ts,
        ephemeral: original.ephemeral,
        ...(original.ephemeral ? { user: target.user } : {}),
      };
    }
    const ephemeral = message.response_type !== "in_channel";
    const ts = workspace.newTs();
    workspace.storeMessage({
      channel: target.channel,
      ts,
      user: workspace.botUserId,
      bot_id: workspace.botId,
      text,
      ...(blocks ? { blocks } : {}),
      ephemeral,
      ...(ephemeral ? { visibleTo: target.user } : {}),
    });
    return {
      kind: "message",
      channel: target.channel,
      ts,
      ephemeral,
      ...(ephemeral ? { user: target.user } : {}),
    };
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string) {
    const raw = await readBody(req);
    let args: JsonObject = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) args = parsed;
    } catch {
      args = decodeFormFields(new URLSearchParams(raw));
    }
    const target = workspace.responseUrls.get(id);
    const origin: InteractionOrigin | undefined = target
      ? {
          user: target.user,
          channel: target.channel,
          responseUrlId: id,
          deliveryId: target.deliveryId,
        }
      : undefined;
    const answer = (status: number, body: JsonObject, surface?: Surface) => {
      sendJson(res, status, body);
      record({
        method: "response_url",
        args,
        status,
        response: body,
        ...(origin ? { origin } : {}),
        ...(surface ? { surface } : {}),
      });
    };
    const failure = takeFailure("response_url");
    if (failure) {
      const { status, body } = answerFailure(res, failure);
      record({
        method: "response_url",
        args,
        status,
        response: body,
        ...(origin ? { origin } : {}),
      });
      return;
    }
    if (!target) return answer(404, { ok: false, error: "expired_url" });
    if (target.uses >= 5 || Date.now() - target.createdAt > 30 * 60_000) {
      return answer(404, { ok: false, error: "used_url" });
    }
    if (args.delete_original !== true) {
      const hasText = typeof args.text === "string" && args.text.length > 0;
      const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
      if (!hasText && !hasBlocks) return answer(400, { ok: false, error: "no_text" });
      if (args.blocks !== undefined) {
        const problems = checkMessageBlocks(args.blocks);
        if (problems.length > 0) {
          return answer(400, {
            ok: false,
            error: "invalid_blocks",
            response_metadata: { messages: formatProblems(problems) },
          });
        }
      }
    }
    target.uses += 1;
    const surface = showResponse(args, target);
    // For a slash command, a later replace_original/delete_original acts on the first response.
    if (!target.original && surface?.kind === "message") {
      target.original = { channel: surface.channel, ts: surface.ts };
    }
    answer(200, { ok: true }, surface);
  }

  return { showResponse, handleResponseUrl };
}
