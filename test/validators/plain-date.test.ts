import { describe, expect, it } from "vitest";
import {
  comparePlainDates,
  daysInMonth,
  formatPlainDate,
  isLeapYear,
  isPlainDate,
  parsePlainDate,
} from "../../src/validators/plain-date.js";

describe("parsePlainDate", () => {
  it("reads a YYYY-MM-DD date into numbers", () => {
    expect(parsePlainDate("2025-06-30")).toEqual({ year: 2025, month: 6, day: 30 });
  });

  it("rejects dates that do not exist", () => {
    for (const value of ["2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01"]) {
      expect(parsePlainDate(value), value).toBeUndefined();
    }
    expect(parsePlainDate("2025-00-10")).toBeUndefined();
    expect(parsePlainDate("2025-01-00")).toBeUndefined();
  });

  it("accepts 29 February in leap years, including 2000", () => {
    expect(parsePlainDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parsePlainDate("2000-02-29")).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it("rejects other shapes instead of guessing", () => {
    for (const value of ["2025-6-30", "20250630", "2025-06-30T00:00:00Z", " 2025-06-30", ""]) {
      expect(parsePlainDate(value), value).toBeUndefined();
    }
  });
});

describe("calendar helpers", () => {
  it("knows the Gregorian leap years", () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
  });

  it("counts the days of each month", () => {
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
    expect(daysInMonth(2025, 13)).toBe(0);
  });

  it("writes dates back with zero padding", () => {
    expect(formatPlainDate({ year: 987, month: 3, day: 1 })).toBe("0987-03-01");
  });

  it("tells real dates from impossible ones", () => {
    expect(isPlainDate("2024-02-29")).toBe(true);
    expect(isPlainDate("2025-02-29")).toBe(false);
  });
});

describe("comparePlainDates", () => {
  it("orders dates", () => {
    expect(comparePlainDates("2025-06-30", "2025-07-01")).toBe(-1);
    expect(comparePlainDates("2025-06-30", "2025-06-30")).toBe(0);
    expect(comparePlainDates("2026-01-01", "2025-12-31")).toBe(1);
  });

  it("gives no order when either side is not a real date", () => {
    expect(comparePlainDates("2025-02-30", "2025-03-01")).toBeUndefined();
    expect(comparePlainDates("2025-03-01", "yesterday")).toBeUndefined();
  });
});
