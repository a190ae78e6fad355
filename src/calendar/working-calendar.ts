import { assertCount } from "./assert-count.js";
import type { CalendarFile } from "./calendar-file.js";
import type { OutsideCoverage } from "./coverage-error.js";
import { compileDayTable, type DayClass } from "./day-table.js";
import { computeDueDate, type DueDate, type DueDateOptions } from "./due-date.js";
import { type DateRange, type PlainDate, toDayNumber } from "./plain-date.js";

/** One day described: its kind, whether it is a working day, and the holiday if any. */
export interface DayInfo extends DayClass {
  readonly date: PlainDate;
}

/** How to describe a day; `outsideCoverage` is `"error"` unless set. */
export interface DescribeDayOptions {
  readonly outsideCoverage?: OutsideCoverage | undefined;
}

/**
 * A compiled working-day calendar. Every method takes and returns `YYYY-MM-DD` dates, throws a
 * `RangeError` for a malformed date or count, and throws a `CalendarCoverageError` when it
 * needs a day outside `covers`; only `describeDay` and `dueDate` can estimate instead, because
 * only their results can say so.
 */
export interface WorkingCalendar {
  /** The calendar's id, e.g. `cn-mainland`. */
  readonly id: string;
  /** The covered dates: 1 January of the first year to 31 December of the last. */
  readonly covers: DateRange;
  /** Whether the calendar has official data for the date. */
  isCovered(date: PlainDate): boolean;
  /** The kind of day a date is: workday, makeup workday (调休上班), weekend or holiday. */
  describeDay(date: PlainDate, options?: DescribeDayOptions): DayInfo;
  /** True for a makeup working day, and for a weekday that is not a day off. */
  isWorkingDay(date: PlainDate): boolean;
  /**
   * The nth working day after `date` (`date` itself not counted). n = 0 returns `date`
   * unchanged, even when it is not a working day: zero days added.
   */
  addWorkingDays(date: PlainDate, n: number): PlainDate;
  /**
   * The number of working days d with a < d ≤ b, negated when b is before a, so that
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   */
  workingDaysBetween(a: PlainDate, b: PlainDate): number;
  /** The due date of a time limit of N working days, with the days skipped and why. */
  dueDate(acceptedOn: PlainDate, workingDays: number, options?: DueDateOptions): DueDate;
}

/**
 * Compiles a calendar file once into a {@link WorkingCalendar} whose look-ups are
 * constant-time. The file must be valid: read it through `parseCalendarFile` (or use
 * `bundledCalendar()` for the official mainland calendar).
 *
 * @example
 * const result = parseCalendarFile(JSON.parse(text));
 * if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join("\n"));
 * const calendar = createCalendar(result.value);
 * calendar.addWorkingDays("2025-01-24", 1); // "2025-01-26" (a Sunday, 调休上班)
 * calendar.dueDate("2025-01-24", 3).due; // "2025-02-05"
 */
export function createCalendar(file: CalendarFile): WorkingCalendar {
  const table = compileDayTable(file);
  return {
    id: table.id,
    covers: table.covers,
    isCovered: (date) => table.isCovered(toDayNumber(date)),
    describeDay: (date, options = {}) => ({
      date,
      ...table.classify(toDayNumber(date), options.outsideCoverage ?? "error"),
    }),
    isWorkingDay: (date) => table.classify(toDayNumber(date), "error").working,
    addWorkingDays(date, n) {
      assertCount("n", n);
      return computeDueDate(table, date, n).due;
    },
    workingDaysBetween(a, b) {
      const [from, to] = [toDayNumber(a), toDayNumber(b)];
      let count = 0;
      for (let day = Math.min(from, to) + 1; day <= Math.max(from, to); day += 1) {
        if (table.classify(day, "error").working) count += 1;
      }
      return from <= to || count === 0 ? count : -count;
    },
    dueDate: (acceptedOn, workingDays, options) =>
      computeDueDate(table, acceptedOn, workingDays, options),
  };
}
