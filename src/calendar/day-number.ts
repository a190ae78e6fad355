import { type PlainDate, parsePlainDate } from "../validators/plain-date.js";

// Plain dates as day numbers (whole days since 1970-01-01), what the calendar counts with.

/** An inclusive range of civil dates: both `from` and `until` belong to it. */
export interface DateRange {
  readonly from: PlainDate;
  readonly until: PlainDate;
}

const MS_PER_DAY = 86_400_000;

// Dates are counted as whole UTC days since 1970-01-01. Integer day numbers cannot drift with
// the host's time zone or daylight-saving rules, which a local `Date` at midnight can.
function dayNumberOf(value: string): number | undefined {
  const date = parsePlainDate(value);
  if (date === undefined) return undefined;
  // days_from_civil: proleptic Gregorian, as Date counts, without a Date.
  const { year, month, day } = date;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Converts a `YYYY-MM-DD` date into its day number: whole days since 1970-01-01. Throws a
 * `RangeError` for anything that is not a real calendar date, so a typo never becomes a wrong
 * date.
 *
 * @example
 * toDayNumber("1970-01-02"); // 1
 * toDayNumber("2025-01-24"); // 20112
 */
export function toDayNumber(date: PlainDate): number {
  const day = dayNumberOf(date);
  if (day === undefined) {
    throw new RangeError(`${JSON.stringify(date)} is not a calendar date written as YYYY-MM-DD`);
  }
  return day;
}

/**
 * Converts a day number (whole days since 1970-01-01) back into a `YYYY-MM-DD` date.
 *
 * @example
 * fromDayNumber(20112); // "2025-01-24"
 */
export function fromDayNumber(day: number): PlainDate {
  // Years 0000–9999 by arithmetic (days_from_civil inverted, proleptic Gregorian, as Date
  // counts), which is what `toISOString` would give, without a Date and its formatting.
  if (Number.isInteger(day) && day >= FIRST_DAY && day <= LAST_DAY) {
    const z = day + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return `${PAD4[y] ?? String(y).padStart(4, "0")}-${PAD2[m]}-${PAD2[d]}`;
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0000-01-01 and 9999-12-31 as day numbers. */
const FIRST_DAY = -719_528;
const LAST_DAY = 2_932_896;
const PAD2 = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, "0"));
const PAD4 = Array.from({ length: 3000 }, (_, n) => String(n).padStart(4, "0"));

/**
 * The day of the week of a day number, numbered as `Date.prototype.getDay` and date-fns
 * `getDay` number it: 0 is Sunday, 6 is Saturday.
 *
 * @example
 * weekday(toDayNumber("2025-01-24")); // 5 (a Friday)
 */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps days before 1970 in 0–6.
  return (((day + 4) % 7) + 7) % 7;
}
