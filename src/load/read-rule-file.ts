import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import type { Issue } from "../model/issue.js";
import { RULE_FILE_LIMITS } from "./json-document.js";
import { RuleFileError } from "./rule-file-error.js";

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
          issue(
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

/** UTF-8 text of a rule file's bytes (see `readRuleFile`). */
export function decodeRuleFile(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    // Everything before the bad byte is valid UTF-8: its last line gives the column (in UTF-16
    // code units, as every other issue's column).
    const before = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes.subarray(0, offset));
    const lines = before.split("\n");
    const column = (lines.at(-1) ?? "").length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, "0");
    throw new RuleFileError([
      issue(
        name,
        "not-utf8",
        `not UTF-8 text: byte 0x${byte} at offset ${offset} does not begin a valid UTF-8 sequence; save the file as UTF-8`,
        lines.length,
        column,
      ),
    ]);
  }
}

function issue(file: string, code: string, message: string, line: number, column: number): Issue {
  return { code, severity: "error", message, file, pointer: "", line, column };
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), for the message only. The CLI's
 * reader of applications (src/cli/read-text.ts) uses it too.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (c === undefined || c < low || c > high) return i;
    }
    i += length;
  }
  return bytes.length;
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
  return {
    code: "io-error",
    severity: "error",
    message,
    file: path,
    pointer: "",
    line: 0,
    column: 0,
  };
}
