/**
 * A civil date as an ISO 8601 calendar date, `YYYY-MM-DD`: no time and no time zone, because a
 * date in an application, a time limit or a due date is a day in the calendar of the office,
 * not an instant. The one date type of the library (dates in JSON are such texts).
 */
export type PlainDate = string;

/** A plain date's parts as numbers: month 1–12, day 1–31. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Tells whether a year of the Gregorian calendar has a 29 February.
 *
 * @example
 * isLeapYear(2024); //=> true
 * isLeapYear(1900); //=> false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The number of days in a month (1–12) of a year; 0 for a month outside 1–12.
 *
 * @example
 * daysInMonth(2025, 2); //=> 28
 * daysInMonth(2024, 2); //=> 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return 0;
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads an ISO calendar date `YYYY-MM-DD`. Returns undefined for any other shape and for
 * dates that do not exist, such as 2025-02-30; it never guesses or rolls over.
 *
 * @example
 * parsePlainDate("2025-06-30"); //=> { year: 2025, month: 6, day: 30 }
 * parsePlainDate("2025-02-30"); //=> undefined
 */
export function parsePlainDate(value: string): DateParts | undefined {
  let year: number;
  let month: number;
  let day: number;
  if (typeof value === "string") {
    // PLAIN_DATE by hand, without a match array: four digits, "-", two digits, "-", two digits.
    if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) {
      return undefined;
    }
    year = digitsAt(value, 0, 4);
    month = digitsAt(value, 5, 7);
    day = digitsAt(value, 8, 10);
    if (year < 0 || month < 0 || day < 0) return undefined;
  } else {
    const match = PLAIN_DATE.exec(value);
    if (!match) return undefined;
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  }
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

const DASH = 45;

/** The number the ASCII digits from `from` to `to` spell, or -1 if any is not one. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * Tells whether a value is a real calendar date written as `YYYY-MM-DD`. Use it to check input
 * (a command-line argument, a form field) before passing it to the calendar functions, which
 * throw a `RangeError` on anything else.
 *
 * @example
 * isPlainDate("2024-02-29"); //=> true
 * isPlainDate("2025-02-29"); //=> false (2025 is not a leap year)
 * isPlainDate("2025-2-1"); //=> false
 */
export function isPlainDate(value: unknown): value is PlainDate {
  return typeof value === "string" && parsePlainDate(value) !== undefined;
}

/**
 * Writes a date as `YYYY-MM-DD`, padding each part with zeros.
 *
 * @example
 * formatPlainDate({ year: 2025, month: 3, day: 1 }); //=> "2025-03-01"
 */
export function formatPlainDate(date: DateParts): PlainDate {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * Orders two ISO calendar dates: -1 if `a` is earlier, 0 if the same day, 1 if later.
 * Undefined when either is not a real date, so a typo can never pass as "earlier".
 *
 * @example
 * comparePlainDates("2025-06-30", "2025-07-01"); //=> -1
 * comparePlainDates("2025-06-30", "2025-02-30"); //=> undefined
 */
export function comparePlainDates(a: string, b: string): -1 | 0 | 1 | undefined {
  if (!isPlainDate(a) || !isPlainDate(b)) return undefined;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
