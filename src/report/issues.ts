import type { Issue } from "../model/issue.js";
import { printable } from "./printable.js";

export type IssueFormat = "text" | "json" | "github";

/**
 * Formats rule-file issues for people (`text`: `file:line:col: severity: message [code]`),
 * machines (`json`: the issue records) or GitHub Actions (`github`: workflow annotations,
 * escaped as the Actions toolkit does). Ends the text format with a summary line. File names and
 * messages may quote rule-file text: control characters are escaped in text and github output.
 *
 * @example
 * formatIssues([{ code: "unknown-path", severity: "error", message: "…", file: "a.json", pointer: "/x", line: 3, column: 7 }], "text");
 * // "a.json:3:7: error: … [unknown-path]\n1 error, 0 warnings\n"
 */
export function formatIssues(issues: readonly Issue[], format: IssueFormat): string {
  if (format === "json") return `${JSON.stringify(issues, null, 2)}\n`;
  if (format === "github") return issues.map(githubAnnotation).join("");
  const lines = issues.map(
    (i) =>
      `${printable(i.file)}:${i.line}:${i.column}: ${i.severity}: ${printable(i.message)} [${printable(i.code)}]`,
  );
  const errors = issues.filter((i) => i.severity === "error").length;
  lines.push(
    `${errors} ${errors === 1 ? "error" : "errors"}, ${issues.length - errors} ${issues.length - errors === 1 ? "warning" : "warnings"}`,
  );
  return `${lines.join("\n")}\n`;
}

function githubAnnotation(issue: Issue): string {
  const properties = [
    `file=${escapeProperty(issue.file)}`,
    `line=${issue.line}`,
    `col=${issue.column}`,
    `title=${escapeProperty(issue.code)}`,
  ].join(",");
  const message = `${issue.message} (${issue.pointer || "/"})`;
  return `::${issue.severity} ${properties}::${escapeData(message)}\n`;
}

function escapeData(text: string): string {
  return printable(text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A"));
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
