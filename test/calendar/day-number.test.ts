import { readdirSync, readFileSync } from "node:fs";
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { getDay } from "date-fns/getDay";
import { describe, expect, it } from "vitest";
import { fromDayNumber, toDayNumber, weekday } from "../../src/calendar/day-number.js";
import { isPlainDate } from "../../src/validators/plain-date.js";
import { eachDate, localDate } from "./notices.js";

describe("plain dates", () => {
  it("accepts real calendar dates written as YYYY-MM-DD only", () => {
    expect(isPlainDate("2024-02-29")).toBe(true);
    expect(isPlainDate("0099-12-31")).toBe(true);
    for (const bad of [
      "2025-02-29",
      "2025-13-01",
      "2025-00-10",
      "2025-1-01",
      "2025-01-01T00:00",
      20250101,
    ]) {
      expect(isPlainDate(bad)).toBe(false);
    }
  });

  it("round-trips between dates and day numbers", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(fromDayNumber(toDayNumber("2025-01-24"))).toBe("2025-01-24");
    expect(fromDayNumber(toDayNumber("0099-12-31"))).toBe("0099-12-31");
  });

  it("counts day numbers by arithmetic as Date counts them, across years 0000–9999", () => {
    const viaDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
    const first = toDayNumber("0000-01-01");
    const last = toDayNumber("9999-12-31");
    expect(viaDate(first)).toBe("0000-01-01");
    expect(viaDate(last)).toBe("9999-12-31");
    // Every 97th day (a prime: every month and weekday is hit), and each end of the range.
    for (let day = first; day <= last; day += 97) {
      const date = viaDate(day);
      expect(fromDayNumber(day), String(day)).toBe(date);
      expect(toDayNumber(date), date).toBe(day);
    }
    for (const bad of ["1900-02-29", "2100-02-29", "0000-02-30", "9999-12-32"]) {
      expect(isPlainDate(bad), bad).toBe(false);
    }
    expect(isPlainDate("2000-02-29")).toBe(true);
  });

  it("agrees with date-fns on the day of the week and the day after, 2023–2027", () => {
    const disagreements = eachDate("2023-01-01", "2027-12-31").filter((date) => {
      const day = toDayNumber(date);
      const next = fromDayNumber(day + 1);
      const local = localDate(date);
      return weekday(day) !== getDay(local) || next !== format(addDays(local, 1), "yyyy-MM-dd");
    });
    expect(disagreements).toEqual([]);
    expect(weekday(toDayNumber("1969-12-28"))).toBe(0);
  });
});

describe("the calendar core", () => {
  const folder = new URL("../../src/calendar/", import.meta.url);
  const sources = readdirSync(folder).map((name) => ({
    name,
    text: readFileSync(new URL(name, folder), "utf8"),
  }));

  it("imports no node: module outside bundled-calendar.ts", () => {
    const offenders = sources
      .filter(({ name, text }) => name !== "bundled-calendar.ts" && /from "node:/.test(text))
      .map(({ name }) => name);
    expect(offenders).toEqual([]);
  });

  it('never imports the date-fns index (import functions singly: "date-fns/addDays")', () => {
    expect(sources.filter(({ text }) => /from "date-fns"/.test(text))).toEqual([]);
  });
});
