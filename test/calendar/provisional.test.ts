import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type {
  CalendarFile,
  ProvisionalHoliday,
  ProvisionalYear,
  PublishedYear,
} from "../../src/calendar/calendar-file.js";
import { ProvisionalDateError } from "../../src/calendar/coverage-error.js";
import { fromDayNumber, toDayNumber, weekday } from "../../src/calendar/day-number.js";
import { holidayModel } from "../../src/calendar/provisional-model.js";
import {
  bundledCalendar,
  deadlineStatus,
  dueBounds,
  dueDate,
  isWorkingDay,
} from "../../src/node/bundled-calendar.js";

const file = JSON.parse(
  readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
) as CalendarFile;
const year2027 = file.years.find((y) => y.year === 2027) as ProvisionalYear;
const calendar = bundledCalendar();

describe("2027: what the law fixes (SPEC-2 §1.2, 《全国年节及纪念日放假办法》 arts 2, 6)", () => {
  it("lists the 13 statutory days, lunar ones as reviewed, never computed", () => {
    const statutory = Object.fromEntries(
      year2027.holidays.map((h) => [h.holiday, h.statutory] as const),
    );
    expect(statutory).toEqual({
      元旦: ["2027-01-01"],
      春节: ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"],
      清明节: ["2027-04-05"],
      劳动节: ["2027-05-01", "2027-05-02"],
      端午节: ["2027-06-09"],
      中秋节: ["2027-09-15"],
      国庆节: ["2027-10-01", "2027-10-02", "2027-10-03"],
      "元旦（2028年）": ["2028-01-01"],
    });
  });

  it("pins 正月初一 2027 to Sat 02-06, where Intl's Chinese calendar (ICU) is one day late", () => {
    // The new moon falls at 2027-02-06 23:56 Beijing time, four minutes before midnight; ICU
    // (unicode-org/icu#4070) puts 初一 on 02-07. The data must not follow it.
    const chinese = new Intl.DateTimeFormat("en-u-ca-chinese", {
      timeZone: "Asia/Shanghai",
      month: "numeric",
      day: "numeric",
    });
    const lunar = (date: string) => chinese.format(new Date(`${date}T12:00:00+08:00`));
    const icuNewYear = ["2027-02-06", "2027-02-07"].find((d) => lunar(d) === "1/1");
    expect(["2027-02-06", "2027-02-07", undefined]).toContain(icuNewYear);
    const spring = year2027.holidays.find((h) => h.holiday === "春节");
    expect(spring?.statutory[1]).toBe("2027-02-06"); // 初一
    expect(spring?.review).toMatch(/23:56/);
    // Where the new moon is far from midnight, ICU agrees with the reviewed dates.
    expect(lunar("2027-06-09")).toBe("5/5");
    expect(lunar("2027-09-15")).toBe("8/15");
  });

  it("never derives holidays from Intl's Chinese calendar in the library", () => {
    const dir = new URL("../../src/calendar/", import.meta.url);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(new URL(name, dir), "utf8");
      expect(text, name).not.toMatch(/ca-chinese|calendar:\s*["']chinese/);
    }
  });

  it("knows the seven weekdays that are off whatever the notice says", () => {
    const certain = ["01-01", "02-05", "02-08", "04-05", "06-09", "09-15", "10-01"];
    for (const day of certain) expect(isWorkingDay(`2027-${day}`), day).toBe(false);
    // Six days are owed (春节 2, 劳动节 2, 国庆节 2): statutory days on a weekend.
    const owed = year2027.holidays
      .flatMap((h) => h.statutory)
      .filter((d) => d.startsWith("2027-") && [0, 6].includes(weekday(toDayNumber(d))));
    expect(owed).toEqual([
      "2027-02-06",
      "2027-02-07",
      "2027-05-01",
      "2027-05-02",
      "2027-10-02",
      "2027-10-03",
    ]);
  });

  it("refuses an exact answer the notice decides, naming the holiday", () => {
    expect(() => isWorkingDay("2027-02-09")).toThrow(ProvisionalDateError);
    expect(() => isWorkingDay("2027-02-09")).toThrow(/春节/);
    expect(() => dueDate("2027-01-28", 5)).toThrow(/between 2027-02-03 and 2027-02-14/);
    // Days no legal arrangement can move are plain days.
    expect(isWorkingDay("2027-03-10")).toBe(true);
    expect(isWorkingDay("2027-03-13")).toBe(false);
  });
});

describe("due dates into 2027", () => {
  // Every arrangement takes out of a count the same number of days once the count has passed
  // the holiday's whole window (rest is moved, not taken away), so these are exact:
  it.each([
    ["2026-12-20", 20, "2027-01-18", "元旦 (Fri) is off; 01-04 off only against 01-09/10 worked"],
    ["2027-01-20", 20, "2027-02-23", "past the whole 春节 window (to 02-21)"],
    ["2027-09-20", 20, "2027-10-21", "past the whole 国庆 window (to 10-17)"],
    ["2027-12-01", 5, "2027-12-08", "before the window of 元旦 2028"],
  ])("accepted %s + %i working days → exactly %s (%s)", (start, n, due) => {
    expect(dueBounds(start, n)).toEqual({
      acceptedOn: start,
      workingDays: n,
      provisional: false,
      due,
      earliest: due,
      latest: due,
      calendar: { id: "cn-mainland", revision: file.revision },
    });
    expect(dueDate(start, n).due).toBe(due);
  });

  // Bounds reasoned by hand from the law's constraints:
  it.each([
    // Earliest: 01-29, one of 01-30/31 worked (both would make 7 days in a row), 02-01,
    // 02-02, 02-03. Latest: 01-29 … 02-08 off (补假 and 调休 from Fri 01-29), 02-09 … 02-12
    // count four, Sat 02-13 rests and Sun 02-14 is worked (调休上班).
    ["2027-01-28", 5, "2027-02-03", "2027-02-14"],
    // 12-31 counts; 01-04 off in one arrangement (against 01-09 or 01-10 worked).
    ["2026-12-30", 5, "2027-01-07", "2027-01-08"],
    ["2026-12-31", 1, "2027-01-04", "2027-01-05"],
  ])("accepted %s + %i → 暂定 %s … %s", (start, n, earliest, latest) => {
    const bounds = dueBounds(start, n);
    expect(bounds).toMatchObject({ provisional: true, earliest, latest });
    expect(bounds).not.toHaveProperty("due");
  });

  it("judges the traffic light by the side that warns earlier", () => {
    const bounds = dueBounds("2027-01-28", 5);
    // On 02-03, the earliest date, the case is red although it may be due on 02-14.
    expect(deadlineStatus(bounds, "2027-02-03", { warnWorkingDays: 2 })).toBe("red");
    expect(deadlineStatus(bounds, "2027-02-04", { warnWorkingDays: 2 })).toBe("overdue");
    expect(deadlineStatus(bounds, "2027-01-28", { warnWorkingDays: 2 })).toBe("yellow");
  });
});

describe("the model admits every real notice since the 2024 revision", () => {
  // Each published holiday, modelled as the coming notice would be: its statutory days and a
  // window from a Saturday to a Sunday around it; the real arrangement must be among the legal
  // ones. 2024 is before the revision (除夕 not a statutory day, 春节 3 days, 劳动节 1).
  const cases: Array<[string, string[], string, string]> = [
    ["2025 元旦", ["2025-01-01"], "2025-01-01", "2025-01-12"],
    [
      "2025 春节",
      ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"],
      "2025-01-18",
      "2025-02-16",
    ],
    ["2025 清明", ["2025-04-04"], "2025-03-29", "2025-04-13"],
    ["2025 劳动", ["2025-05-01", "2025-05-02"], "2025-04-26", "2025-05-11"],
    ["2025 端午", ["2025-05-31"], "2025-05-24", "2025-06-08"],
    [
      "2025 国庆中秋",
      ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06"],
      "2025-09-27",
      "2025-10-19",
    ],
    ["2026 元旦", ["2026-01-01"], "2026-01-01", "2026-01-11"],
    [
      "2026 春节",
      ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"],
      "2026-02-07",
      "2026-03-01",
    ],
    ["2026 清明", ["2026-04-05"], "2026-03-28", "2026-04-12"],
    ["2026 劳动", ["2026-05-01", "2026-05-02"], "2026-04-25", "2026-05-17"],
    ["2026 端午", ["2026-06-19"], "2026-06-13", "2026-06-28"],
    // Not 2026 中秋 and 国庆: 国庆's 调休上班 of Sun 09-20 lies before 中秋's block (09-25 … 09-27),
    // which a window per holiday cannot hold. In 2027 中秋 (Wed 09-15) is ten days before the
    // weekend nearest 国庆 (09-25/26), which lies in 国庆's window (docs/rule-authors.md).
  ];
  it.each(cases)("%s", (_name, statutory, from, until) => {
    const holiday: ProvisionalHoliday = {
      holiday: "x",
      statutory,
      window: { from, until },
      review: "test",
    };
    const model = holidayModel(holiday, {
      weekend: new Set([6, 0]),
      // Around the window, the published calendar: other holidays as they were.
      workingOutside: (day) => calendar.isWorkingDay(fromDayNumber(day)),
      maxRun: 6,
    });
    const first = toDayNumber(from);
    const real = model.arrangements[0]?.map((_, i) =>
      calendar.isWorkingDay(fromDayNumber(first + i)) ? 1 : 0,
    );
    const found = model.arrangements.some((a) => a.every((v, i) => v === real?.[i]));
    expect(found).toBe(true);
  });

  it("moves rest, never takes it away: weekdays off − weekend days worked = statutory days", () => {
    // 2024: 11 statutory days (before the 2024 revision); 2025 and 2026: 13.
    const expected: Record<number, number> = { 2024: 11, 2025: 13, 2026: 13 };
    for (const y of file.years.filter((e): e is PublishedYear => e.status === "published")) {
      const weekdaysOff = y.offDays.filter(
        ({ date }) => ![0, 6].includes(weekday(toDayNumber(date))),
      ).length;
      expect(weekdaysOff - y.makeupWorkDays.length, String(y.year)).toBe(expected[y.year]);
    }
  });
});
