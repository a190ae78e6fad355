import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Issue } from "../../model/issue.js";
import { ruleFiles } from "../../node/rule-files.js";
import { validateRules } from "../../node/validate-rules.js";
import { formatIssues } from "../../report/issues.js";
import { type CliIo, EXIT, oneOf, requirePath, UsageError } from "../io.js";

/**
 * `validate [paths] [--format text|json|github] [--fail-on warning|error]`: every issue in the
 * rule files — schema, semantic checks and lint — in file and line order. Exits 2 when an
 * error (or, with `--fail-on warning`, any issue) is found. A path that does not exist is an I/O
 * error and a directory holding no rule file a usage error (exit 1 for both): a CI job pointed at
 * the wrong folder must fail, not report "0 errors".
 */
export function validateCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): number {
  const format = oneOf("format", options.format, ["text", "json", "github"], "text");
  const failOn = oneOf("fail-on", options["fail-on"], ["error", "warning"], "error");
  // Today in Beijing, for the warning that the calendar's published years end soon.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const paths = args.map((p) => resolve(io.cwd, p));
  paths.forEach((path, i) => {
    requirePath(args[i] as string, path);
    if (statSync(path).isDirectory() && ruleFiles(path).length === 0)
      throw new UsageError(`no rule file (*.json) in ${args[i]}: nothing to validate`);
  });
  const issues = validateRules(paths.length > 0 ? paths : undefined, { today });
  io.stdout(formatIssues(inSourceOrder(issues), format));
  // A file that could not be read (unreadable, or a device without end) is an I/O error: exit 1.
  if (issues.some((i) => i.code === "io-error")) return EXIT.usage;
  const failing = issues.some((i) => i.severity === "error" || failOn === "warning");
  return failing ? EXIT.checksFailed : EXIT.ok;
}

function inSourceOrder(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}
