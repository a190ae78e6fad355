import { parseJsonDocument } from "../json/json-document.js";
import { UsageError } from "./io.js";
import { readTextFile } from "./read-text.js";

/**
 * Reads a JSON file given on the command line (`-` for standard input), bounded and UTF-8 only
 * (see readTextFile). An unreadable, oversized or non-UTF-8 file or malformed JSON is one clear
 * message (with line:column), never a stack trace.
 */
export function readJsonFile(path: string, cwd: string): unknown {
  const text = readTextFile(path, cwd);
  const parsed = parseJsonDocument(text, path);
  const problem = parsed.issues[0];
  if (!parsed.ok || problem !== undefined) {
    const first = problem ?? { line: 1, column: 1, message: "invalid JSON" };
    throw new UsageError(`${path}:${first.line}:${first.column}: ${first.message}`);
  }
  return parsed.document.value;
}
