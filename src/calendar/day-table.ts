import type { CalendarFile } from "./calendar-file.js";
import { CalendarCoverageError, type OutsideCoverage } from "./coverage-error.js";
import { type DateRange, fromDayNumber, toDayNumber, weekday } from "./plain-date.js";

/** What kind of day a date is in a working-day calendar. */
export type DayKind = "workday" | "makeup-workday" | "weekend" | "holiday";

/** The classification of one day; `holiday` names the holiday of an off or makeup day. */
export interface DayClass {
  readonly kind: DayKind;
  readonly working: boolean;
  readonly holiday?: string;
  readonly estimated?: true;
}

/** A calendar file compiled for constant-time look-ups by day number. */
export interface DayTable {
  readonly id: string;
  readonly covers: DateRange;
  isCovered(day: number): boolean;
  classify(day: number, outsideCoverage: OutsideCoverage): DayClass;
}

const WORKDAY: DayClass = { kind: "workday", working: true };
const WEEKEND: DayClass = { kind: "weekend", working: false };
const ESTIMATED_WORKDAY: DayClass = { kind: "workday", working: true, estimated: true };
const ESTIMATED_WEEKEND: DayClass = { kind: "weekend", working: false, estimated: true };

/**
 * Compiles a validated calendar file into a day table: maps from day number to the day's
 * classification, so that each look-up is constant-time. Validate the file first with
 * `parseCalendarFile`; this function trusts its input.
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
  for (const entry of file.years) {
    for (const { date, holiday } of entry.offDays) {
      special.set(toDayNumber(date), { kind: "holiday", working: false, holiday });
    }
    for (const { date, holiday } of entry.makeupWorkDays) {
      special.set(toDayNumber(date), { kind: "makeup-workday", working: true, holiday });
    }
  }
  const isCovered = (day: number): boolean => day >= first && day <= last;
  return {
    id: file.id,
    covers,
    isCovered,
    classify(day, outsideCoverage) {
      const isWeekend = weekend.has(weekday(day));
      if (!isCovered(day)) {
        if (outsideCoverage === "error") {
          throw new CalendarCoverageError(fromDayNumber(day), file.id, covers);
        }
        return isWeekend ? ESTIMATED_WEEKEND : ESTIMATED_WORKDAY;
      }
      return special.get(day) ?? (isWeekend ? WEEKEND : WORKDAY);
    },
  };
}
