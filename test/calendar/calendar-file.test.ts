import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type CalendarFile, CalendarFileSchema } from "../../src/calendar/calendar-file.js";
import { createCalendar } from "../../src/calendar/create-calendar.js";
import { parseCalendarFile } from "../../src/calendar/parse-calendar-file.js";
import { toPointer } from "../../src/json/json-pointer.js";

const bundled = (): CalendarFile =>
  JSON.parse(
    readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
  ) as CalendarFile;

function source(year: number) {
  return {
    title: `国务院办公厅关于${year}年部分节假日安排的通知`,
    number: null,
    url: `https://www.gov.cn/${year}.htm`,
    published: `${year - 1}-11-01`,
  };
}

function twoYears(): CalendarFile {
  return {
    id: "test",
    title: { "zh-CN": "测试", en: "Test" },
    revision: "2029-11-01",
    weekend: [6, 0],
    covers: { from: "2030-01-01", until: "2031-12-31" },
    years: [
      {
        year: 2030,
        status: "published",
        source: source(2030),
        offDays: [{ date: "2030-01-01", holiday: "元旦" }],
        makeupWorkDays: [{ date: "2030-01-05", holiday: "元旦" }],
      },
      { year: 2031, status: "published", source: source(2031), offDays: [], makeupWorkDays: [] },
    ],
  };
}

function codesAndPointers(data: unknown) {
  const result = parseCalendarFile(data);
  return result.ok ? [] : result.issues.map(({ code, pointer }) => ({ code, pointer }));
}

describe("parseCalendarFile", () => {
  it("accepts the bundled calendar", () => {
    const result = parseCalendarFile(bundled());
    expect(result.ok).toBe(true);
  });

  it("accepts a small calendar and compiles it", () => {
    const result = parseCalendarFile(twoYears());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const calendar = createCalendar(result.value);
    expect(calendar.isWorkingDay("2030-01-05")).toBe(true);
    expect(calendar.isWorkingDay("2030-01-01")).toBe(false);
  });

  it("refuses structural problems, all at once, each with a JSON Pointer", () => {
    const file = twoYears() as unknown as Record<string, unknown>;
    const data = {
      ...file,
      weekend: [6, 7],
      extra: true,
      years: [
        {
          ...twoYears().years[0],
          source: { ...source(2030), number: undefined },
          offDays: [{ date: "2030-02-30", holiday: "春节" }, { date: "2030-02-01" }],
        },
        twoYears().years[1],
      ],
    };
    expect(codesAndPointers(data)).toEqual([
      { code: "schema", pointer: "/weekend/1" },
      { code: "schema", pointer: "/years/0/source/number" },
      { code: "schema", pointer: "/years/0/offDays/0/date" },
      { code: "schema", pointer: "/years/0/offDays/1/holiday" },
      { code: "schema", pointer: "" },
    ]);
  });

  it("refuses every cross-field problem, all at once", () => {
    const file = twoYears();
    const data: CalendarFile = {
      ...file,
      weekend: [6, 0, 6],
      covers: { from: "2030-01-01", until: "2032-12-31" },
      years: [
        {
          ...file.years[0],
          year: 2030,
          status: "published",
          source: source(2030),
          offDays: [
            { date: "2030-01-01", holiday: "元旦" },
            { date: "2031-01-01", holiday: "元旦" },
            { date: "2030-01-01", holiday: "元旦" },
            { date: "2030-02-02", holiday: "春节" },
          ],
          makeupWorkDays: [
            { date: "2030-01-07", holiday: "元旦" },
            { date: "2030-02-02", holiday: "春节" },
          ],
        },
        { year: 2032, status: "published", source: source(2032), offDays: [], makeupWorkDays: [] },
      ],
    };
    expect(codesAndPointers(data)).toEqual([
      { code: "duplicate-weekday", pointer: "/weekend/2" },
      { code: "years-not-contiguous", pointer: "/years/1/year" },
      { code: "date-outside-year", pointer: "/years/0/offDays/1/date" },
      { code: "duplicate-date", pointer: "/years/0/offDays/2/date" },
      { code: "makeup-not-weekend", pointer: "/years/0/makeupWorkDays/0/date" },
      { code: "off-and-makeup", pointer: "/years/0/makeupWorkDays/1/date" },
    ]);
  });

  it("refuses a repeated year and a covered range that does not match the years", () => {
    const file = twoYears();
    const data = {
      ...file,
      covers: { from: "2029-06-01", until: "2031-12-31" },
      years: [
        { year: 2030, status: "published", source: source(2030), offDays: [], makeupWorkDays: [] },
        { year: 2030, status: "published", source: source(2030), offDays: [], makeupWorkDays: [] },
      ],
    };
    const result = parseCalendarFile(data);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        code: "duplicate-year",
        message: "year 2030 is listed twice; merge the two entries",
        pointer: "/years/1/year",
      },
      {
        code: "covers-mismatch",
        message:
          "covers.from is 2029-06-01 but the years listed run from 2030-01-01 to 2030-12-31; set it to 2030-01-01",
        pointer: "/covers/from",
      },
      {
        code: "covers-mismatch",
        message:
          "covers.until is 2031-12-31 but the years listed run from 2030-01-01 to 2030-12-31; set it to 2030-12-31",
        pointer: "/covers/until",
      },
    ]);
  });

  it("explains a makeup working day on a weekday", () => {
    const file = twoYears();
    const year = { ...file.years[1], year: 2031, source: source(2031), offDays: [] };
    const result = parseCalendarFile({
      ...file,
      years: [
        file.years[0],
        { ...year, makeupWorkDays: [{ date: "2031-01-06", holiday: "元旦" }] },
      ],
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([
      "2031-01-06 is a Monday, a working day anyway; a makeup working day (调休上班) must fall on the weekend",
    ]);
  });

  it("refuses what is not a calendar file at all", () => {
    expect(codesAndPointers(null)).toEqual([{ code: "schema", pointer: "" }]);
    expect(codesAndPointers({ ...twoYears(), years: [] })).toEqual([
      { code: "schema", pointer: "/years" },
    ]);
  });
});

