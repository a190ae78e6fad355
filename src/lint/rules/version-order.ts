import type { Issue } from "../../model/issue.js";
import type { VersionsRule } from "../lint-context.js";

/**
 * `version-order` (error): versions of one matter whose numbers do not rise with their
 * effective dates — a later checklist with a lower (or equal) number than an earlier one.
 * Decisions record the version they were made under; auditors read the numbers as history.
 */
export const versionOrder: VersionsRule = (versions) => {
  const byDate = [...versions].sort((a, b) =>
    a.matter.effective.from < b.matter.effective.from ? -1 : 1,
  );
  const issues: Issue[] = [];
  byDate.forEach((current, i) => {
    const earlier = byDate
      .slice(0, i)
      .filter(
        (e) =>
          e.matter.effective.from < current.matter.effective.from &&
          compareVersions(e.matter.version, current.matter.version) > 0,
      );
    for (const e of earlier) {
      issues.push(
        current.document.issue(
          "version-order",
          `version ${current.matter.version} takes effect on ${current.matter.effective.from}, after version ${e.matter.version} (${e.file}, from ${e.matter.effective.from}): version numbers must rise with effective dates`,
          "/version",
        ),
      );
    }
  });
  return issues;
};

/**
 * Compares semantic versions `x.y.z` numerically.
 *
 * @example
 * compareVersions("1.10.0", "1.9.3"); // 1
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
