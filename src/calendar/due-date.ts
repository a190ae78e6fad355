import type { PlainDate } from "../validators/plain-date.js";
import { assertCount } from "./assert-count.js";
import { type OutsideCoverage, ProvisionalDateError } from "./coverage-error.js";
import { type DateRange, fromDayNumber, toDayNumber } from "./day-number.js";
import type { DayTable } from "./day-table.js";
import type { HolidayModel } from "./provisional-model.js";

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
  /**
   * Days of a provisional year between acceptance and the due date that only the coming
   * notice decides; present only when there are some, and then the due date is the same
   * whichever way the notice decides them.
   */
  readonly undecided?: readonly PlainDate[];
}

/**
 * A due date that may reach into a provisional year: exact (`due`, equal to both bounds) when
 * every legal arrangement of the coming notice gives the same day, else only the earliest and
 * the latest possible dates, with `provisional: true`.
 */
export interface DueBounds {
  readonly acceptedOn: PlainDate;
  /** Working days counted: the time limit plus any extension. */
  readonly workingDays: number;
  readonly provisional: boolean;
  /** Present only when exact. */
  readonly due?: PlainDate;
  readonly earliest: PlainDate;
  readonly latest: PlainDate;
  /** The calendar and its revision the count was made on. */
  readonly calendar: { readonly id: string; readonly revision: string };
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

interface Count {
  readonly earliest: number;
  readonly latest: number;
  readonly skipped: SkippedDay[];
  readonly undecided: number[];
  readonly estimated: boolean;
  readonly total: number;
}

// Per holiday model met while counting: for each arrangement, the working days counted in it.
class ArrangementCounts {
  private readonly counts = new Map<HolidayModel, Int32Array>();
  private readonly extremes = new Map<HolidayModel, readonly [number, number]>();
  min = 0;
  max = 0;

