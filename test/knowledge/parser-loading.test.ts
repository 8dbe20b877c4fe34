import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A warm start never parses markdown: every file comes from the parse cache. So the modules
 * `npm start` loads before its first answer must not include the markdown parser (a third of a
 * start: issue 12); parse threads, and the store when a file does need parsing, load it with a
 * dynamic `import()`. This walks the static imports from src/main.ts (type-only imports are
 * erased at build) and fails naming the chain that reaches the parser.
 */
const SRC = path.resolve("src");
const PARSER = path.join(SRC, "corpus", "parse.ts");

/** Relative modules a file imports at load time: `import … from "./x.js"`, not `import type`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(
    /^(?:import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)";/gms,
  )) {
    if (match[1] !== undefined) continue;
    const specifier = match[2] ?? "";
    found.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
  }
  return found;
}

function chainTo(target: string, from: string): string[] | undefined {
  const seen = new Set<string>([from]);
  const queue: string[][] = [[from]];
  while (queue.length > 0) {
    const chain = queue.shift() ?? [];
    const last = chain[chain.length - 1] ?? "";
    if (last === target) return chain;
    for (const next of staticImports(last)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...chain, next]);
    }
  }
  return undefined;
}

describe("what the bot loads at start", () => {
  it("does not include the markdown parser", () => {
    const chain = chainTo(PARSER, path.join(SRC, "main.ts"));
    expect(chain?.map((file) => path.relative(SRC, file))).toBeUndefined();
  });

  it("is checked by a walk that does find the parser where it is imported", () => {
    // The loader imports it statically: the walk must see that, or the test above proves nothing.
    expect(chainTo(PARSER, path.join(SRC, "corpus", "load.ts"))).toBeDefined();
  });
});