describe("provisional years", () => {
  const provisional = (holidays: unknown[], year = 2031) => ({
    year,
    status: "provisional",
    note: "notice not out",
    maxConsecutiveWorkingDays: 6,
    holidays,
  });
  const holiday = (statutory: string[], from: string, until: string) => ({
    holiday: "国庆节",
    statutory,
    window: { from, until },
    review: "law",
  });

  it("accepts a provisional year after the published ones", () => {
    // 2031-10-01 is a Wednesday; the window runs from Saturday 09-20 to Sunday 10-19.
    const file = twoYears();
    const data = {
      ...file,
      years: [
        file.years[0],
        provisional([
          holiday(["2031-10-01", "2031-10-02", "2031-10-03"], "2031-09-20", "2031-10-19"),
        ]),
      ],
    };
    expect(codesAndPointers(data)).toEqual([]);
  });

  it("refuses windows that are not independent, or cannot hold the days owed", () => {
    const file = twoYears();
    const data = {
      ...file,
      years: [
        file.years[0],
        provisional([
          // Fine: 国庆 with a 中秋 on 10-06 (one block, as in 2025).
          holiday(
            ["2031-10-01", "2031-10-02", "2031-10-03", "2031-10-06"],
            "2031-09-20",
            "2031-10-19",
          ),
          // Window ends on a Wednesday (2031-05-07), and overlaps nothing.
          holiday(["2031-05-01", "2031-05-02"], "2031-04-26", "2031-05-07"),
          // Overlaps the previous window and starts in 2030.
          holiday(["2031-05-05"], "2030-12-27", "2031-05-11"),
          // Saturday 06-07 owed, but the window (Sat 06-07 … Sun 06-08) has no weekday for it.
          holiday(["2031-06-07"], "2031-06-07", "2031-06-08"),
        ]),
      ],
    };
    expect(codesAndPointers(data)).toEqual([
      { code: "window-edge-not-rest", pointer: "/years/1/holidays/1/window/until" },
      { code: "window-invalid", pointer: "/years/1/holidays/2/window/from" },
      { code: "window-invalid", pointer: "/years/1/holidays/2/window/from" },
      { code: "window-invalid", pointer: "/years/1/holidays/2/window/until" },
      { code: "window-edge-not-rest", pointer: "/years/1/holidays/2/window/from" },
      { code: "window-overlap", pointer: "/years/1/holidays/2/window" },
      { code: "window-no-arrangement", pointer: "/years/1/holidays/3/window" },
    ]);
  });

  it("refuses a provisional year before a published one", () => {
    const file = twoYears();
    const data = {
      ...file,
      years: [provisional([], 2030), file.years[1]],
    };
    expect(codesAndPointers(data)).toEqual([{ code: "schema", pointer: "/years/0/holidays" }]);
    const withHoliday = {
      ...file,
      years: [
        provisional(
          [holiday(["2030-10-01", "2030-10-02", "2030-10-03"], "2030-09-21", "2030-10-20")],
          2030,
        ),
        file.years[1],
      ],
    };
    expect(codesAndPointers(withHoliday)).toEqual([
      { code: "provisional-before-published", pointer: "/years/0/status" },
      { code: "window-invalid", pointer: "/years/0/holidays/0/window/from" },
    ]);
  });
});

describe("publishing a provisional year", () => {
  it("replaces the 2027 entry by the notice's with one edit of the data file", () => {
    // A made-up notice, only to show the mechanism: NOT the 2027 arrangement, which no
    // source had on 2026-12-05.
    const file = bundled();
    const index = file.years.findIndex((y) => y.year === 2027);
    const made = {
      year: 2027,
      status: "published" as const,
      source: { ...source(2027), note: "example, not the real notice" },
      offDays: [
        { date: "2027-01-01", holiday: "元旦" },
        { date: "2027-01-02", holiday: "元旦" },
        { date: "2027-01-03", holiday: "元旦" },
      ],
      makeupWorkDays: [],
    };
    const years = file.years.map((y, i) => (i === index ? made : y));
    const result = parseCalendarFile({ ...file, revision: "2027-01-05", years });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const calendar = createCalendar(result.value);
    expect(calendar.revision).toBe("2027-01-05");
    expect(calendar.published?.until).toBe("2027-12-31");
    expect(calendar.provisionalYears).toEqual([]);
    expect(calendar.addWorkingDays("2026-12-31", 2)).toBe("2027-01-05");
  });
});

describe("CalendarFileSchema", () => {
  it("converts to a JSON Schema that keeps the date formats and closed objects", () => {
    const schema = z.toJSONSchema(CalendarFileSchema) as Record<string, unknown>;
    expect(schema).toMatchObject({ type: "object", additionalProperties: false });
    expect(JSON.stringify(schema)).toContain('"format":"date"');
  });
});

describe("toPointer", () => {
  it("escapes ~ and / as RFC 6901 requires", () => {
    expect(toPointer(["a/b", "c~d", 0])).toBe("/a~1b/c~0d/0");
    expect(toPointer([])).toBe("");
  });
});
