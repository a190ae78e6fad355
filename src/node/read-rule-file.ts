import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { RULE_FILE_LIMITS } from "../json/json-document.js";
import { decodeRuleFile } from "../load/decode-rule-file.js";
import { unlocatedIssue } from "../load/issue-codes.js";
import { RuleFileError } from "../load/rule-file-error.js";
import type { Issue } from "../model/issue.js";

/**
 * The most bytes read from a file that is not a regular file (a device such as /dev/zero, a
 * FIFO): such a file has no size to check and may never end. Four bytes for each character a
 * rule file may hold; a regular file has a size and is read whole (bundles can be large).
 */
const MAX_STREAM_BYTES = 4 * RULE_FILE_LIMITS.maxCharacters;

/**
 * The text of a rule file, which must be UTF-8: a byte sequence that is not (a file saved in
 * GBK, say) would otherwise be read as U+FFFD replacement characters and the rule checked and
 * applied on text its author never wrote. Such a file is a `RuleFileError` with one located
 * issue, at the line and column of its first bad byte. A leading byte order mark is dropped.
 * An unreadable file is a `RuleFileError` too (`io-error`).
 *
 * @example
 * const text = readRuleFile("rules/matters/m/1.0.0.json", "rules/matters/m/1.0.0.json");
 */
export function readRuleFile(path: string, name: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readBounded(path, name);
  } catch (error) {
    if (error instanceof RuleFileError) throw error;
    throw new RuleFileError([ioIssue(name, error)]);
  }
  return decodeRuleFile(bytes, name);
}

function readBounded(path: string, name: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).isFile()) return readFileSync(fd);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > MAX_STREAM_BYTES) {
        throw new RuleFileError([
          unlocatedIssue(
            name,
            "io-error",
            `cannot read: not a regular file, and longer than ${MAX_STREAM_BYTES.toLocaleString("en")} bytes (the limit for a rule file)`,
            0,
            0,
          ),
        ]);
      }
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** An issue for a path that cannot be read. */
export function ioIssue(path: string, error: unknown): Issue {
  const code = (error as { code?: string } | undefined)?.code;
  const message =
    code === "ENOENT"
      ? "no such file or directory"
      : code === "ENOTDIR"
        ? "not a directory"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : `cannot be read (${code ?? String((error as Error)?.message)})`;
  return unlocatedIssue(path, "io-error", message, 0, 0);
}
