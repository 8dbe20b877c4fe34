import { createHash } from "node:crypto";
import { chmod, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledgeBase, type OutcomeCache } from "../../src/corpus/load.js";
import { project } from "./project.js";
import { makeRoot, removeRoots } from "./temporary-root.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
afterEach(removeRoots);

const GOOD = "---\ntitle: Good\n---\n\n## Part\n\nReal content.\n";

describe("loadKnowledgeBase: fixtures", () => {
  const cases = [
    "docusaurus",
    "handbook",
    "plain-article",
    "jekyll",
    "middleman",
    "encoding",
    "repeated-headings",
  ];
  for (const name of cases) {
    it(`${name} matches expected.json`, async () => {
      const root = path.join(fixtures, name);
      const expected = JSON.parse(await readFile(path.join(root, "expected.json"), "utf8"));
      const base = await loadKnowledgeBase(root);
      expect(base.root).toBe(path.resolve(root));
      expect(project(base)).toEqual(expected);
    });
  }
});

describe("loadKnowledgeBase: discovery and order", () => {
  it("finds .md and .mdx recursively, skipping dot-directories and node_modules", async () => {
    const root = await makeRoot({
      "a.md": GOOD.replace("Good", "A"),
      "nested/deeper/b.mdx": GOOD.replace("Good", "B"),
      ".drafts/c.md": GOOD.replace("Good", "C"),
      "node_modules/pkg/README.md": GOOD.replace("Good", "D"),
      "notes.txt": "not markdown",
    });
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual([
      "a.md",
      "nested/deeper/b.mdx",
    ]);
  });

  it("orders documents by order, then title, then path, and numbers sections globally", async () => {
    const root = await makeRoot({
      "z.md": "---\ntitle: Zebra\norder: 1\n---\nz\n",
      "y.md": "---\ntitle: Apple\n---\ny\n\n## Core\n\ncore\n",
      "x.md": "---\ntitle: Mango\n---\nx\n",
      "w.md": "---\ntitle: Kiwi\norder: 2\n---\nw\n",
    });
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.title)).toEqual([
      "Zebra",
      "Kiwi",
      "Apple",
      "Mango",
    ]);
    expect(base.sections.map((section) => [section.id, section.order])).toEqual([
      ["z.md", 0],
      ["w.md", 1],
      ["y.md", 2],
      ["y.md#core", 3],
      ["x.md", 4],
    ]);
  });
});

