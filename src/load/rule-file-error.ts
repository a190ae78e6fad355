import type { Issue } from "../model/issue.js";

/**
 * Thrown by `loadRules` when rule files have errors: it carries every issue found, each with
 * its file, pointer and line:column. (`validateRules` returns the same issues as data.)
 *
 * @example
 * try { await loadRules("rules"); } catch (e) { if (e instanceof RuleFileError) e.issues; }
 */
export class RuleFileError extends Error {
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    const errors = issues.filter((i) => i.severity === "error");
    const first = errors[0];
    super(
      `${errors.length} error(s) in rule files` +
        (first ? `; first: ${first.file}:${first.line}:${first.column} ${first.message}` : ""),
    );
    this.name = "RuleFileError";
    this.issues = issues;
  }
}
