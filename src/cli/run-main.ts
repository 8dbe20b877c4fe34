import { pathToFileURL } from "node:url";

/**
 * Runs a command's `main` only when its module is the script Node was started with, so tests
 * can import the module and call `main` themselves. `main` returns the exit code; anything it
 * throws is a bug, reported with its stack under the command's name, with exit code 1.
 */
export function runIfMain(moduleUrl: string, name: string, main: () => Promise<number>): void {
  const entry = process.argv[1];
  if (entry === undefined || moduleUrl !== pathToFileURL(entry).href) return;
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`${name} failed: ${detail}\n`);
      process.exitCode = 1;
    },
  );
}
