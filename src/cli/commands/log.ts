import { printable } from "../../report/printable.js";
import { verifyLog } from "../../serve/decision-log.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";
import { readTextFile } from "../read-text.js";

/**
 * `log verify <FILE> [--format text|json]`: checks a decision log's hash chain and reports the
 * first entry that is broken, edited or missing (exit 2), or the number of entries and the head
 * hash to keep elsewhere (exit 0; entries cut from the end show only against a kept head).
 */
export function logCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  io: CliIo,
): number {
  const format = oneOf(
    "format",
    typeof options.format === "string" ? options.format : undefined,
    ["text", "json"],
    "text",
  );
  const [sub, file, ...extra] = args;
  if (sub !== "verify" || file === undefined || extra.length > 0) {
    throw new UsageError("usage: smart-approval log verify <FILE>");
  }
  // A log grows without bound; this reads it whole, up to 256 MB (rotate logs below that).
  const result = verifyLog(readTextFile(file, io.cwd, 256 * 1024 * 1024));
  if (format === "json") io.stdout(`${JSON.stringify(result)}\n`);
  else if (result.ok)
    io.stdout(`${printable(file)}: ok, ${result.entries} entries, head ${result.head}\n`);
  else {
    io.stdout(
      `${printable(`${file}:${result.line}: ${result.seq === undefined ? "" : `entry ${result.seq}: `}${result.reason}`)} (${result.entries} entries before it verified)\n`,
    );
  }
  return result.ok ? EXIT.ok : EXIT.checksFailed;
}
