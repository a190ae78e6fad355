import type { CalendarFile } from "./calendar-file.js";
import type { CalendarIssue } from "./calendar-issue.js";
import { fromDayNumber, toDayNumber, weekday } from "./day-number.js";
import { holidayModel } from "./provisional-model.js";

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
    if (entry.status !== "published") return;
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
  checkProvisional(file, issues);
  return issues;
}

// A provisional year: after every published one (a notice is never out before the previous
// year's); each holiday's statutory days inside a window whose ends are rest days
// whatever the notice says; windows apart and clear of published years; and at least one
// legal arrangement in each window, since a model without one would make every count fail.
function checkProvisional(file: CalendarFile, issues: CalendarIssue[]): void {
  const weekend = new Set(file.weekend);
  const isWeekend = (day: number) => weekend.has(weekday(day));
  const published = file.years.filter((e) => e.status === "published").map((e) => e.year);
  const lastPublished = published.length > 0 ? Math.max(...published) : undefined;
  const windows: Array<{ first: number; last: number; pointer: string }> = [];
  file.years.forEach((entry, y) => {
    if (entry.status !== "provisional") return;
    if (lastPublished !== undefined && entry.year < lastPublished) {
      issues.push({
        code: "provisional-before-published",
        message: `year ${entry.year} is provisional but ${lastPublished} is published; a provisional year comes after every published one`,
        pointer: `/years/${y}/status`,
      });
    }
    entry.holidays.forEach((holiday, h) => {
      const at = `/years/${y}/holidays/${h}`;
      const days = holiday.statutory.map(toDayNumber);
      const sorted = [...days].sort((a, b) => a - b);
      const first = toDayNumber(holiday.window.from);
      const last = toDayNumber(holiday.window.until);
      const statutory = new Set(days);
      const problems = windowProblems(
        holiday.window,
        entry.year,
        first,
        last,
        sorted,
        lastPublished,
      );
      for (const [key, message] of problems) {
        issues.push({ code: "window-invalid", message, pointer: `${at}/window/${key}` });
      }
      for (const [key, day] of [
        ["from", first],
        ["until", last],
      ] as const) {
        if (!isWeekend(day) && !statutory.has(day)) {
          issues.push({
            code: "window-edge-not-rest",
            message: `window.${key} ${fromDayNumber(day)} must be a rest day whatever the notice says (a weekend day or a statutory day), so that holidays' windows stay independent`,
            pointer: `${at}/window/${key}`,
          });
        }
      }
      const overlap = windows.find((w) => first <= w.last && last >= w.first);
      if (overlap !== undefined) {
        issues.push({
          code: "window-overlap",
          message: `the window of ${holiday.holiday} overlaps the window at ${overlap.pointer}`,
          pointer: `${at}/window`,
        });
      }
      windows.push({ first, last, pointer: `${at}/window` });
      if (problems.length > 0) return;
      try {
        holidayModel(
          holiday,
          {
            weekend,
            workingOutside: (day) => !isWeekend(day),
            maxRun: entry.maxConsecutiveWorkingDays,
          },
          { firstOnly: true },
        );
      } catch (error) {
        issues.push({
          code: "window-no-arrangement",
          message: `${(error as Error).message}: widen the window or check the statutory days`,
          pointer: `${at}/window`,
        });
      }
    });
  });
}

function windowProblems(
  window: { from: string; until: string },
  year: number,
  first: number,
  last: number,
  statutory: readonly number[],
  lastPublished: number | undefined,
): Array<readonly ["from" | "until", string]> {
  const problems: Array<readonly ["from" | "until", string]> = [];
  if (!window.from.startsWith(`${year}-`)) {
    problems.push(["from", `window.from ${window.from} is not in ${year}`]);
  }
  if (lastPublished !== undefined && first <= toDayNumber(`${lastPublished}-12-31`)) {
    problems.push([
      "from",
      `window.from ${window.from} is not after the published years (up to ${lastPublished}), which the coming notice cannot change`,
    ]);
  }
  if (first > (statutory[0] as number)) {
    problems.push(["from", `window.from ${window.from} is after the first statutory day`]);
  }
  if (last < (statutory[statutory.length - 1] as number)) {
    problems.push(["until", `window.until ${window.until} is before the last statutory day`]);
  }
  if (last - first > 62) {
    problems.push(["until", `the window ${window.from} … ${window.until} is longer than 9 weeks`]);
  }
  return problems;
}
