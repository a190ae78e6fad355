import type { CalendarFile } from "./calendar-file.js";
import type { CalendarIssue } from "./calendar-issue.js";
import { toDayNumber, weekday } from "./plain-date.js";

const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

function checkWeekend(file: CalendarFile, issues: CalendarIssue[]): void {
  file.weekend.forEach((day, index) => {
    if (file.weekend.indexOf(day) !== index) {
      issues.push({
        code: "duplicate-weekday",
        message: `weekday ${day} is listed twice in the weekend`,
        pointer: `/weekend/${index}`,
      });
    }
  });
}

// The calendar covers whole, consecutive years, so that "covered" is a single range and a
// missing year can never be mistaken for a year without holidays.
function checkYears(file: CalendarFile, issues: CalendarIssue[]): void {
  const years = file.years.map((entry) => entry.year);
  years.forEach((year, index) => {
    const previous = years[index - 1];
    if (previous === undefined || year === previous + 1) return;
    issues.push(
      year === previous
        ? {
            code: "duplicate-year",
            message: `year ${year} is listed twice; merge the two entries`,
            pointer: `/years/${index}/year`,
          }
        : {
            code: "years-not-contiguous",
            message: `year ${year} follows ${previous}; years must be consecutive and ascending (expected ${previous + 1})`,
            pointer: `/years/${index}/year`,
          },
    );
  });
  const from = `${Math.min(...years)}-01-01`;
  const until = `${Math.max(...years)}-12-31`;
  for (const [key, expected] of [
    ["from", from],
    ["until", until],
  ] as const) {
    if (file.covers[key] !== expected) {
      issues.push({
        code: "covers-mismatch",
        message: `covers.${key} is ${file.covers[key]} but the years listed run from ${from} to ${until}; set it to ${expected}`,
        pointer: `/covers/${key}`,
      });
    }
  }
}

// Fills `seen` with the dates of one list (offDays or makeupWorkDays), reporting dates outside
// their year and dates listed twice.
function collectDays(
  file: CalendarFile,
  list: "offDays" | "makeupWorkDays",
  seen: Map<string, string>,
  issues: CalendarIssue[],
): void {
  file.years.forEach((entry, y) => {
    entry[list].forEach(({ date }, d) => {
      const pointer = `/years/${y}/${list}/${d}/date`;
      if (!date.startsWith(`${entry.year}-`)) {
        issues.push({
          code: "date-outside-year",
          message: `${date} is listed under year ${entry.year}`,
          pointer,
        });
      }
      const first = seen.get(date);
      if (first === undefined) seen.set(date, pointer);
      else {
        issues.push({
          code: "duplicate-date",
          message: `${date} is listed twice (first at ${first})`,
          pointer,
        });
      }
    });
  });
}

function checkDays(file: CalendarFile, issues: CalendarIssue[]): void {
  const offDays = new Map<string, string>();
  const makeupDays = new Map<string, string>();
  collectDays(file, "offDays", offDays, issues);
  collectDays(file, "makeupWorkDays", makeupDays, issues);
  const weekend = new Set(file.weekend);
  for (const [date, pointer] of makeupDays) {
    const off = offDays.get(date);
    if (off !== undefined) {
      issues.push({
        code: "off-and-makeup",
        message: `${date} is both a day off (${off}) and a makeup working day`,
        pointer,
      });
    }
    const day = weekday(toDayNumber(date));
    if (!weekend.has(day)) {
      issues.push({
        code: "makeup-not-weekend",
        message: `${date} is a ${WEEKDAY_NAMES[day]}, a working day anyway; a makeup working day (调休上班) must fall on the weekend`,
        pointer,
      });
    }
  }
}

/**
 * Checks what the schema alone cannot: no weekday listed twice; consecutive years that match
 * `covers` exactly; every date inside its year, listed once, never both off and makeup; every
 * makeup working day on a weekend. Returns every problem found, in file order within each
 * check; an empty list means the file is sound. Expects a file that already fits
 * `CalendarFileSchema`; `parseCalendarFile` runs both.
 *
 * @example
 * checkCalendarFile(file).map((issue) => issue.code); // e.g. ["makeup-not-weekend"]
 */
export function checkCalendarFile(file: CalendarFile): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  checkWeekend(file, issues);
  checkYears(file, issues);
  checkDays(file, issues);
  return issues;
}
