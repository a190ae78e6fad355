import { fromDayNumber, toDayNumber } from "../../calendar/day-number.js";
import type { Issue } from "../../model/issue.js";
import type { VersionsRule } from "../lint-context.js";

/**
 * `effective-gap` (warning): days between two versions of a matter when no version is in
 * force — applications dated then cannot be decided at all. (Overlaps are errors of the
 * loader's own, `overlapping-versions`.)
 */
export const effectiveGap: VersionsRule = (versions) => {
  const byDate = [...versions].sort((a, b) =>
    a.matter.effective.from < b.matter.effective.from ? -1 : 1,
  );
  const issues: Issue[] = [];
  for (let i = 1; i < byDate.length; i++) {
    const earlier = byDate[i - 1];
    const current = byDate[i];
    const until = earlier?.matter.effective.until;
    if (earlier === undefined || current === undefined || until === undefined) continue;
    const firstGapDay = toDayNumber(until) + 1;
    const from = toDayNumber(current.matter.effective.from);
    if (from <= firstGapDay) continue;
    const lastGapDay = fromDayNumber(from - 1);
    issues.push(
      current.document.issue(
        "effective-gap",
        `no version is in force from ${fromDayNumber(firstGapDay)} to ${lastGapDay}: version ${earlier.matter.version} (${earlier.file}) ends on ${until}, this one starts on ${current.matter.effective.from}`,
        "/effective/from",
        "warning",
      ),
    );
  }
  return issues;
};
