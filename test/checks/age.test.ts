import { describe, expect, it } from "vitest";
import { completedYears, isBirthday } from "../../src/checks/age.js";

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

  it("completes a 29 February birth's year on 1 March in common years", () => {
    expect(completedYears("2008-02-29", "2026-02-28")).toBe(17);
    expect(completedYears("2008-02-29", "2026-03-01")).toBe(18);
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

  it("puts a 29 February birthday on 1 March in common years and on 29 February in leap years", () => {
    expect(isBirthday("2008-02-29", "2025-02-28")).toBe(false);
    expect(isBirthday("2008-02-29", "2025-03-01")).toBe(true);
    expect(isBirthday("2008-02-29", "2024-02-29")).toBe(true);
    expect(isBirthday("2008-02-29", "2024-03-01")).toBe(false);
  });

  it("is unknown, not false, when a date is invalid or the day is before birth", () => {
    expect(isBirthday("2025-02-30", "2025-06-30")).toBeUndefined();
    expect(isBirthday("2007-06-30", "2006-06-30")).toBeUndefined();
  });
});
