import type { PlainDate } from "../validators/plain-date.js";
import {
  guardCount,
  guardDate,
  guardDescribeDayOptions,
  guardDueDateOptions,
  registerCalendar,
} from "./argument-guards.js";
import type { CalendarFile } from "./calendar-file.js";
import { type OutsideCoverage, ProvisionalDateError } from "./coverage-error.js";
import { type DateRange, toDayNumber } from "./day-number.js";
import { compileDayTable, type DayClass } from "./day-table.js";
import {
  computeDueBounds,
  computeDueDate,
  countWorkingDaysBounds,
  type DueBounds,
  type DueDate,
  type DueDateOptions,
} from "./due-date.js";

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
 * only their results can say so. The exact methods throw a `ProvisionalDateError` (a
 * `CalendarCoverageError` with code `provisional-calendar`) when the answer depends on a day of
 * a provisional year that only the coming notice decides; `dueBounds` and
 * `workingDaysBetweenBounds` give the bounds instead.
 */
export interface WorkingCalendar {
  /** The calendar's id, e.g. `cn-mainland`. */
  readonly id: string;
  /** The calendar file's revision; decisions record it. */
  readonly revision: string;
  /** The covered dates: 1 January of the first year to 31 December of the last. */
  readonly covers: DateRange;
  /** The years whose notice is published (a prefix of `covers`), or undefined if none. */
  readonly published: DateRange | undefined;
  /** The provisional years, ascending. */
  readonly provisionalYears: readonly number[];
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
  /**
   * The due date of a time limit of N working days as bounds over every legal arrangement of
   * the provisional years: `due` only when exact, else `provisional: true` with the earliest
   * and latest dates.
   */
  dueBounds(
    acceptedOn: PlainDate,
    workingDays: number,
    options?: Omit<DueDateOptions, "outsideCoverage">,
  ): DueBounds;
  /**
   * `workingDaysBetween` as bounds over every legal arrangement of the provisional years:
   * `min` and `max` are equal where the calendar decides every day.
   */
  workingDaysBetweenBounds(
    a: PlainDate,
    b: PlainDate,
  ): { readonly min: number; readonly max: number };
}

/**
 * {@link createCalendar} for a file already validated — by `parseCalendarFile`, by loading rules,
 * or in a bundle built from validated rules — without checking it again (the cross-field checks
 * of a calendar with a provisional year take tens of milliseconds, on every cold start). The
 * methods still check their arguments. Internal: the public API gives `createCalendar`.
 */
export function compileCalendar(file: CalendarFile): WorkingCalendar {
  // Every argument is checked at this boundary (argument-guards.ts): a RangeError naming it.
  const table = compileDayTable(file);
  const between = (a: PlainDate, b: PlainDate) => {
    const [from, to] = [toDayNumber(guardDate("a", a)), toDayNumber(guardDate("b", b))];
    const { min, max } = countWorkingDaysBounds(table, Math.min(from, to), Math.max(from, to));
    return from <= to ? { min, max } : { min: -max || 0, max: -min || 0 };
  };
  return registerCalendar({
    id: table.id,
    revision: table.revision,
    covers: table.covers,
    published: table.published,
    provisionalYears: table.provisionalYears,
    isCovered: (date) => table.isCovered(toDayNumber(guardDate("date", date))),
    describeDay: (date, options) => ({
      date: guardDate("date", date),
      ...table.classify(
        toDayNumber(date),
        guardDescribeDayOptions("options", options).outsideCoverage ?? "error",
      ),
    }),
    isWorkingDay: (date) => table.classify(toDayNumber(guardDate("date", date)), "error").working,
    addWorkingDays(date, n) {
      guardDate("date", date);
      guardCount("n", n);
      return computeDueDate(table, date, n).due;
    },
    workingDaysBetween(a, b) {
      const { min, max } = between(a, b);
      if (min !== max) {
        throw new ProvisionalDateError(
          a <= b ? b : a,
          table.id,
          table.covers,
          `between ${min} and ${max} working days from ${a} to ${b} depending on that notice`,
        );
      }
      return min;
    },
    dueDate: (acceptedOn, workingDays, options) =>
      computeDueDate(
        table,
        guardDate("acceptedOn", acceptedOn),
        guardCount("workingDays", workingDays),
        guardDueDateOptions("options", options),
      ),
    dueBounds: (acceptedOn, workingDays, options) =>
      computeDueBounds(
        table,
        guardDate("acceptedOn", acceptedOn),
        guardCount("workingDays", workingDays),
        guardDueDateOptions("options", options, false),
      ),
    workingDaysBetweenBounds: between,
  });
}
