import type { PlainDate } from "../validators/plain-date.js";
import type { DateRange } from "./day-number.js";

/**
 * What to do with a date outside the calendar's covered years: `"error"` (the default) throws a
 * {@link CalendarCoverageError}; `"estimate"` treats every weekday there as a working day and
 * every weekend day as a rest day, and marks the result `estimated: true`.
 */
export type OutsideCoverage = "error" | "estimate";

/**
 * Thrown when a computation needs a date the calendar does not cover. The one exception in the
 * calendar: a due date computed without the year's holidays would be silently wrong, and a
 * wrong due date is a wrong legal notice. Carries the date, the calendar and its coverage.
 */
export class CalendarCoverageError extends Error {
  override readonly name = "CalendarCoverageError";
  readonly code: "outside-calendar-coverage" | "provisional-calendar" = "outside-calendar-coverage";
  readonly date: PlainDate;
  readonly calendar: string;
  readonly covers: DateRange;

  constructor(date: PlainDate, calendar: string, covers: DateRange, message?: string) {
    super(
      message ??
        `${date} is outside the calendar ${calendar} (${covers.from} … ${covers.until}); add that year's State Council notice to rules/calendars/${calendar}.json`,
    );
    this.date = date;
    this.calendar = calendar;
    this.covers = covers;
  }
}

/**
 * Tells whether a caught value is a {@link CalendarCoverageError}, also across realms and
 * duplicate copies of the package, where `instanceof` fails.
 *
 * @example
 * try {
 *   calendar.addWorkingDays("2026-12-30", 5);
 * } catch (error) {
 *   if (isCalendarCoverageError(error)) console.error(error.message, error.covers);
 *   else throw error;
 * }
 */
export function isCalendarCoverageError(error: unknown): error is CalendarCoverageError {
  return error instanceof Error && error.name === "CalendarCoverageError";
}

/**
 * Thrown when an exact answer depends on a day of a provisional year that only the coming
 * State Council notice decides (补假 or 调休 not yet published). A `CalendarCoverageError`
 * with code `provisional-calendar`, so that every caller that refuses an uncovered date
 * refuses this one too; ask `dueBounds` or `workingDaysBetweenBounds` for the bounds instead.
 */
export class ProvisionalDateError extends CalendarCoverageError {
  override readonly code = "provisional-calendar";

  constructor(date: PlainDate, calendar: string, covers: DateRange, detail?: string) {
    super(
      date,
      calendar,
      covers,
      `${date} is in a provisional year of the calendar ${calendar}: the State Council notice that decides it is not published yet${detail ? ` (${detail})` : ""}; ask for the bounds (dueBounds) instead of an exact date`,
    );
  }
}
