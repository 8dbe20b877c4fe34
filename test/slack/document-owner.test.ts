import { describe, expect, it } from "vitest";
import { escalationChannelFor, ownerFor, ownerLookup } from "../../src/slack/document-owner.js";
import { makeDeps, makeDocument } from "./listeners/fakes.js";

const doc = makeDocument("delivery/risks.md", "Risks", {
  owner: "U0PLAIN",
  owners: { T0AAA: "U0ALICE", T0BBB: "C0BTEAM" },
});

describe("a document's owner in the asking workspace", () => {
  it("is the one set from Slack, then the frontmatter's entry for the workspace, then `owner`", async () => {
    const { deps } = makeDeps();
    expect(await ownerFor(deps, "T0AAA", doc)).toBe("U0ALICE");
    expect(await ownerFor(deps, "T0BBB", doc)).toBe("C0BTEAM");
    // One workspace: the plain `owner` still works for a workspace the map does not name.
    expect(await ownerFor(deps, "T0CCC", doc)).toBe("U0PLAIN");
    expect(await ownerFor(deps, undefined, doc)).toBe("U0PLAIN");
    await deps.settings.setDocumentOwner("T0AAA", doc.path, "U0SET", "U0ADMIN");
    expect(await ownerFor(deps, "T0AAA", doc)).toBe("U0SET");
    expect(await ownerFor(deps, "T0BBB", doc)).toBe("C0BTEAM");
  });

  it("is never the plain `owner` when several workspaces are served", async () => {
    const { deps } = makeDeps({ multiWorkspace: true });
    expect(await ownerFor(deps, "T0CCC", doc)).toBeUndefined();
    expect(await ownerFor(deps, "T0AAA", doc)).toBe("U0ALICE");
  });

  it("is the same through the reply's lookup (one settings read) as through ownerFor", async () => {
    const other = makeDocument("rituals/retro.md", "Retros", { owner: "U0RETRO" });
    for (const multiWorkspace of [false, true]) {
      const { deps } = makeDeps({ multiWorkspace });
      await deps.settings.setDocumentOwner("T0BBB", doc.path, "U0SET", "U0ADMIN");
      for (const team of ["T0AAA", "T0BBB", "T0CCC", undefined]) {
        const lookup = await ownerLookup(deps, team);
        for (const document of [doc, other]) {
          expect(lookup(document)).toBe(await ownerFor(deps, team, document));
        }
      }
    }
  });

  it("falls back to the workspace's escalation channel, then ESCALATION_CHANNEL", async () => {
    const { deps } = makeDeps({ escalationChannel: "C0DEFAULT" });
    await deps.settings.setEscalationChannel("T0AAA", "C0AEXPERTS", "U0ADMIN");
    expect(await escalationChannelFor(deps, "T0AAA")).toBe("C0AEXPERTS");
    expect(await escalationChannelFor(deps, "T0BBB")).toBe("C0DEFAULT");
  });
});
