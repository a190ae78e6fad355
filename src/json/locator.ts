import type { Position, SourceLocator } from "./json-document.js";

// Kept apart from json-document.ts, which parses with momoa: a bundle's rules and a browser
// locate issues without loading a parser.

/**
 * A locator that places each pointer where `locate` says, and writes issues there.
 *
 * @example
 * locator("rules.bundle", () => ({ line: 2, column: 1 })).issue("bundle-body", "…", "/matters/0");
 */
export function locator(file: string, locate: (pointer: string) => Position): SourceLocator {
  return {
    file,
    locate,
    issue: (code, message, pointer, severity = "error") => ({
      code,
      severity,
      message,
      file,
      pointer,
      ...locate(pointer),
    }),
  };
}
