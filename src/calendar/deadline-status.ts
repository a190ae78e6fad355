import type { PlainDate } from "../validators/plain-date.js";
import { guardDate, guardDue } from "./argument-guards.js";
import { assertCount } from "./assert-count.js";
import { toDayNumber } from "./day-number.js";
import type { WorkingCalendar } from "./working-calendar.js";

/** The traffic light of a case under supervision (亮灯督办). */
export type DeadlineStatus = "green" | "yellow" | "red" | "overdue";

/** When a case turns yellow. */
export interface DeadlineStatusOptions {
  /** Yellow from this many working days left (inclusive); 0 = only the due date is red. */
  readonly warnWorkingDays: number;
}

/**
 * The traffic light (亮灯督办) of a case due on `due`, seen on the civil date `now` (the date in
 * the office's time zone; the library has no clock). "Working days left" counts the working
 * days after `now` up to and including `due` (`workingDaysBetween(now, due)`):
 *
 * - `overdue`: `now` is after `due`;
 * - `red`: `now` is the due date itself, the last day to act;
 * - `yellow`: before the due date, with at most `warnWorkingDays` working days left;
 * - `green`: more than `warnWorkingDays` working days left.
 *
 * A provisional due date (`{ earliest, latest }`, see `dueBounds`) is judged by the side that
 * warns earlier: its earliest date, with the fewest working days left that any legal
 * arrangement of the coming notice gives; so is a date whose days left the notice decides.
 *
 * Throws a `CalendarCoverageError` when the days between `now` and `due` are not all covered.
 *
 * @example
 * // Due Wed 2025-02-05; 2025-01-28 … 2025-02-04 is the Spring Festival holiday.
 * deadlineStatus("2025-02-05", "2025-01-24", { warnWorkingDays: 1 }, calendar); // "green" (3 left)
 * deadlineStatus("2025-02-05", "2025-01-27", { warnWorkingDays: 1 }, calendar); // "yellow" (1 left)
 * deadlineStatus("2025-02-05", "2025-02-05", { warnWorkingDays: 1 }, calendar); // "red"
 * deadlineStatus("2025-02-05", "2025-02-06", { warnWorkingDays: 1 }, calendar); // "overdue"
 */
export function deadlineStatus(
  due: PlainDate | ProvisionalDue,
  now: PlainDate,
  options: DeadlineStatusOptions,
  calendar: WorkingCalendar,
): DeadlineStatus {
  assertCount("warnWorkingDays", options.warnWorkingDays);
  const date = typeof due === "string" ? due : due.earliest;
  const [dueDay, today] = [toDayNumber(date), toDayNumber(now)];
  if (today > dueDay) return "overdue";
  if (today === dueDay) return "red";
  const left = calendar.workingDaysBetweenBounds(now, date).min;
  return left <= options.warnWorkingDays ? "yellow" : "green";
}

/** A due date known only as bounds (a provisional year); see `dueBounds`. */
export interface ProvisionalDue {
  readonly earliest: PlainDate;
  readonly latest: PlainDate;
}

/**
 * Whether a time limit has run out on `now` (the due date's day has ended), for a consequence
 * that follows from it automatically — e.g. 行政许可法 art 32(4): an application not answered
 * within five days is deemed accepted. `true` or `false` only when that holds under every
 * legal arrangement of the coming notice; `undefined` between a provisional due date's bounds,
 * where nothing automatic may happen and a person decides.
 *
 * @example
 * hasLapsed("2025-02-05", "2025-02-06"); // true
 * hasLapsed({ earliest: "2027-02-03", latest: "2027-02-14" }, "2027-02-10"); // undefined
 */
export function hasLapsed(dueOn: PlainDate | ProvisionalDue, now: PlainDate): boolean | undefined {
  const due = guardDue("due", dueOn);
  const today = toDayNumber(guardDate("now", now));
  if (typeof due === "string") return today > toDayNumber(due);
  if (today > toDayNumber(due.latest)) return true;
  if (today <= toDayNumber(due.earliest)) return false;
  return undefined;
}
