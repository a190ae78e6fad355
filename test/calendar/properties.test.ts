import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { fromDayNumber, toDayNumber } from "../../src/calendar/day-number.js";
import { bundledCalendar } from "../../src/node/bundled-calendar.js";

const calendar = bundledCalendar();

// Dates from 2024-01-01 to 2026-12-01: n ≤ 20 working days from there stays inside the calendar.
const date = fc
  .integer({ min: toDayNumber("2024-01-01"), max: toDayNumber("2026-12-01") })
  .map(fromDayNumber);
const count = fc.integer({ min: 0, max: 20 });

describe("addWorkingDays and workingDaysBetween, for any date and n in 0..20", () => {
  test.prop([date, count.filter((n) => n > 0)])("lands on a working day when n ≥ 1", (d, n) => {
    expect(calendar.isWorkingDay(calendar.addWorkingDays(d, n))).toBe(true);
  });

  test.prop([date, count, count])("is monotonic in n", (d, m, n) => {
    const [a, b] = [calendar.addWorkingDays(d, m), calendar.addWorkingDays(d, n)];
    if (m < n) expect(a < b).toBe(true);
    if (m === n) expect(a).toBe(b);
  });

  test.prop([date, count])(
    "round-trips: workingDaysBetween(d, addWorkingDays(d, n)) = n",
    (d, n) => {
      expect(calendar.workingDaysBetween(d, calendar.addWorkingDays(d, n))).toBe(n);
    },
  );

  test.prop([date, count])("skips only non-working days between d and the result", (d, n) => {
    const due = calendar.dueDate(d, n);
    const span = toDayNumber(due.due) - toDayNumber(d);
    expect(span).toBe(n + due.skipped.length);
    for (const { date: skipped } of due.skipped) expect(calendar.isWorkingDay(skipped)).toBe(false);
  });

  test.prop([date, date])(
    "is antisymmetric: workingDaysBetween(a, b) = −workingDaysBetween(b, a)",
    (a, b) => {
      expect(calendar.workingDaysBetween(a, b)).toBe(-calendar.workingDaysBetween(b, a) || 0);
    },
  );

  const half = fc.integer({ min: 0, max: 10 });
  test.prop([date, half, half])("adds up: n working days then m more is n + m", (d, n, m) => {
    expect(calendar.addWorkingDays(calendar.addWorkingDays(d, n), m)).toBe(
      calendar.addWorkingDays(d, n + m),
    );
  });
});
