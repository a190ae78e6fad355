import { firstInvalidUtf8 } from "../json/utf8.js";
import { unlocatedIssue } from "./issue-codes.js";
import { RuleFileError } from "./rule-file-error.js";

/**
 * The UTF-8 text of a rule file's bytes (read from disk by src/node/read-rule-file.ts). A byte
 * sequence that is not UTF-8 is a `RuleFileError` located at its first bad byte, never decoded
 * to U+FFFD; a leading byte order mark is dropped.
 */
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
      unlocatedIssue(
        name,
        "not-utf8",
        `not UTF-8 text: byte 0x${byte} at offset ${offset} does not begin a valid UTF-8 sequence; save the file as UTF-8`,
        lines.length,
        column,
      ),
    ]);
  }
}
