import type { SourceLocator } from "../json/json-document.js";
import type { Issue } from "../model/issue.js";
import { ruleFileIssue } from "./issue-codes.js";

/** One version of a versioned rule file (a matter, a 一件事), where it was read. */
export interface VersionedFile {
  /** What is versioned: the matter's or the 一件事's id. */
  id: string;
  version: string;
  effective: { from: string; until?: string | undefined };
  file: string;
  document: SourceLocator;
}

/**
 * The problems of the versions of each id together: a window that ends before it begins
 * (`invalid-window`), a version number used twice (`duplicate-version`), two versions in force
 * on one day (`overlapping-versions`) — an application's date must pick exactly one law. The
 * one check for matters and 一件事 files.
 *
 * @example
 * versionWindowIssues(matters.map((m) => ({ id: m.matter.matter, ...m.matter, file: m.file, document: m.document })));
 */
export function versionWindowIssues(files: readonly VersionedFile[]): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map<string, VersionedFile[]>();
  for (const f of files) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  for (const versions of byId.values()) {
    const sorted = [...versions].sort((a, b) => compare(a.effective.from, b.effective.from));
    sorted.forEach((current, i) => {
      const { from, until } = current.effective;
      if (until !== undefined && until < from) {
        issues.push(
          ruleFileIssue(
            current.document,
            "invalid-window",
            `effective.until ${until} is before effective.from ${from}`,
            "/effective/until",
          ),
        );
      }
      for (const earlier of sorted.slice(0, i)) {
        if (earlier.version === current.version) {
          issues.push(
            ruleFileIssue(
              current.document,
              "duplicate-version",
              `version ${current.version} is also in ${earlier.file}`,
              "/version",
            ),
          );
        }
        const earlierUntil = earlier.effective.until;
        if (earlierUntil === undefined || earlierUntil >= from) {
          issues.push(
            ruleFileIssue(
              current.document,
              "overlapping-versions",
              `in force from ${from}, while version ${earlier.version} (${earlier.file}) is in force ${earlier.effective.from} … ${earlierUntil ?? "open-ended"}`,
              "/effective",
            ),
          );
        }
      }
    });
  }
  return issues;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
