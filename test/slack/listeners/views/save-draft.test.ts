import { describe, expect, it, vi } from "vitest";
import { readFrontmatter } from "../../../../src/corpus/frontmatter.js";
import { encodeCaptureMetadata } from "../../../../src/slack/capture/metadata.js";
import {
  createSaveDraftListener,
  type ViewSubmissionArgs,
} from "../../../../src/slack/listeners/views/save-draft.js";
import { ADD_TO_HANDBOOK_VIEW } from "../../../../src/slack/views/add-to-handbook.js";
import { fakeClient, makeDeps, onlyCall, platformError } from "../fakes.js";

const metadata = encodeCaptureMetadata({
  channel: "C0TEAM001",
  messageTs: "1700000000.000500",
  askedBy: "U0ASKER",
  answeredBy: "U0EXPERT",
});

function submission(values: Record<string, string>, privateMetadata = metadata) {
  const ack = vi.fn(async (_response?: unknown) => {});
  const client = fakeClient();
  const view = {
    id: "V1",
    callback_id: ADD_TO_HANDBOOK_VIEW,
    private_metadata: privateMetadata,
    state: {
      values: Object.fromEntries(
        Object.entries(values).map(([id, value]) => [
          id,
          { [id]: { type: "plain_text_input", value } },
        ]),
      ),
    },
  };
  const body = { type: "view_submission", user: { id: "U0EDITOR" }, view };
  const args = { ack, client, body, view, payload: view };
  return { args: args as unknown as ViewSubmissionArgs, ack, client };
}

const NOW = Date.parse("2024-05-01T12:00:00Z");

describe("saving an Add to handbook draft", () => {
  it("writes the draft with who asked, who answered and the permalink, then tells the editor", async () => {
    const { deps, drafts, log } = makeDeps({ now: () => NOW });
    const { args, ack, client } = submission({
      question_0: "How long is a retro?",
      answer_0: "An **hour**.",
      answer_1: "Book a room.",
      document: "rituals/retrospective.md",
      heading: "Running a retrospective",
    });
    await createSaveDraftListener(deps)(args);
    expect(ack).toHaveBeenCalledWith();
    expect(onlyCall(client.chat.getPermalink)).toEqual({
      channel: "C0TEAM001",
      message_ts: "1700000000.000500",
    });
    const [stem, text] = drafts.write.mock.calls[0] ?? [];
    expect(stem).toBe("2024-05-01-how-long-is-a-retro");
    const { data, body } = readFrontmatter(text ?? "");
    expect(data).toMatchObject({
      draft: true,
      asked_by: "U0ASKER",
      answered_by: "U0EXPERT",
      captured_by: "U0EDITOR",
      permalink: "https://team.slack.test/archives/C0TEAM001/p1700000000000500",
      suggested_document: "rituals/retrospective.md",
    });
    expect(body).toContain("An **hour**.\nBook a room.");
    expect(onlyCall(client.chat.postMessage)).toMatchObject({
      channel: "U0EDITOR",
      text: expect.stringContaining("slack-drafts/2024-05-01-how-long-is-a-retro.md"),
    });
    expect(log.events("draft_saved")[0]).toMatchObject({ user: "U0EDITOR" });
  });

  it("keeps the modal open with an error when the answer is empty, and writes nothing", async () => {
    const { deps, drafts } = makeDeps();
    const { args, ack, client } = submission({ question_0: "q", answer_0: "   " });
    await createSaveDraftListener(deps)(args);
    expect(ack).toHaveBeenCalledWith({
      response_action: "errors",
      errors: { answer_0: expect.any(String) },
    });
    expect(drafts.write).not.toHaveBeenCalled();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it("ignores a submission without its metadata", async () => {
    const { deps, drafts, log } = makeDeps();
    const { args, ack } = submission({ answer_0: "x" }, "not json");
    await createSaveDraftListener(deps)(args);
    expect(ack).toHaveBeenCalledWith();
    expect(drafts.write).not.toHaveBeenCalled();
    expect(log.events("view_ignored")).toHaveLength(1);
  });

  it("saves without a permalink Slack will not give, and says so when the file cannot be written", async () => {
    const { deps, drafts, log } = makeDeps();
    const { args, client } = submission({ question_0: "q", answer_0: "a" });
    client.chat.getPermalink.mockRejectedValueOnce(platformError("message_not_found"));
    drafts.write.mockRejectedValueOnce(new Error("EACCES: permission denied"));
    await expect(createSaveDraftListener(deps)(args)).resolves.toBeUndefined();
    expect(readFrontmatter(drafts.write.mock.calls[0]?.[1] ?? "").data).not.toHaveProperty(
      "permalink",
    );
    expect(log.events("draft_failed")[0]).toMatchObject({ user: "U0EDITOR" });
    expect(onlyCall(client.chat.postMessage)).toMatchObject({
      channel: "U0EDITOR",
      text: expect.stringContaining("could not save"),
    });
  });
});
