import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CalendarFile, PublishedYear } from "../../src/calendar/calendar-file.js";
import { bundledCalendar, isWorkingDay } from "../../src/node/bundled-calendar.js";
import {
  eachDate,
  localDate,
  NOTICE_OFF_DAYS,
  NOTICE_WORK_DAYS,
  NOTICES,
  noticeIsWorkingDay,
} from "./notices.js";

const file = JSON.parse(
  readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
) as CalendarFile;

const published = file.years.filter(
  (entry): entry is PublishedYear => entry.status === "published",
);

describe("rules/calendars/cn-mainland.json", () => {
  it("covers 2024-01-01 to 2027-12-31, year by year: 2024–2026 published, 2027 provisional", () => {
    expect(file.covers).toEqual({ from: "2024-01-01", until: "2027-12-31" });
    expect(file.years.map((entry) => [entry.year, entry.status])).toEqual([
      [2024, "published"],
      [2025, "published"],
      [2026, "published"],
      [2027, "provisional"],
    ]);
    expect(bundledCalendar().covers).toEqual(file.covers);
    expect(bundledCalendar().published).toEqual({ from: "2024-01-01", until: "2026-12-31" });
  });

  for (const entry of published) {
    const notice = NOTICES[String(entry.year) as keyof typeof NOTICES];

    it(`cites the State Council notice for ${entry.year}`, () => {
      expect(entry.source).toMatchObject({
        number: notice.number,
        published: notice.published,
        url: notice.url,
      });
      expect(entry.source.title).toBe(`国务院办公厅关于${entry.year}年部分节假日安排的通知`);
    });

    it(`lists exactly the days off of the ${entry.year} notice, each with its holiday`, () => {
      const expected = [...NOTICE_OFF_DAYS].filter(([date]) => date.startsWith(`${entry.year}-`));
      expect(entry.offDays.map(({ date, holiday }) => [date, holiday])).toEqual(expected);
    });

    it(`lists exactly the makeup working days of the ${entry.year} notice`, () => {
      const expected = [...NOTICE_WORK_DAYS]
        .filter(([date]) => date.startsWith(`${entry.year}-`))
        .sort(([a], [b]) => a.localeCompare(b));
      expect(entry.makeupWorkDays.map(({ date, holiday }) => [date, holiday])).toEqual(expected);
    });
  }

  it("records that the 2026 notice's 文号 is not confirmed", () => {
    const source = published.find((entry) => entry.year === 2026)?.source;
    expect(source?.number).toBeNull();
    expect(source?.note).toMatch(/not confirmed/);
  });
});

describe("the bundled calendar", () => {
  it.each([...NOTICE_WORK_DAYS])("counts makeup day %s (%s) as a working day", (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it.each([...NOTICE_OFF_DAYS])("does not count %s (%s) as a working day", (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it("counts no weekend day as a working day unless it is a makeup day", () => {
    const weekends = eachDate("2024-01-01", "2026-12-31").filter((date) =>
      [0, 6].includes(localDate(date).getDay()),
    );
    expect(weekends).toHaveLength(312);
    const working = weekends.filter((date) => isWorkingDay(date));
    expect(working).toEqual([...NOTICE_WORK_DAYS.keys()].sort());
  });

  it("agrees with the notices on every day of 2024–2026", () => {
    const disagreements = eachDate("2024-01-01", "2026-12-31").filter(
      (date) => isWorkingDay(date) !== noticeIsWorkingDay(date),
    );
    expect(disagreements).toEqual([]);
  });

  it("counts 除夕 2024-02-09 as a working day: the notice only encourages rest", () => {
    expect(isWorkingDay("2024-02-09")).toBe(true);
  });

  // 261 or 262 weekdays, minus the days off that fall on weekdays (19, 18, 19), plus the makeup
  // days (8, 5, 6): 262 − 19 + 8, 261 − 18 + 5, 261 − 19 + 6.
  it("has 251, 248 and 248 working days in 2024, 2025 and 2026", () => {
    const count = (year: number) =>
      eachDate(`${year}-01-01`, `${year}-12-31`).filter((date) => isWorkingDay(date)).length;
    expect([count(2024), count(2025), count(2026)]).toEqual([251, 248, 248]);
  });
});
