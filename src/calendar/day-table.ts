import type { CalendarFile } from "./calendar-file.js";
import {
  CalendarCoverageError,
  type OutsideCoverage,
  ProvisionalDateError,
} from "./coverage-error.js";
import { type DateRange, fromDayNumber, toDayNumber, weekday } from "./day-number.js";
import { type HolidayModel, holidayModel } from "./provisional-model.js";

/** What kind of day a date is in a working-day calendar. */
export type DayKind = "workday" | "makeup-workday" | "weekend" | "holiday";

/** The classification of one day; `holiday` names the holiday of an off or makeup day. */
export interface DayClass {
  readonly kind: DayKind;
  readonly working: boolean;
  readonly holiday?: string;
  readonly estimated?: true;
}

/** A day of a provisional year that only the coming notice decides. */
export interface UndecidedDay {
  readonly model: HolidayModel;
  /** The day's index in the model's window. */
  readonly index: number;
}

/** A calendar file compiled for constant-time look-ups by day number. */
export interface DayTable {
  readonly id: string;
  readonly revision: string;
  readonly covers: DateRange;
  /** The years whose notice is published, or undefined when none is. */
  readonly published: DateRange | undefined;
  /** The provisional years, ascending. */
  readonly provisionalYears: readonly number[];
  isCovered(day: number): boolean;
  /**
   * The day's class; throws a `CalendarCoverageError` outside the calendar (unless estimating)
   * and a `ProvisionalDateError` on a day only the coming notice decides.
   */
  classify(day: number, outsideCoverage: OutsideCoverage): DayClass;
  /** The holiday model and position of a day only the coming notice decides, else undefined. */
  undecided(day: number): UndecidedDay | undefined;
}

const WORKDAY: DayClass = { kind: "workday", working: true };
const WEEKEND: DayClass = { kind: "weekend", working: false };
const ESTIMATED_WORKDAY: DayClass = { kind: "workday", working: true, estimated: true };
const ESTIMATED_WEEKEND: DayClass = { kind: "weekend", working: false, estimated: true };

/**
 * Compiles a validated calendar file into a day table: maps from day number to the day's
 * classification, so that each look-up is constant-time. Days of a provisional year are the
 * law's statutory days off, ordinary weekdays and weekends outside the holidays' windows, and
 * inside a window whatever every legal arrangement agrees on (see `holidayModel`); the rest
 * are undecided. Validate the file first with `parseCalendarFile`; this function trusts its
 * input. The holiday models are enumerated on first use.
 *
 * @example
 * const table = compileDayTable(file);
 * table.classify(toDayNumber("2025-01-26"), "error"); // { kind: "makeup-workday", working: true, holiday: "春节" }
 */
export function compileDayTable(file: CalendarFile): DayTable {
  const covers = { from: file.covers.from, until: file.covers.until };
  const first = toDayNumber(covers.from);
  const last = toDayNumber(covers.until);
  const weekend = new Set(file.weekend);
  const special = new Map<number, DayClass>();
  const publishedYears: number[] = [];
  const provisionalYears: number[] = [];
  for (const entry of file.years) {
    if (entry.status === "published") {
      publishedYears.push(entry.year);
      for (const { date, holiday } of entry.offDays) {
        special.set(toDayNumber(date), { kind: "holiday", working: false, holiday });
      }
      for (const { date, holiday } of entry.makeupWorkDays) {
        special.set(toDayNumber(date), { kind: "makeup-workday", working: true, holiday });
      }
    } else {
      provisionalYears.push(entry.year);
      for (const { holiday, statutory } of entry.holidays) {
        for (const date of statutory) {
          special.set(toDayNumber(date), { kind: "holiday", working: false, holiday });
        }
      }
    }
  }
  const isCovered = (day: number): boolean => day >= first && day <= last;
  const isWeekend = (day: number) => weekend.has(weekday(day));
  // Outside every window: the published data, the statutory days, else the weekday rule
  // (also beyond the calendar, where only a model's window reaches).
  const known = (day: number): DayClass => special.get(day) ?? (isWeekend(day) ? WEEKEND : WORKDAY);

  let models: Map<number, UndecidedDay> | undefined;
  const undecidedDays = (): Map<number, UndecidedDay> => {
    if (models !== undefined) return models;
    const byDay = new Map<number, UndecidedDay>();
    for (const entry of file.years) {
      if (entry.status !== "provisional") continue;
      for (const holiday of entry.holidays) {
        const model = holidayModel(holiday, {
          weekend,
          workingOutside: (day) => known(day).working,
          maxRun: entry.maxConsecutiveWorkingDays,
        });
        model.decided.forEach((value, index) => {
          const day = model.first + index;
          if (value === -1) byDay.set(day, { model, index });
          else if (value === 1 && isWeekend(day)) {
            special.set(day, { kind: "makeup-workday", working: true, holiday: model.holiday });
          } else if (value === 0 && !isWeekend(day)) {
            special.set(day, { kind: "holiday", working: false, holiday: model.holiday });
          }
        });
      }
    }
    models = byDay;
    return byDay;
  };

  const lastPublished = publishedYears.length > 0 ? Math.max(...publishedYears) : undefined;
  return {
    id: file.id,
    revision: file.revision,
    covers,
    published:
      lastPublished === undefined
        ? undefined
        : { from: covers.from, until: `${lastPublished}-12-31` },
    provisionalYears,
    isCovered,
    classify(day, outsideCoverage) {
      if (!isCovered(day)) {
        if (outsideCoverage === "error") {
          throw new CalendarCoverageError(fromDayNumber(day), file.id, covers);
        }
        return isWeekend(day) ? ESTIMATED_WEEKEND : ESTIMATED_WORKDAY;
      }
      const undecided = provisionalYears.length > 0 ? undecidedDays().get(day) : undefined;
      if (undecided !== undefined) {
        throw new ProvisionalDateError(
          fromDayNumber(day),
          file.id,
          covers,
          `whether it is a working day depends on how the notice arranges ${undecided.model.holiday}`,
        );
      }
      return known(day);
    },
    undecided(day) {
      if (provisionalYears.length === 0 || !isCovered(day)) return undefined;
      return undecidedDays().get(day);
    },
  };
}
