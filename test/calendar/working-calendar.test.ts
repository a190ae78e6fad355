import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bundledCalendar,
  isWorkingDay,
  workingDaysBetween,
} from "../../src/node/bundled-calendar.js";

describe("isWorkingDay", () => {
  it("counts an ordinary weekday and not an ordinary weekend", () => {
    expect(isWorkingDay("2025-03-05")).toBe(true);
    expect(isWorkingDay("2025-03-08")).toBe(false);
    expect(isWorkingDay("2025-03-09")).toBe(false);
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => isWorkingDay("2025-02-29")).toThrow(RangeError);
    expect(() => isWorkingDay("20250301")).toThrow(/YYYY-MM-DD/);
  });
});

describe("describeDay", () => {
  const calendar = bundledCalendar();

  it("tells a makeup working day from an ordinary workday", () => {
    expect(calendar.describeDay("2025-02-08")).toEqual({
      date: "2025-02-08",
      kind: "makeup-workday",
      working: true,
      holiday: "春节",
    });
    expect(calendar.describeDay("2025-02-07")).toEqual({
      date: "2025-02-07",
      kind: "workday",
      working: true,
    });
  });

  it("names the holiday of a day off, also when it falls on a weekend", () => {
    expect(calendar.describeDay("2025-10-04")).toEqual({
      date: "2025-10-04",
      kind: "holiday",
      working: false,
      holiday: "国庆节、中秋节",
    });
    expect(calendar.describeDay("2025-03-08")).toEqual({
      date: "2025-03-08",
      kind: "weekend",
      working: false,
    });
  });
});

describe("addWorkingDays", () => {
  it("returns the date itself for n = 0, even on a day off", () => {
    expect(addWorkingDays("2025-01-30", 0)).toBe("2025-01-30");
    expect(addWorkingDays("2025-03-05", 0)).toBe("2025-03-05");
  });

  it("starts counting on the day after the date", () => {
    expect(addWorkingDays("2025-03-05", 1)).toBe("2025-03-06");
    expect(addWorkingDays("2025-03-07", 1)).toBe("2025-03-10");
  });

  it("refuses a negative or fractional n", () => {
    expect(() => addWorkingDays("2025-03-05", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2025-03-05", 0.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days after a, up to and including b", () => {
    expect(workingDaysBetween("2025-01-24", "2025-02-05")).toBe(3);
    expect(workingDaysBetween("2025-01-24", "2025-01-26")).toBe(1);
    expect(workingDaysBetween("2025-03-05", "2025-03-06")).toBe(1);
  });

  it("is 0 for the same date and for a run of days off", () => {
    expect(workingDaysBetween("2025-03-05", "2025-03-05")).toBe(0);
    expect(workingDaysBetween("2025-01-27", "2025-02-04")).toBe(0);
    expect(workingDaysBetween("2025-02-04", "2025-01-27")).toBe(0);
  });

  it("is negative when b is before a", () => {
    expect(workingDaysBetween("2025-02-05", "2025-01-24")).toBe(-3);
  });
});

describe("coverage information", () => {
  const calendar = bundledCalendar();

  it("names the calendar and the range it covers", () => {
    expect(calendar.id).toBe("cn-mainland");
    expect(calendar.covers).toEqual({ from: "2024-01-01", until: "2027-12-31" });
    expect(calendar.published).toEqual({ from: "2024-01-01", until: "2026-12-31" });
    expect(calendar.provisionalYears).toEqual([2027]);
    expect(calendar.revision).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it("tells covered dates from the rest", () => {
    expect(calendar.isCovered("2024-01-01")).toBe(true);
    expect(calendar.isCovered("2026-12-31")).toBe(true);
    expect(calendar.isCovered("2023-12-31")).toBe(false);
    expect(calendar.isCovered("2027-12-31")).toBe(true);
    expect(calendar.isCovered("2028-01-01")).toBe(false);
  });

  it("compiles the bundled file once", () => {
    expect(bundledCalendar()).toBe(calendar);
  });
});
