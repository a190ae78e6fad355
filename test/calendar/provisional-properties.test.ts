import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CalendarFile, ProvisionalYear } from "../../src/calendar/calendar-file.js";
import { fromDayNumber, toDayNumber, weekday } from "../../src/calendar/day-number.js";
import { deadlineStatus } from "../../src/calendar/deadline-status.js";
import { bundledCalendar } from "../../src/node/bundled-calendar.js";
import { type Arrangement, drawYear, naiveDue, workingUnder } from "./arrangements.js";

// The property the issue asks for: random arrangements of 2027 that the law allows (arts 2, 6,
// 7 of 《全国年节及纪念日放假办法》: the owed days placed next to their holidays, 调休 working
// weekends paid for by weekdays off, no more than six working days in a row), drawn by
// test/calendar/arrangements.ts independently of the library's enumeration; under every one,
// an exact due date is right and a provisional one lies within its bounds.

const calendar = bundledCalendar();
const file = JSON.parse(
  readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
) as CalendarFile;
const year2027 = file.years.find((y) => y.year === 2027) as ProvisionalYear;
const lastPublished = toDayNumber("2026-12-31");
// Published days as the calendar has them; beyond 2027, the weekday rule (only the 2028 元旦
// window reaches there, and no count does).
const base = (day: number) =>
  day <= lastPublished ? calendar.isWorkingDay(fromDayNumber(day)) : ![0, 6].includes(weekday(day));

const arrangement = fc
  .integer({ min: 0, max: 2 ** 31 - 1 })
  .map((seed) => drawYear(year2027, seed, base))
  .filter((a): a is Arrangement => a !== undefined);

// Acceptances from November 2026 to mid-November 2027; up to 45 working days (a 20-day limit
// with a 15-day extension, and the 30/45-day limits) stays inside 2027.
const start = fc
  .integer({ min: toDayNumber("2026-11-01"), max: toDayNumber("2027-11-10") })
  .map(fromDayNumber);
const days = fc.integer({ min: 0, max: 30 });

describe("due dates into the provisional 2027, under every legal arrangement", () => {
  test.prop([arrangement, start, days], { numRuns: 400 })(
    "an exact due date is right, a provisional one lies within its bounds",
    (a, d, n) => {
      const truth = naiveDue(d, n, workingUnder(a, base, year2027));
      const bounds = calendar.dueBounds(d, n);
      expect(bounds.earliest <= truth && truth <= bounds.latest).toBe(true);
      if (!bounds.provisional) expect(bounds.due).toBe(truth);
      else expect(bounds.due).toBeUndefined();
    },
  );

  test.prop([arrangement, start, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 5 })], {
    numRuns: 200,
  })("so is one with an extension and a suspension (行政许可法 art 45)", (a, d, n, pause) => {
    const from = fromDayNumber(toDayNumber(d) + 2);
    const until = fromDayNumber(toDayNumber(d) + 1 + pause);
    const working = workingUnder(a, base, year2027);
    const suspended = (day: number) => day >= toDayNumber(from) && day <= toDayNumber(until);
    const truth = naiveDue(d, n + 3, (day) => working(day) && !suspended(day));
    const bounds = calendar.dueBounds(d, n, {
      extensionWorkingDays: 3,
      suspensions: [{ from, until }],
    });
    expect(bounds.earliest <= truth && truth <= bounds.latest).toBe(true);
    if (!bounds.provisional) expect(bounds.due).toBe(truth);
  });

  test.prop([arrangement, start, start])(
    "the working days between two dates lie within their bounds",
    (a, x, y) => {
      const working = workingUnder(a, base, year2027);
      const [from, to] = [toDayNumber(x), toDayNumber(y)].sort((p, q) => p - q) as [number, number];
      let truth = 0;
      for (let day = from + 1; day <= to; day += 1) if (working(day)) truth += 1;
      const { min, max } = calendar.workingDaysBetweenBounds(
        fromDayNumber(from),
        fromDayNumber(to),
      );
      expect(min <= truth && truth <= max).toBe(true);
    },
  );

  test.prop([arrangement, start, days])(
    "the traffic light never shows green where some arrangement is already yellow or worse",
    (a, d, n) => {
      const bounds = calendar.dueBounds(d, n);
      const truth = naiveDue(d, n, workingUnder(a, base, year2027));
      const now = fromDayNumber(toDayNumber(d) + 1);
      const order = ["green", "yellow", "red", "overdue"];
      const shown = order.indexOf(statusOf(bounds, now));
      const actual = order.indexOf(statusUnder(a, truth, now));
      expect(shown).toBeGreaterThanOrEqual(actual);
    },
  );
});

const warn = { warnWorkingDays: 2 };
function statusOf(bounds: { earliest: string; latest: string; due?: string }, now: string) {
  return deadlineStatus(bounds.due ?? bounds, now, warn, calendar);
}
function statusUnder(a: Arrangement, due: string, now: string) {
  const working = workingUnder(a, base, year2027);
  if (now > due) return "overdue";
  if (now === due) return "red";
  let left = 0;
  for (let day = toDayNumber(now) + 1; day <= toDayNumber(due); day += 1)
    if (working(day)) left += 1;
  return left <= warn.warnWorkingDays ? "yellow" : "green";
}
