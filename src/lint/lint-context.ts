import type { JsonDocument, SourceLocator } from "../json/json-document.js";
import { toPointer } from "../json/json-pointer.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import type { MatterFile } from "../model/matter.js";
import { LINT_CODES, type LintCode } from "./codes.js";
import { type ConditionAnalysis, conditionAnalysis } from "./conditions/analysis.js";
import type { Segments } from "./conditions/normal-form.js";

/** One version of a matter as the lint sees it: valid against the schema, with its source. */
export interface LintTarget extends VersionTarget {
  document: JsonDocument;
}

/** One version of a matter among its versions: where to place an issue is all that is kept. */
export interface VersionTarget {
  file: string;
  document: SourceLocator;
  matter: MatterFile;
}

/** What a rule over one matter version is given. */
export interface MatterLintContext extends LintTarget {
  catalogs: ReadonlyMap<string, CatalogFile>;
  analysis: ConditionAnalysis;
  /** An issue located at `at` in this file, with the code's severity (see LINT_CODES). */
  issue(code: LintCode, message: string, at: Segments, severity?: Issue["severity"]): Issue;
}

/** A lint rule over one matter version: one concept, one or a few stable codes. */
export type MatterRule = (context: MatterLintContext) => Issue[];

/** A lint rule over all the versions of one matter. */
export type VersionsRule = (versions: readonly VersionTarget[]) => Issue[];

/**
 * The context for linting one matter version.
 *
 * @example
 * const context = matterLintContext(target, catalogs);
 */
export function matterLintContext(
  target: LintTarget,
  catalogs: ReadonlyMap<string, CatalogFile>,
): MatterLintContext {
  return {
    ...target,
    catalogs,
    analysis: conditionAnalysis(target.matter),
    issue: (code, message, at, severity: Issue["severity"] = LINT_CODES[code].severity) =>
      target.document.issue(code, message, toPointer(at), severity),
  };
}
