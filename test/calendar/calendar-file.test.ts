import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type CalendarFile, CalendarFileSchema } from "../../src/calendar/calendar-file.js";
import { toPointer } from "../../src/calendar/calendar-issue.js";
import { parseCalendarFile } from "../../src/calendar/parse-calendar-file.js";
import { createCalendar } from "../../src/calendar/working-calendar.js";

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
    weekend: [6, 0],
    covers: { from: "2030-01-01", until: "2031-12-31" },
    years: [
      {
        year: 2030,
        source: source(2030),
        offDays: [{ date: "2030-01-01", holiday: "元旦" }],
        makeupWorkDays: [{ date: "2030-01-05", holiday: "元旦" }],
      },
      { year: 2031, source: source(2031), offDays: [], makeupWorkDays: [] },
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
        { year: 2032, source: source(2032), offDays: [], makeupWorkDays: [] },
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
        { year: 2030, source: source(2030), offDays: [], makeupWorkDays: [] },
        { year: 2030, source: source(2030), offDays: [], makeupWorkDays: [] },
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

describe("extending the calendar", () => {
  it("adds 2027 with one edit of the data file: the year's entry and covers.until", () => {
    const file = bundled();
    const year2027 = {
      year: 2027,
      source: { ...source(2027), note: "example" },
      offDays: [{ date: "2027-01-01", holiday: "元旦" }],
      makeupWorkDays: [],
    };
    const forgotten = parseCalendarFile({ ...file, years: [...file.years, year2027] });
    expect(forgotten.ok ? [] : forgotten.issues.map((issue) => issue.pointer)).toEqual([
      "/covers/until",
    ]);
    const result = parseCalendarFile({
      ...file,
      covers: { ...file.covers, until: "2027-12-31" },
      years: [...file.years, year2027],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const calendar = createCalendar(result.value);
    expect(calendar.addWorkingDays("2026-12-31", 1)).toBe("2027-01-04");
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
