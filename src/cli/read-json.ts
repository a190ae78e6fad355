import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseJsonDocument } from "../load/json-document.js";
import { UsageError } from "./io.js";

/**
 * Reads a JSON file given on the command line. An unreadable file or malformed JSON is one
 * clear message (with line:column), never a stack trace.
 */
export function readJsonFile(path: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
  const parsed = parseJsonDocument(text, path);
  const problem = parsed.issues[0];
  if (!parsed.ok || problem !== undefined) {
    const first = problem ?? { line: 1, column: 1, message: "invalid JSON" };
    throw new UsageError(`${path}:${first.line}:${first.column}: ${first.message}`);
  }
  return parsed.document.value;
}