  add(model: HolidayModel, index: number): void {
    let counts = this.counts.get(model);
    if (counts === undefined) {
      counts = new Int32Array(model.arrangements.length);
      this.counts.set(model, counts);
    }
    let [lo, hi] = [Number.POSITIVE_INFINITY, 0];
    model.arrangements.forEach((working, a) => {
      const value = (counts[a] as number) + (working[index] as number);
      counts[a] = value;
      if (value < lo) lo = value;
      if (value > hi) hi = value;
    });
    const [oldLo, oldHi] = this.extremes.get(model) ?? [0, 0];
    this.extremes.set(model, [lo, hi]);
    this.min += lo - oldLo;
    this.max += hi - oldHi;
  }
}

/**
 * Counts N working days after `acceptedOn` under every legal arrangement at once: the earliest
 * day on which some arrangement reaches N, and the first day on which every arrangement has
 * (the latest due date). Days of different holidays' windows are counted independently (their
 * arrangements are independent, see `holidayModel`), so the extremes add up.
 */
function count(
  table: DayTable,
  acceptedOn: PlainDate,
  workingDays: number,
  options: DueDateOptions,
): Count {
  const start = toDayNumber(acceptedOn);
  const extension = options.extensionWorkingDays ?? 0;
  assertCount("workingDays", workingDays);
  assertCount("extensionWorkingDays", extension);
  const total = workingDays + extension;
  assertCount("workingDays + extensionWorkingDays", total);
  const suspensions = (options.suspensions ?? []).map(toInterval);
  const outsideCoverage = options.outsideCoverage ?? "error";
  const skipped: SkippedDay[] = [];
  const undecided: number[] = [];
  const counts = new ArrangementCounts();
  let estimated = false;
  let certain = 0;
  let earliest = total === 0 ? start : undefined;
  let day = start;
  while (certain + counts.min < total) {
    day += 1;
    const open = table.undecided(day);
    const suspended = suspensions.length > 0 && isSuspended(suspensions, day);
    if (open !== undefined) {
      undecided.push(day);
      if (!suspended) counts.add(open.model, open.index);
    } else {
      const info = table.classify(day, outsideCoverage);
      if (info.estimated) estimated = true;
      if (!info.working) {
        const date = fromDayNumber(day);
        skipped.push(
          info.kind === "holiday" && info.holiday !== undefined
            ? { date, reason: "holiday", holiday: info.holiday }
            : { date, reason: "weekend" },
        );
      } else if (suspended) {
        skipped.push({ date: fromDayNumber(day), reason: "suspended" });
      } else {
        certain += 1;
      }
    }
    if (earliest === undefined && certain + counts.max >= total) earliest = day;
  }
  return { earliest: earliest ?? day, latest: day, skipped, undecided, estimated, total };
}

/**
 * Counts a time limit of N working days on a day table (SPEC §8.5): the day of acceptance is
 * not counted, and the due date is the Nth working day after it, the extension's days added
 * to N. Weekends, holidays and working days inside a suspension are skipped and listed with
 * their reason; a weekend or holiday inside a suspension is listed as weekend or holiday. N = 0
 * gives the day of acceptance itself (当场办结). Only the days after acceptance up to the due
 * date must lie inside the calendar. Where the count crosses days of a provisional year that
 * only the coming notice decides, the due date is returned if every legal arrangement gives
 * the same one (those days listed in `undecided`), else a `ProvisionalDateError` is thrown:
 * ask {@link computeDueBounds} for the bounds.
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
  const counted = count(table, acceptedOn, workingDays, options);
  const { earliest, latest } = counted;
  if (earliest !== latest) {
    throw new ProvisionalDateError(
      fromDayNumber(earliest),
      table.id,
      table.covers,
      `due between ${fromDayNumber(earliest)} and ${fromDayNumber(latest)} depending on that notice`,
    );
  }
  const due: DueDate = {
    acceptedOn,
    workingDays: counted.total,
    due: fromDayNumber(latest),
    skipped: counted.skipped,
    ...(counted.undecided.length > 0 && { undecided: counted.undecided.map(fromDayNumber) }),
  };
  return counted.estimated ? { ...due, estimated: true } : due;
}

/**
 * The due date of N working days after `acceptedOn` as bounds over every legal arrangement of
 * the provisional years (see {@link DueBounds}); equal bounds, `due` and `provisional: false`
 * wherever the calendar decides every day counted. Throws a `CalendarCoverageError` beyond the
 * calendar, as `computeDueDate` does; never estimates.
 *
 * @example
 * computeDueBounds(table, "2027-01-28", 5);
 * // { acceptedOn: "2027-01-28", workingDays: 5, provisional: true, earliest: "2027-02-03", latest: "2027-02-10", calendar: { … } }
 */
export function computeDueBounds(
  table: DayTable,
  acceptedOn: PlainDate,
  workingDays: number,
  options: Omit<DueDateOptions, "outsideCoverage"> = {},
): DueBounds {
  const counted = count(table, acceptedOn, workingDays, { ...options, outsideCoverage: "error" });
  const [earliest, latest] = [fromDayNumber(counted.earliest), fromDayNumber(counted.latest)];
  const exact = earliest === latest;
  return {
    acceptedOn,
    workingDays: counted.total,
    provisional: !exact,
    ...(exact && { due: latest }),
    earliest,
    latest,
    calendar: { id: table.id, revision: table.revision },
  };
}

/**
 * The number of working days d with from < d ≤ to (from ≤ to), as bounds over every legal
 * arrangement of the provisional years: equal where the calendar decides every day.
 */
export function countWorkingDaysBounds(
  table: DayTable,
  from: number,
  to: number,
): { readonly min: number; readonly max: number } {
  const counts = new ArrangementCounts();
  let certain = 0;
  for (let day = from + 1; day <= to; day += 1) {
    const open = table.undecided(day);
    if (open !== undefined) counts.add(open.model, open.index);
    else if (table.classify(day, "error").working) certain += 1;
  }
  return { min: certain + counts.min, max: certain + counts.max };
}
