import { resolve } from "node:path";
import { validateRules } from "../../load/load-rules.js";
import { formatIssues } from "../../report/issues.js";
import { type CliIo, EXIT, oneOf } from "../io.js";

/** `validate [paths] [--format text|json|github] [--fail-on warning|error]` */
export function validateCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): number {
  const format = oneOf("format", options.format, ["text", "json", "github"], "text");
  const failOn = oneOf("fail-on", options["fail-on"], ["error", "warning"], "error");
  const issues = validateRules(args.length > 0 ? args.map((p) => resolve(io.cwd, p)) : undefined);
  io.stdout(formatIssues(issues, format));
  const failing = issues.some((i) => i.severity === "error" || failOn === "warning");
  return failing ? EXIT.checksFailed : EXIT.ok;
}
