import type { SourceLocator } from "../json/json-document.js";
import type { Issue } from "../model/issue.js";
import { ruleFileIssue } from "./issue-codes.js";
import { RuleFileError } from "./rule-file-error.js";

// What matters and 一件事 files share as files: their text read once, with the issues of a file
// that cannot be read; and the folder and name they are kept under, which must be their own.

/**
 * A source's text, or undefined with its issues added when it cannot be read as text (a file
 * that is not UTF-8, one that cannot be read: see read-rule-file.ts).
 *
 * @example
 * const text = sourceText(source, issues); // undefined when unreadable (issues then say why)
 */
export function sourceText(source: { readonly text: string }, issues: Issue[]): string | undefined {
  try {
    return source.text;
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/**
 * `…/<folder>/<id>/<version>.json` must agree with the file's own id and version
 * (`misplaced-file`, at `/<idKey>` and `/version`); a file kept elsewhere is not checked.
 *
 * @example
 * placementIssues(MATTER_FILE, file, { key: "matter", id: m.matter, version: m.version, what: "matter" }, document);
 */
export function placementIssues(
  pattern: RegExp,
  file: string,
  own: { key: string; id: string; version: string; what: string },
  document: SourceLocator,
): Issue[] {
  const match = pattern.exec(file);
  if (!match) return [];
  const issues: Issue[] = [];
  if (match[1] !== own.id) {
    issues.push(
      ruleFileIssue(
        document,
        "misplaced-file",
        `${own.what} "${own.id}" is in the folder "${match[1]}"`,
        `/${own.key}`,
      ),
    );
  }
  if (match[2] !== own.version) {
    issues.push(
      ruleFileIssue(
        document,
        "misplaced-file",
        `version "${own.version}" is in the file "${match[2]}.json"`,
        "/version",
      ),
    );
  }
  return issues;
}
