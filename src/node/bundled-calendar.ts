// The one node-only module of src/calendar: it reads the bundled data file. Everything else in
// the folder is pure and runs in a browser or a worker as well.
import { readFileSync } from "node:fs";
import {
  guardCalendar,
  guardDate,
  guardDue,
  guardStatusOptions,
} from "../calendar/argument-guards.js";
import {
  type DeadlineStatus,
  type DeadlineStatusOptions,
  type ProvisionalDue,
  deadlineStatus as statusOn,
} from "../calendar/deadline-status.js";
import type { DueBounds, DueDate, DueDateOptions } from "../calendar/due-date.js";
import { parseCalendarFile } from "../calendar/parse-calendar-file.js";
import { compileCalendar, type WorkingCalendar } from "../calendar/working-calendar.js";
import type { PlainDate } from "../validators/plain-date.js";

// Resolves from src/calendar/ and from the compiled dist/calendar/ alike.
const BUNDLED_FILE = new URL("../../rules/calendars/cn-mainland.json", import.meta.url);

let cached: WorkingCalendar | undefined;

/**
 * The official mainland China calendar shipped with the package
 * (`rules/calendars/cn-mainland.json`), read, validated and compiled on first use and cached.
 * Throws if the bundled file is invalid, listing every problem: that is a packaging fault.
 *
 * @example
 * bundledCalendar().covers; // { from: "2024-01-01", until: "2027-12-31" }
 * bundledCalendar().published; // { from: "2024-01-01", until: "2026-12-31" } (2027 is provisional)
 */
export function bundledCalendar(): WorkingCalendar {
  if (cached === undefined) {
    const result = parseCalendarFile(JSON.parse(readFileSync(BUNDLED_FILE, "utf8")));
    if (!result.ok) {
      const lines = result.issues.map((issue) => `  ${issue.pointer}: ${issue.message}`);
      throw new Error(
        `the bundled calendar ${BUNDLED_FILE.pathname} is invalid:\n${lines.join("\n")}`,
      );
    }
    cached = compileCalendar(result.value);
  }
  return cached;
}

/**
 * Whether a date is a working day: a makeup working day (调休上班), or a weekday that is not a
 * day off. Uses the bundled calendar unless another is given; throws a `CalendarCoverageError`
 * outside its years.
 *
 * @example
 * isWorkingDay("2025-01-26"); // true (Sunday, 调休上班 for the Spring Festival)
 * isWorkingDay("2025-01-28"); // false (春节)
 */
export function isWorkingDay(
  date: PlainDate,
  calendar: WorkingCalendar = bundledCalendar(),
): boolean {
  return guardCalendar("calendar", calendar).isWorkingDay(date);
}

/**
 * The nth working day after `date`, which itself is not counted; n = 0 returns `date`
 * unchanged. Uses the bundled calendar unless another is given.
 *
 * @example
 * addWorkingDays("2025-01-24", 3); // "2025-02-05"
 * addWorkingDays("2025-01-24", 0); // "2025-01-24"
 */
export function addWorkingDays(
  date: PlainDate,
  n: number,
  calendar: WorkingCalendar = bundledCalendar(),
): PlainDate {
  return guardCalendar("calendar", calendar).addWorkingDays(date, n);
}

/**
 * The number of working days d with a < d ≤ b (negative when b is before a). Uses the bundled
 * calendar unless another is given.
 *
 * @example
 * workingDaysBetween("2025-01-24", "2025-02-05"); // 3
 * workingDaysBetween("2025-02-05", "2025-01-24"); // -3
 */
export function workingDaysBetween(
  a: PlainDate,
  b: PlainDate,
  calendar: WorkingCalendar = bundledCalendar(),
): number {
  return guardCalendar("calendar", calendar).workingDaysBetween(a, b);
}

/**
 * The due date of a time limit of N working days from acceptance (SPEC §8.5), with the days
 * skipped and why; see {@link WorkingCalendar.dueDate}. Uses the bundled calendar unless another
 * is given.
 *
 * @example
 * dueDate("2025-01-24", 3, { extensionWorkingDays: 3 }).due; // "2025-02-08"
 */
export function dueDate(
  acceptedOn: PlainDate,
  workingDays: number,
  options: DueDateOptions = {},
  calendar: WorkingCalendar = bundledCalendar(),
): DueDate {
  return guardCalendar("calendar", calendar).dueDate(acceptedOn, workingDays, options);
}

/**
 * The due date of a time limit of N working days as bounds over every legal arrangement of the
 * calendar's provisional years (2027 until its notice is out): `due` only when exact, else
 * `provisional: true` with the earliest and the latest date; see {@link WorkingCalendar.dueBounds}.
 * Uses the bundled calendar unless another is given.
 *
 * @example
 * dueBounds("2026-12-20", 20).due; // "2027-01-18" (exact: no arrangement of 2027 moves it)
 * dueBounds("2027-01-28", 5); // { provisional: true, earliest: "2027-02-03", latest: "2027-02-14", … }
 */
export function dueBounds(
  acceptedOn: PlainDate,
  workingDays: number,
  options: Omit<DueDateOptions, "outsideCoverage"> = {},
  calendar: WorkingCalendar = bundledCalendar(),
): DueBounds {
  return guardCalendar("calendar", calendar).dueBounds(acceptedOn, workingDays, options);
}

/**
 * The traffic light of a case due on `due`, seen on `now`: green, yellow (at most
 * `warnWorkingDays` working days left), red (the due date itself) or overdue. Uses the bundled
 * calendar unless another is given; the rules are those of the core `deadlineStatus`.
 *
 * @example
 * deadlineStatus("2025-02-05", "2025-01-27", { warnWorkingDays: 1 }); // "yellow"
 */
export function deadlineStatus(
  due: PlainDate | ProvisionalDue,
  now: PlainDate,
  options: DeadlineStatusOptions,
  calendar: WorkingCalendar = bundledCalendar(),
): DeadlineStatus {
  return statusOn(
    guardDue("due", due),
    guardDate("now", now),
    guardStatusOptions("options", options),
    guardCalendar("calendar", calendar),
  );
}
