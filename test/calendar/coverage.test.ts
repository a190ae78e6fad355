import { describe, expect, it } from "vitest";
import {
  CalendarCoverageError,
  isCalendarCoverageError,
} from "../../src/calendar/coverage-error.js";
import {
  addWorkingDays,
  bundledCalendar,
  deadlineStatus,
  dueDate,
  isWorkingDay,
  workingDaysBetween,
} from "../../src/node/bundled-calendar.js";

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("a date outside the calendar is an error by default", () => {
  it("says which date, which calendar, its range and how to fix it", () => {
    const error = caught(() => isWorkingDay("2028-03-02"));
    expect(error).toBeInstanceOf(CalendarCoverageError);
    expect(isCalendarCoverageError(error)).toBe(true);
    expect(error).toMatchObject({
      name: "CalendarCoverageError",
      code: "outside-calendar-coverage",
      date: "2028-03-02",
      calendar: "cn-mainland",
      covers: { from: "2024-01-01", until: "2027-12-31" },
      message:
        "2028-03-02 is outside the calendar cn-mainland (2024-01-01 … 2027-12-31); add that year's State Council notice to rules/calendars/cn-mainland.json",
    });
  });

  it("names the first uncovered day a count runs into", () => {
    expect(caught(() => addWorkingDays("2027-12-20", 15))).toMatchObject({ date: "2028-01-01" });
    expect(caught(() => dueDate("2023-12-29", 1))).toMatchObject({ date: "2023-12-30" });
  });

  it("refuses every calendar function outside the covered years", () => {
    expect(() => workingDaysBetween("2027-12-01", "2028-01-05")).toThrow(CalendarCoverageError);
    expect(() => workingDaysBetween("2023-12-01", "2024-01-05")).toThrow(CalendarCoverageError);
    expect(() => bundledCalendar().describeDay("2023-06-01")).toThrow(CalendarCoverageError);
    expect(() => deadlineStatus("2028-01-10", "2027-12-20", { warnWorkingDays: 2 })).toThrow(
      CalendarCoverageError,
    );
  });

  it("needs only the days after acceptance, up to the due date", () => {
    expect(dueDate("2023-12-31", 1).due).toBe("2024-01-02");
    expect(dueDate("2028-01-05", 0).due).toBe("2028-01-05");
    expect(addWorkingDays("2027-12-22", 1)).toBe("2027-12-23");
  });

  it("does not take an ordinary error for a coverage error", () => {
    expect(isCalendarCoverageError(new Error("2028-03-02"))).toBe(false);
    expect(isCalendarCoverageError({ name: "CalendarCoverageError" })).toBe(false);
  });
});

describe('outsideCoverage: "estimate" counts weekends only and says so', () => {
  it("estimates a due date that runs past the covered years and marks it", () => {
    const due = dueDate("2028-01-06", 5, { outsideCoverage: "estimate" });
    expect(due).toEqual({
      acceptedOn: "2028-01-06",
      workingDays: 5,
      due: "2028-01-13",
      skipped: [
        { date: "2028-01-08", reason: "weekend" },
        { date: "2028-01-09", reason: "weekend" },
      ],
      estimated: true,
    });
  });

  it("uses the official data inside the covered years and then sets no mark", () => {
    const due = dueDate("2025-01-24", 3, { outsideCoverage: "estimate" });
    expect(due.due).toBe("2025-02-05");
    expect(due).not.toHaveProperty("estimated");
  });

  it("estimates before the covered years too", () => {
    expect(dueDate("2023-12-28", 2, { outsideCoverage: "estimate" })).toMatchObject({
      due: "2024-01-02",
      estimated: true,
    });
  });

  it("describes an uncovered day from its weekday and marks it", () => {
    const calendar = bundledCalendar();
    expect(calendar.describeDay("2028-03-02", { outsideCoverage: "estimate" })).toEqual({
      date: "2028-03-02",
      kind: "workday",
      working: true,
      estimated: true,
    });
    expect(calendar.describeDay("2028-03-04", { outsideCoverage: "estimate" })).toEqual({
      date: "2028-03-04",
      kind: "weekend",
      working: false,
      estimated: true,
    });
  });
});
