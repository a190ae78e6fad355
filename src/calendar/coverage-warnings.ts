import type { PlainDate } from "../validators/plain-date.js";
import type { CalendarFile } from "./calendar-file.js";
import type { CalendarIssue } from "./calendar-issue.js";
import { toDayNumber } from "./day-number.js";

/** How many days before the published years end `validate` starts to warn. */
export const COVERAGE_WARNING_DAYS = 60;

/**
 * A warning when the calendar's published years end within {@link COVERAGE_WARNING_DAYS} days
 * of `today` (or have ended): from then on due dates are provisional or refused until the
 * next State Council notice is added. `today` is the caller's civil date; the library reads no
 * clock. Empty when the published years reach further.
 *
 * @example
 * publishedCoverageWarnings(file, "2026-12-05"); // [{ code: "published-coverage-ending", … }]
 */
export function publishedCoverageWarnings(file: CalendarFile, today: PlainDate): CalendarIssue[] {
  const index = file.years.findLastIndex((entry) => entry.status === "published");
  const entry = file.years[index];
  const next = entry === undefined ? file.years[0]?.year : entry.year + 1;
  const end = entry === undefined ? undefined : `${entry.year}-12-31`;
  const left = end === undefined ? -1 : toDayNumber(end) - toDayNumber(today);
  if (left > COVERAGE_WARNING_DAYS) return [];
  const when =
    end === undefined
      ? "the calendar has no published year"
      : left >= 0
        ? `the published years end on ${end}, in ${left} day(s)`
        : `the published years ended on ${end}, ${-left} day(s) ago`;
  return [
    {
      code: "published-coverage-ending",
      message: `${when} (today ${today}): add the State Council notice for ${next} as soon as it is out (www.gov.cn/zhengce/zhengceku/; docs/rule-authors.md, "The working-day calendar"); until then due dates into ${next} are provisional bounds or refused`,
      pointer: entry === undefined ? "/years" : `/years/${index}/status`,
    },
  ];
}
