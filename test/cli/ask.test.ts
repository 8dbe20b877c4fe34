import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type AskIo, main } from "../../src/cli/ask.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/ask-kb", import.meta.url));

function capture(): AskIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd: () => "/",
    // The fixture was updated on 2025-02-14: 9 months before this.
    now: () => Date.parse("2025-11-20T12:00:00Z"),
    env: {},
    out: () => out,
    err: () => err,
  };
}

describe("npm run ask", () => {
  it("prints the answer as readable text: title, breadcrumb, excerpt, source", async () => {
    const io = capture();
    const code = await main(["--content", FIXTURE, "how do I declare an incident?"], io);
    expect(code).toBe(0);
    const lines = io.out().split("\n");
    expect(lines).toContain("Incident handling");
    expect(lines).toContain("Declaring an incident");
    expect(io.out()).toContain("Anyone who sees customers affected can declare an incident.");
    expect(io.out()).toContain(
      "Source: _Incident handling_ (incidents.md) · Owner: @U0INCIDENT · Updated 9 months ago",
    );
    expect(io.out()).toContain("[1] Share in channel");
  });

  it("links the source with --docs-base-url", async () => {
    const io = capture();
    await main(
      ["--content", FIXTURE, "--docs-base-url", "https://handbook.example", "declare an incident"],
      io,
    );
    expect(io.out()).toContain(
      "Incident handling (https://handbook.example/incidents#declaring-an-incident)",
    );
  });

  it("prints the Slack payload as JSON with --json", async () => {
    const io = capture();
    const code = await main(["--json", "--content", FIXTURE, "how do I declare an incident?"], io);
    expect(code).toBe(0);
    const payload = JSON.parse(io.out()) as { text: string; blocks: Array<{ type: string }> };
    expect(payload.text).toContain("Incident handling › Declaring an incident");
    expect(payload.blocks.length).toBeGreaterThan(2);
    expect(payload.blocks.every((b) => typeof b.type === "string")).toBe(true);
  });

  it("says honestly when the knowledge base has no answer", async () => {
    const io = capture();
    const code = await main(["--content", FIXTURE, "what is the capital of peru?"], io);
    expect(code).toBe(0);
    expect(io.out()).toContain("no good answer to “what is the capital of peru?”");
  });

  it.each([[[]], [["--content", FIXTURE]], [["--nope", "question"]], [["--content"]]])(
    "exits 2 with usage on bad usage %j",
    async (argv) => {
      const io = capture();
      expect(await main(argv, io)).toBe(2);
      expect(io.err()).toContain("Usage: npm run ask");
      expect(io.out()).toBe("");
    },
  );

  it("prints usage on --help", async () => {
    const io = capture();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out()).toContain("--content DIR");
  });

  it("exits 2 naming the folder when the content directory is missing", async () => {
    const io = capture();
    expect(await main(["--content", "/no/such/dir", "anything"], io)).toBe(2);
    expect(io.err()).toContain("ask: --content: no such folder: /no/such/dir");
    expect(io.out()).toBe("");
  });

  it("reads CONTENT_DIR when there is no --content, and names it when it is missing", async () => {
    const io = { ...capture(), env: { CONTENT_DIR: FIXTURE } };
    expect(await main(["how do I declare an incident?"], io)).toBe(0);
    expect(io.out()).toContain("Declaring an incident");
    const missing = { ...capture(), env: { CONTENT_DIR: "/no/such/handbook" } };
    expect(await main(["anything"], missing)).toBe(2);
    expect(missing.err()).toContain("CONTENT_DIR: no such folder: /no/such/handbook");
  });

  it.each(["notaurl", "ftp://handbook.example", "/docs"])(
    "rejects --docs-base-url %s as npm start rejects DOCS_BASE_URL",
    async (url) => {
      const io = capture();
      expect(await main(["--content", FIXTURE, "--docs-base-url", url, "incident"], io)).toBe(2);
      expect(io.err()).toContain(`--docs-base-url must be an absolute http(s) URL (got "${url}")`);
      expect(io.out()).toBe("");
    },
  );

  it("names the installed command in its hints (SLASH_COMMAND)", async () => {
    const io = { ...capture(), env: { SLASH_COMMAND: "/handbook" } };
    expect(await main(["--content", FIXTURE, "what is the capital of peru?"], io)).toBe(0);
    expect(io.out()).toContain("`/handbook topics`");
    expect(io.out()).not.toContain("/dm");
  });
});