describe("loadKnowledgeBase: bad input loses nothing", () => {
  it("skips a file that is not valid MDX with its line, and reads the same text as .md", async () => {
    const page = "---\ntitle: Notes\n---\n\nIntro.\n\n<!-- an HTML comment -->\n\nMore.\n";
    const root = await makeRoot({ "good.md": GOOD, "notes.mdx": page, "notes.md": page });
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["good.md", "notes.md"]);
    expect(base.warnings).toHaveLength(1);
    expect(base.warnings[0]).toMatchObject({ file: "notes.mdx", line: 7 });
    expect(base.warnings[0]?.reason).toMatch(/^not valid MDX: /);
  });

  it("skips invalid YAML with the file and line, and loads the rest", async () => {
    const root = await makeRoot({
      "good.md": GOOD,
      "broken.md": "---\ntitle: Broken\ntags: [one, two\n---\nBody\n",
    });
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["good.md"]);
    expect(base.warnings).toHaveLength(1);
    expect(base.warnings[0]).toMatchObject({ file: "broken.md", line: 4 });
    expect(base.warnings[0]?.reason).toMatch(/invalid frontmatter YAML/);
  });

  it("skips empty, whitespace-only and frontmatter-only files", async () => {
    const root = await makeRoot({
      "good.md": GOOD,
      "empty.md": "",
      "blank.md": "  \n\n\t\n",
      "only-frontmatter.md": "---\ntitle: Nothing here\n---\n",
    });
    const base = await loadKnowledgeBase(root);
    expect(base.sections.map((section) => section.id)).toEqual(["good.md#part"]);
    expect(base.warnings).toEqual([
      { file: "blank.md", reason: "empty file" },
      { file: "empty.md", reason: "empty file" },
      {
        file: "only-frontmatter.md",
        reason: "no content after the frontmatter (nothing to answer from)",
      },
    ]);
  });

  it("loads a redirect-only page to a site path as a pointer, not a skipped file", async () => {
    const root = await makeRoot({
      "good.md": GOOD,
      "moved.md": "---\ntitle: Moved\nredirect_to: /elsewhere/\n---\n",
    });
    const base = await loadKnowledgeBase(root);
    expect(base.warnings).toEqual([]);
    expect(base.sections.find((section) => section.id === "moved.md")?.text).toBe(
      "Moved has moved to /elsewhere/",
    );
  });

  it("skips a file that is not UTF-8", async () => {
    const latin1 = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]); // "Café" in Latin-1
    const root = await makeRoot({ "good.md": GOOD, "latin1.md": latin1 });
    const base = await loadKnowledgeBase(root);
    expect(base.documents).toHaveLength(1);
    expect(base.warnings).toEqual([
      { file: "latin1.md", reason: "not valid UTF-8 text (save the file as UTF-8)" },
    ]);
  });

  it("skips a file that cannot be read (injected read error)", async () => {
    const root = await makeRoot({ "good.md": GOOD, "locked.md": GOOD.replace("Good", "Locked") });
    const base = await loadKnowledgeBase(root, {
      readFile: async (file) => {
        if (file.endsWith("locked.md")) {
          throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        }
        return readFile(file);
      },
    });
    expect(base.documents.map((document) => document.path)).toEqual(["good.md"]);
    expect(base.warnings).toEqual([
      { file: "locked.md", reason: "cannot read file: permission denied" },
    ]);
  });

  it("skips a directory named like a markdown file", async () => {
    const root = await makeRoot({ "good.md": GOOD, "folder.md/inside.txt": "x" });
    const base = await loadKnowledgeBase(root);
    expect(base.documents).toHaveLength(1);
    expect(base.warnings).toEqual([
      { file: "folder.md", reason: "cannot read file: it is a directory" },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)(
    "skips a file without read permission (chmod 000)",
    async () => {
      // Skipped as root, where chmod does not block reads; the injected-read test covers it there.
      const root = await makeRoot({ "good.md": GOOD, "secret.md": GOOD });
      await chmod(path.join(root, "secret.md"), 0o000);
      const base = await loadKnowledgeBase(root);
      expect(base.documents).toHaveLength(1);
      expect(base.warnings).toEqual([
        { file: "secret.md", reason: "cannot read file: permission denied" },
      ]);
    },
  );
});

describe("loadKnowledgeBase: failures", () => {
  it("throws when the root does not exist", async () => {
    const root = path.join(tmpdir(), "corpus-load-does-not-exist-7f3a");
    await expect(loadKnowledgeBase(root)).rejects.toThrow(/Content directory not found/);
  });

  it("throws when the root is a file", async () => {
    const root = await makeRoot({ "a.md": GOOD });
    await expect(loadKnowledgeBase(path.join(root, "a.md"))).rejects.toThrow(/not a directory/);
  });

  it("throws when no section could be loaded, naming the skipped files", async () => {
    const root = await makeRoot({ "empty.md": "", "broken.md": "---\n: [\n---\n" });
    await expect(loadKnowledgeBase(root)).rejects.toThrow(/none loaded: broken\.md .*empty\.md/);
  });

  it("throws when there are no markdown files at all", async () => {
    const root = await makeRoot({ "notes.txt": "x" });
    expect(await readdir(root)).toEqual(["notes.txt"]);
    await expect(loadKnowledgeBase(root)).rejects.toThrow(/no \.md or \.mdx files/);
  });
});

describe("loadKnowledgeBase: content stays inside the content folder", () => {
  it("skips, with a warning, links that lead outside, and never walks a linked directory", async () => {
    const outside = await makeRoot({
      "secret.md": "---\ntitle: Secret\n---\nroot:x:0:0:root\n",
      "dir/inner.md": "---\ntitle: Inner\n---\nInner secret text.\n",
    });
    const root = await makeRoot({ "good.md": GOOD });
    await symlink(path.join(outside, "secret.md"), path.join(root, "passwd.md"));
    await symlink(path.join(outside, "dir"), path.join(root, "linked"));
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["good.md"]);
    expect(base.sections.map((section) => section.text).join(" ")).not.toMatch(/secret|root:x/);
    expect(base.warnings).toEqual(
      expect.arrayContaining([
        { file: "passwd.md", reason: expect.stringMatching(/outside the content folder/) },
        { file: "linked", reason: expect.stringMatching(/outside the content folder/) },
      ]),
    );
  });

  it("refuses a markdown-named link to a hidden or secret file inside the folder", async () => {
    const root = await makeRoot({ "good.md": GOOD, ".env": "SLACK_BOT_TOKEN=xoxb-1-2-3\n" });
    await symlink(path.join(root, ".env"), path.join(root, "env.md"));
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["good.md"]);
    expect(base.warnings).toEqual([
      { file: "env.md", reason: expect.stringMatching(/hidden or secret/) },
    ]);
  });

  it("still reads a link to another markdown file inside the folder", async () => {
    const root = await makeRoot({ "good.md": GOOD });
    await symlink(path.join(root, "good.md"), path.join(root, "alias.md"));
    const base = await loadKnowledgeBase(root);
    expect(base.documents.map((document) => document.path)).toEqual(["alias.md", "good.md"]);
  });

  it("masks Slack tokens whatever the content says", async () => {
    const root = await makeRoot({
      "tokens.md": "---\ntitle: Tokens\n---\nUse xoxb-123456-abcdef and xapp-1-A0-99 here.\n",
    });
    const base = await loadKnowledgeBase(root);
    const text = base.sections
      .map((section) => `${section.text} ${section.blocks.map((b) => b.mrkdwn).join(" ")}`)
      .join(" ");
    expect(text).not.toMatch(/xoxb-1|xapp-1/);
    expect(text).toContain("xoxb-[REDACTED]");
  });
});

