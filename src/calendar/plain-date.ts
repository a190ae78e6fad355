/**
 * A civil date as an ISO 8601 calendar date, `YYYY-MM-DD`: no time and no time zone, because a
 * due date is a day in the calendar of the office, not an instant.
 */
export type PlainDate = string;

/** An inclusive range of civil dates: both `from` and `until` belong to it. */
export interface DateRange {
  readonly from: PlainDate;
  readonly until: PlainDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// Dates are counted as whole UTC days since 1970-01-01. Integer day numbers cannot drift with
// the host's time zone or daylight-saving rules, which a local `Date` at midnight can.
function dayNumberOf(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() / MS_PER_DAY : undefined;
}

/**
 * Tells whether a value is a real calendar date written as `YYYY-MM-DD`. Use it to check input
 * (a command-line argument, a form field) before passing it to the calendar functions, which
 * throw a `RangeError` on anything else.
 *
 * @example
 * isPlainDate("2024-02-29"); // true
 * isPlainDate("2025-02-29"); // false (2025 is not a leap year)
 * isPlainDate("2025-2-1"); // false
 */
export function isPlainDate(value: unknown): value is PlainDate {
  return typeof value === "string" && dayNumberOf(value) !== undefined;
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
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

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
