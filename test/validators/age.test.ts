import { describe, expect, it } from "vitest";
import { completedYears, isBirthday } from "../../src/validators/age.js";
import { isLeapYear } from "../../src/validators/plain-date.js";

describe("completedYears", () => {
  it("is 17 the day before the 18th birthday", () => {
    expect(completedYears("2007-06-30", "2025-06-29")).toBe(17);
  });

  it("is 18 on the 18th birthday itself", () => {
    expect(completedYears("2007-06-30", "2025-06-30")).toBe(18);
  });

  it("is 18 the day after the 18th birthday", () => {
    expect(completedYears("2007-06-30", "2025-07-01")).toBe(18);
  });

  it("is 17 for someone born the day after the evaluation date eighteen years earlier (TC-A06)", () => {
    expect(completedYears("2007-07-01", "2025-06-30")).toBe(17);
  });

  it("counts across month and year ends", () => {
    expect(completedYears("1949-12-31", "2025-12-30")).toBe(75);
    expect(completedYears("1949-12-31", "2025-12-31")).toBe(76);
    expect(completedYears("1952-01-01", "2025-06-30")).toBe(73);
  });

  it("is 0 on the day of birth", () => {
    expect(completedYears("2025-06-30", "2025-06-30")).toBe(0);
  });

  it("completes a 29 February birth's year on 29 February in leap years", () => {
    expect(completedYears("2004-02-29", "2024-02-28")).toBe(19);
    expect(completedYears("2004-02-29", "2024-02-29")).toBe(20);
  });

  // 民法典 art 202: a period in years ends on the corresponding day of the last month, or on
  // its last day where there is none — 28 February in a common year, not 1 March.
  it("completes a 29 February birth's year on 28 February in common years", () => {
    expect(completedYears("2008-02-29", "2025-02-27")).toBe(16);
    expect(completedYears("2008-02-29", "2025-02-28")).toBe(17);
    expect(completedYears("2008-02-29", "2025-03-01")).toBe(17);
  });

  it("puts both sides of the 16th birthday of a 29 February birth in a leap target year", () => {
    expect(completedYears("2008-02-29", "2024-02-28")).toBe(15);
    expect(completedYears("2008-02-29", "2024-02-29")).toBe(16);
    expect(completedYears("2008-02-29", "2024-03-01")).toBe(16);
  });

  it("puts both sides of the 16th birthday of a 29 February birth in a common target year (2100)", () => {
    // 2084 + 16 = 2100, a century year that is not a leap year.
    expect(completedYears("2084-02-29", "2100-02-27")).toBe(15);
    expect(completedYears("2084-02-29", "2100-02-28")).toBe(16);
    expect(completedYears("2084-02-29", "2100-03-01")).toBe(16);
  });

  it("puts both sides of the 18th birthday of a 29 February birth in a common target year", () => {
    expect(completedYears("2008-02-29", "2026-02-27")).toBe(17);
    expect(completedYears("2008-02-29", "2026-02-28")).toBe(18);
    expect(completedYears("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("puts both sides of the 18th birthday in a leap target year for the births next to 29 February", () => {
    // B + 18 ≡ B + 2 (mod 4): a 29 February birth's 18th birthday never falls in a leap year,
    // so the leap-target-year side of the 18th birthday is that of a neighbouring birth date.
    for (let year = 1904; year <= 2096; year += 4) expect(isLeapYear(year + 18)).toBe(false);
    expect(completedYears("2006-02-28", "2024-02-27")).toBe(17);
    expect(completedYears("2006-02-28", "2024-02-28")).toBe(18);
    expect(completedYears("2006-03-01", "2024-02-29")).toBe(17);
    expect(completedYears("2006-03-01", "2024-03-01")).toBe(18);
  });

  it("is unknown when a date is invalid or the day is before birth", () => {
    expect(completedYears("2025-02-30", "2025-06-30")).toBeUndefined();
    expect(completedYears("2007-06-30", "30/06/2025")).toBeUndefined();
    expect(completedYears("2007-06-30", "2007-06-29")).toBeUndefined();
  });
});

describe("isBirthday", () => {
  it("recognises the 18th birthday and not the days around it", () => {
    expect(isBirthday("2007-06-30", "2025-06-29")).toBe(false);
    expect(isBirthday("2007-06-30", "2025-06-30")).toBe(true);
    expect(isBirthday("2007-06-30", "2025-07-01")).toBe(false);
  });

  it("counts the day of birth as a birthday", () => {
    expect(isBirthday("2025-06-30", "2025-06-30")).toBe(true);
  });

  it("puts a 29 February birthday on 28 February in common years and on 29 February in leap years", () => {
    expect(isBirthday("2008-02-29", "2025-02-27")).toBe(false);
    expect(isBirthday("2008-02-29", "2025-02-28")).toBe(true);
    expect(isBirthday("2008-02-29", "2025-03-01")).toBe(false);
    expect(isBirthday("2008-02-29", "2024-02-28")).toBe(false);
    expect(isBirthday("2008-02-29", "2024-02-29")).toBe(true);
    expect(isBirthday("2008-02-29", "2024-03-01")).toBe(false);
    expect(isBirthday("2008-02-29", "2026-02-28")).toBe(true);
    expect(isBirthday("2084-02-29", "2100-02-28")).toBe(true);
  });

  it("keeps 28 February and 1 March births on their own day in leap years", () => {
    expect(isBirthday("2006-02-28", "2024-02-28")).toBe(true);
    expect(isBirthday("2006-02-28", "2024-02-29")).toBe(false);
    expect(isBirthday("2006-03-01", "2024-02-29")).toBe(false);
    expect(isBirthday("2006-03-01", "2024-03-01")).toBe(true);
  });

  it("is unknown, not false, when a date is invalid or the day is before birth", () => {
    expect(isBirthday("2025-02-30", "2025-06-30")).toBeUndefined();
    expect(isBirthday("2007-06-30", "2006-06-30")).toBeUndefined();
  });
});