describe("loadKnowledgeBase with a parse cache", () => {
  /** An in-memory cache, counting hits and stores. */
  function memoryCache() {
    const entries = new Map<string, unknown>();
    const counts = { hits: 0, stored: 0 };
    const cache: OutcomeCache = {
      keyOf: (file, bytes) => createHash("sha256").update(`${file}\0`).update(bytes).digest("hex"),
      async get(key) {
        const entry = entries.get(key);
        if (entry === undefined) return undefined;
        counts.hits++;
        // A copy, as a cache read from disk gives: nothing shared with the first load.
        return structuredClone(entry) as Awaited<ReturnType<OutcomeCache["get"]>>;
      },
      async set(key, outcome) {
        counts.stored++;
        entries.set(key, structuredClone(outcome));
      },
    };
    return { cache, counts };
  }

  it("loads the same knowledge base from the cache, parsing nothing the second time", async () => {
    const root = await makeRoot({
      "SUMMARY.md": "* [Second](b.md)\n* [First](a.md)\n",
      "a.md": "# First\n\nSee [[b]] for more.\n",
      "b.md": "# Second\n\nText.\n",
    });
    const { cache, counts } = memoryCache();
    const first = await loadKnowledgeBase(root, { cache });
    expect(counts).toEqual({ hits: 0, stored: 2 });
    const second = await loadKnowledgeBase(root, { cache });
    expect(counts).toEqual({ hits: 2, stored: 2 });
    expect(second).toEqual(first);
    expect(second).toEqual(await loadKnowledgeBase(root));
  });

  it("links a page added later without parsing the linking page again", async () => {
    const root = await makeRoot({ "a.md": "# First\n\nSee [[b|the second page]] for more.\n" });
    const { cache, counts } = memoryCache();
    const base = { docsBaseUrl: "https://handbook.example" };
    const before = await loadKnowledgeBase(root, { cache, ...base });
    expect(JSON.stringify(before.sections)).not.toContain("https://handbook.example/b");
    await writeFile(path.join(root, "b.md"), "# Second\n\nText.\n");
    const withPage = await loadKnowledgeBase(root, { cache, ...base });
    // a.md's parse depends on its own bytes only: references are filled in after parsing.
    expect(counts.hits).toBe(1);
    expect(JSON.stringify(withPage.sections)).toContain(
      "<https://handbook.example/b|the second page>",
    );
    expect(withPage).toEqual(await loadKnowledgeBase(root, base));
  });
});
