import { assertCount } from "./assert-count.js";
import type { OutsideCoverage } from "./coverage-error.js";
import type { DayTable } from "./day-table.js";
import { type DateRange, fromDayNumber, type PlainDate, toDayNumber } from "./plain-date.js";

/** A day passed over while counting, and why it did not count. */
export interface SkippedDay {
  readonly date: PlainDate;
  readonly reason: "weekend" | "holiday" | "suspended";
  /** The holiday's name, for `reason: "holiday"`. */
  readonly holiday?: string;
}

/** A due date with the explanation of how it was counted. */
export interface DueDate {
  readonly acceptedOn: PlainDate;
  /** Working days counted: the time limit plus any extension. */
  readonly workingDays: number;
  readonly due: PlainDate;
  /** Every day after `acceptedOn` and before `due` that was not counted, in date order. */
  readonly skipped: readonly SkippedDay[];
  /** Present when some day fell outside the calendar and was estimated from weekends only. */
  readonly estimated?: true;
}

/** How to count a due date beyond the plain working days. */
export interface DueDateOptions {
  /**
   * Periods that do not count (行政许可法 art 45: hearings, inspection, testing, expert review),
   * each inclusive of both ends.
   */
  readonly suspensions?: readonly DateRange[] | undefined;
  /** Extra working days granted by an extension, e.g. 3 under 市场主体登记管理条例 art 19. */
  readonly extensionWorkingDays?: number | undefined;
  /** What to do with dates outside the calendar; `"error"` unless set. */
  readonly outsideCoverage?: OutsideCoverage | undefined;
}

function toInterval({ from, until }: DateRange): readonly [number, number] {
  const interval = [toDayNumber(from), toDayNumber(until)] as const;
  if (interval[0] > interval[1]) {
    throw new RangeError(`suspension ${from} … ${until} ends before it starts`);
  }
  return interval;
}

function isSuspended(suspensions: ReadonlyArray<readonly [number, number]>, day: number): boolean {
  for (const [from, until] of suspensions) if (day >= from && day <= until) return true;
  return false;
}

/**
 * Counts a time limit of N working days on a day table (SPEC §8.5): the day of acceptance is
 * not counted, and the due date is the Nth working day after it, the extension's days added
 * to N. Weekends, holidays and working days inside a suspension are skipped and listed with
 * their reason; a weekend or holiday inside a suspension is listed as weekend or holiday. N = 0
 * gives the day of acceptance itself (当场办结). Only the days after acceptance up to the due
 * date must lie inside the calendar.
 *
 * @example
 * computeDueDate(table, "2025-01-24", 3).due; // "2025-02-05"
 * computeDueDate(table, "2025-01-24", 3, { extensionWorkingDays: 3 }).due; // "2025-02-08"
 */
export function computeDueDate(
  table: DayTable,
  acceptedOn: PlainDate,
  workingDays: number,
  options: DueDateOptions = {},
): DueDate {
  const start = toDayNumber(acceptedOn);
  const extension = options.extensionWorkingDays ?? 0;
  assertCount("workingDays", workingDays);
  assertCount("extensionWorkingDays", extension);
  const total = workingDays + extension;
  assertCount("workingDays + extensionWorkingDays", total);
  const suspensions = (options.suspensions ?? []).map(toInterval);
  const outsideCoverage = options.outsideCoverage ?? "error";
  const skipped: SkippedDay[] = [];
  let estimated = false;
  let day = start;
  for (let counted = 0; counted < total; ) {
    day += 1;
    const info = table.classify(day, outsideCoverage);
    if (info.estimated) estimated = true;
    if (!info.working) {
      const date = fromDayNumber(day);
      skipped.push(
        info.kind === "holiday" && info.holiday !== undefined
          ? { date, reason: "holiday", holiday: info.holiday }
          : { date, reason: "weekend" },
      );
    } else if (suspensions.length > 0 && isSuspended(suspensions, day)) {
      skipped.push({ date: fromDayNumber(day), reason: "suspended" });
    } else {
      counted += 1;
    }
  }
  const due = { acceptedOn, workingDays: total, due: fromDayNumber(day), skipped };
  return estimated ? { ...due, estimated: true } : due;
}
