import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { describe, expect, it } from "vitest";
import { addWorkingDays, dueDate } from "../../src/node/bundled-calendar.js";
import { eachDate, localDate, NOTICES, noticeDueDate } from "./notices.js";

describe("due dates (SPEC §8.5: the day of acceptance is not counted)", () => {
  it.each([
    ["2025-01-24", 1, "2025-01-26", "the Sunday 2025-01-26 is a makeup working day"],
    ["2025-01-24", 3, "2025-02-05", "the Spring Festival 2025-01-28 … 02-04 is skipped"],
    ["2024-09-27", 3, "2024-10-08", "the Sunday 2024-09-29 counts"],
    ["2025-04-30", 3, "2025-05-08", "Labour Day 2025-05-01 … 05-05 is skipped"],
    ["2025-09-26", 20, "2025-10-30", "National Day and Mid-Autumn 2025-10-01 … 10-08 are skipped"],
    ["2025-12-31", 20, "2026-01-29", "the count runs into 2026"],
    ["2026-02-13", 3, "2026-02-25", "the Saturday 2026-02-14 counts"],
    ["2026-09-18", 1, "2026-09-20", "the Sunday 2026-09-20 is a makeup working day"],
    ["2026-09-30", 3, "2026-10-10", "the Saturday 2026-10-10 is a makeup working day"],
    ["2024-02-08", 20, "2024-03-13", "the Spring Festival 2024-02-10 … 02-17 is skipped"],
  ])("accepted %s, %i working days → %s (%s)", (acceptedOn, n, due) => {
    expect(dueDate(acceptedOn, n).due).toBe(due);
    expect(addWorkingDays(acceptedOn, n)).toBe(due);
  });

  it("TC-A18: accepted Fri 2025-01-24, 3 working days → 2025-02-05; extended by 3 → Sat 2025-02-08", () => {
    expect(dueDate("2025-01-24", 3).due).toBe("2025-02-05");
    const extended = dueDate("2025-01-24", 3, { extensionWorkingDays: 3 });
    expect(extended.due).toBe("2025-02-08");
    expect(extended.workingDays).toBe(6);
  });

  it("lists the days skipped and why", () => {
    expect(dueDate("2025-01-24", 3)).toEqual({
      acceptedOn: "2025-01-24",
      workingDays: 3,
      due: "2025-02-05",
      skipped: [
        { date: "2025-01-25", reason: "weekend" },
        ...["01-28", "01-29", "01-30", "01-31", "02-01", "02-02", "02-03", "02-04"].map((day) => ({
          date: `2025-${day}`,
          reason: "holiday",
          holiday: "春节",
        })),
      ],
    });
  });

  it("returns the day of acceptance for 0 working days (当场办结)", () => {
    expect(dueDate("2025-02-01", 0)).toEqual({
      acceptedOn: "2025-02-01",
      workingDays: 0,
      due: "2025-02-01",
      skipped: [],
    });
  });

  it("refuses a negative, fractional or huge count and a malformed date", () => {
    expect(() => dueDate("2025-01-24", -1)).toThrow(RangeError);
    expect(() => dueDate("2025-01-24", 1.5)).toThrow(RangeError);
    expect(() => dueDate("2025-01-24", 3, { extensionWorkingDays: Number.NaN })).toThrow(
      RangeError,
    );
    expect(() => dueDate("2025-01-24", 10_001)).toThrow(/from 0 to 10000/);
    expect(() => dueDate("2025-1-24", 3)).toThrow(/YYYY-MM-DD/);
    expect(() => addWorkingDays("2025-01-24", -3)).toThrow(RangeError);
  });
});

describe("due dates around every 2024–2026 holiday, against the notices", () => {
  for (const [year, notice] of Object.entries(NOTICES)) {
    for (const { holiday, off, work } of notice.holidays) {
      it(`counts acceptances around ${year} ${holiday} as the notice does`, () => {
        const days = [off[0], off[1], ...work].map((day) => `${year}-${day}`).sort();
        const from = format(addDays(localDate(days[0] ?? ""), -10), "yyyy-MM-dd");
        const until = format(addDays(localDate(days.at(-1) ?? ""), 3), "yyyy-MM-dd");
        const mismatches: string[] = [];
        // Only the days after acceptance need the calendar, so 2023-12-31 is a valid start.
        for (const acceptedOn of eachDate(from < "2023-12-31" ? "2023-12-31" : from, until)) {
          for (const n of [1, 2, 3, 5, 10, 20]) {
            const expected = noticeDueDate(acceptedOn, n);
            const actual = dueDate(acceptedOn, n).due;
            if (actual !== expected)
              mismatches.push(`${acceptedOn} +${n}: ${actual} ≠ ${expected}`);
          }
        }
        expect(mismatches).toEqual([]);
      });
    }
  }
});

describe("suspensions (行政许可法 art 45: hearings, inspections, expert review do not count)", () => {
  it("does not count working days inside a suspension", () => {
    // Accepted Mon 2025-03-03; an expert review takes Tue 03-04 to Thu 03-06.
    const due = dueDate("2025-03-03", 3, {
      suspensions: [{ from: "2025-03-04", until: "2025-03-06" }],
    });
    expect(due.due).toBe("2025-03-11");
    expect(due.skipped).toEqual([
      { date: "2025-03-04", reason: "suspended" },
      { date: "2025-03-05", reason: "suspended" },
      { date: "2025-03-06", reason: "suspended" },
      { date: "2025-03-08", reason: "weekend" },
      { date: "2025-03-09", reason: "weekend" },
    ]);
  });

  it("lists a weekend or holiday inside a suspension under its own reason", () => {
    const due = dueDate("2025-04-30", 1, {
      suspensions: [{ from: "2025-04-30", until: "2025-05-06" }],
    });
    expect(due.due).toBe("2025-05-07");
    expect(due.skipped.map((day) => day.reason)).toEqual([
      ...Array(5).fill("holiday"),
      "suspended",
    ]);
  });

  it("adds up several suspensions, and ignores one that ends before acceptance", () => {
    const due = dueDate("2025-03-03", 2, {
      suspensions: [
        { from: "2025-02-20", until: "2025-03-03" },
        { from: "2025-03-04", until: "2025-03-04" },
        { from: "2025-03-06", until: "2025-03-07" },
      ],
    });
    expect(due.due).toBe("2025-03-10");
  });

  it("combines a suspension with the extension", () => {
    const due = dueDate("2025-01-24", 3, {
      extensionWorkingDays: 3,
      suspensions: [{ from: "2025-02-06", until: "2025-02-06" }],
    });
    expect(due.due).toBe("2025-02-10");
  });

  it("refuses a suspension that ends before it starts", () => {
    expect(() =>
      dueDate("2025-03-03", 3, { suspensions: [{ from: "2025-03-06", until: "2025-03-04" }] }),
    ).toThrow(/ends before it starts/);
  });
});
