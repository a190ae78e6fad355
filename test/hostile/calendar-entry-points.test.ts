// Issue 14, "outside JSON", for the working-day calendar: every calendar function exported from
// src/index.ts (and every method of the calendar `createCalendar` gives) called with what no
// JSON parser gives and with values outside its domain — `null`, numbers, impossible dates
// ("2026-02-30"), Date objects, negative or fractional counts, unknown options, getters and
// proxies that throw — either gives a valid result or throws the error it documents: a
// `RangeError` naming the argument, or a `CalendarCoverageError` for a real date the calendar
// does not cover. Never a TypeError, never the caller's getter error, never a wrong date.
// See SECURITY.md, "Values from outside JSON".
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bundledCalendar,
  CalendarCoverageError,
  createCalendar,
  deadlineChanges,
  deadlineStatus,
  dueBounds,
  dueDate,
  hasLapsed,
  isWorkingDay,
  workingDaysBetween,
} from "../../src/entries/calendar.js";
import type { Decision } from "../../src/index.js";

/** Messages of RangeErrors the JavaScript engine throws (a bug, not an argument refused). */
const ENGINE_RANGE_ERRORS =
  /^(Invalid time value|Maximum call stack|Invalid array length|Invalid string length|Invalid count value|toISOString)/;

/** Whether an exception is one the calendar functions document. */
function documented(error: unknown): boolean {
  if (error instanceof CalendarCoverageError) return true;
  if (error instanceof RangeError) return !ENGINE_RANGE_ERRORS.test(error.message);
  return false;
}

function label(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `non-error ${label(error)}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown) => typeof value === "string" && DATE.test(value);

/** Calls `call`; fails on an undocumented exception or a result `valid` refuses. */
function settles(call: () => unknown, valid: (result: unknown) => boolean, what: string): void {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    expect.soft(documented(error), `${what}: ${describeError(error)}`).toBe(true);
    return;
  }
  expect.soft(valid(result), `${what}: returned ${label(JSON.stringify(result))}`).toBe(true);
}

const throwing = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error("proxy get");
      },
      ownKeys() {
        throw new Error("proxy keys");
      },
      has() {
        throw new Error("proxy has");
      },
    },
  );

/** Values outside the domain of a date, a count, an options object or a calendar. */
const HOSTILE: unknown[] = [
  null,
  undefined,
  0,
  5,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  10_001,
  "",
  "3",
  "2026-02-30",
  "2025-13-01",
  "2025-1-2",
  " 2025-01-02",
  "2025-01-02T00:00:00Z",
  true,
  [],
  ["2025-01-02"],
  {},
  { toString: () => "2025-01-02" },
  {
    toString() {
      throw new Error("toString");
    },
  },
  new Date(Number.NaN),
  new Date("2025-01-02T00:00:00Z"),
  Symbol("s"),
  () => "2025-01-02",
  Object.create(null),
  throwing(),
  {
    get warnWorkingDays() {
      throw new Error("getter");
    },
    get extensionWorkingDays() {
      throw new Error("getter");
    },
    get openOn() {
      throw new Error("getter");
    },
  },
  { bogus: 1 },
  { extensionWorkingDays: -1 },
  { extensionWorkingDays: 1.5 },
  { outsideCoverage: "guess" },
  { suspensions: "2025-01-02" },
  { suspensions: [null] },
  { suspensions: [{ from: "2025-01-10", until: "2025-01-03" }] },
  { suspensions: [{ from: "2025-02-30", until: "2025-03-01" }] },
  { warnWorkingDays: -1 },
  { warnWorkingDays: "1" },
  { openOn: 5 },
  { earliest: "2027-02-14", latest: "2027-02-03" },
  { earliest: "2027-02-03" },
];

const calendar = bundledCalendar();
const isBool = (r: unknown) => typeof r === "boolean";
const isCount = (r: unknown) => Number.isInteger(r);
const isDue = (r: unknown) =>
  typeof r === "object" && r !== null && isDate((r as { due?: unknown }).due);
const isBounds = (r: unknown) =>
  typeof r === "object" &&
  r !== null &&
  isDate((r as { earliest?: unknown }).earliest) &&
  isDate((r as { latest?: unknown }).latest) &&
  (r as { earliest: string }).earliest <= (r as { latest: string }).latest;
const isStatus = (r: unknown) => ["green", "yellow", "red", "overdue"].includes(r as string);
const isLapsed = (r: unknown) => r === undefined || typeof r === "boolean";
const isChanges = (r: unknown) =>
  typeof r === "object" &&
  r !== null &&
  Array.isArray((r as { changes?: unknown }).changes) &&
  Array.isArray((r as { uncounted?: unknown }).uncounted);

/**
 * Every entry point with one argument replaced by `value`, the others valid; the calendar
 * methods of `createCalendar`'s result the same way.
 */
function calls(value: unknown): [string, () => unknown, (r: unknown) => boolean][] {
  const v = value as never;
  return [
    ["isWorkingDay(date)", () => isWorkingDay(v), isBool],
    ["isWorkingDay(, calendar)", () => isWorkingDay("2025-01-02", v), isBool],
    ["addWorkingDays(date)", () => addWorkingDays(v, 3), isDate],
    ["addWorkingDays(, n)", () => addWorkingDays("2025-01-02", v), isDate],
    ["addWorkingDays(, , calendar)", () => addWorkingDays("2025-01-02", 3, v), isDate],
    ["workingDaysBetween(a)", () => workingDaysBetween(v, "2025-01-02"), isCount],
    ["workingDaysBetween(, b)", () => workingDaysBetween("2025-01-02", v), isCount],
    [
      "workingDaysBetween(, , calendar)",
      () => workingDaysBetween("2025-01-02", "2025-02-02", v),
      isCount,
    ],
    ["dueDate(acceptedOn)", () => dueDate(v, 3), isDue],
    ["dueDate(, workingDays)", () => dueDate("2025-01-02", v), isDue],
    ["dueDate(, , options)", () => dueDate("2025-01-02", 3, v), isDue],
    ["dueDate(, , , calendar)", () => dueDate("2025-01-02", 3, {}, v), isDue],
    ["dueDate suspensions[0]", () => dueDate("2025-01-02", 3, { suspensions: [v] }), isDue],
    ["dueDate extension", () => dueDate("2025-01-02", 3, { extensionWorkingDays: v }), isDue],
    ["dueDate outsideCoverage", () => dueDate("2025-01-02", 3, { outsideCoverage: v }), isDue],
    ["dueBounds(acceptedOn)", () => dueBounds(v, 3), isBounds],
    ["dueBounds(, workingDays)", () => dueBounds("2026-12-20", v), isBounds],
    ["dueBounds(, , options)", () => dueBounds("2026-12-20", 3, v), isBounds],
    ["dueBounds(, , , calendar)", () => dueBounds("2026-12-20", 3, {}, v), isBounds],
    [
      "deadlineStatus(due)",
      () => deadlineStatus(v, "2025-01-02", { warnWorkingDays: 1 }),
      isStatus,
    ],
    [
      "deadlineStatus(, now)",
      () => deadlineStatus("2025-02-05", v, { warnWorkingDays: 1 }),
      isStatus,
    ],
    ["deadlineStatus(, , options)", () => deadlineStatus("2025-02-05", "2025-01-02", v), isStatus],
    [
      "deadlineStatus warnWorkingDays",
      () => deadlineStatus("2025-02-05", "2025-01-02", { warnWorkingDays: v }),
      isStatus,
    ],
    [
      "deadlineStatus(, , , calendar)",
      () => deadlineStatus("2025-02-05", "2025-01-02", { warnWorkingDays: 1 }, v),
      isStatus,
    ],
    ["hasLapsed(due)", () => hasLapsed(v, "2025-01-02"), isLapsed],
    ["hasLapsed(, now)", () => hasLapsed("2025-02-05", v), isLapsed],
    ["deadlineChanges(decisions)", () => deadlineChanges(v, calendar), isChanges],
    ["deadlineChanges([decision])", () => deadlineChanges([v], calendar), isChanges],
    ["deadlineChanges(, calendar)", () => deadlineChanges([], v), isChanges],
    ["deadlineChanges(, , options)", () => deadlineChanges([], calendar, v), isChanges],
    [
      "deadlineChanges timeLimit",
      () => deadlineChanges([{ ...recorded, timeLimit: v }], calendar),
      isChanges,
    ],
    ["createCalendar(file)", () => createCalendar(v), (r) => typeof r === "object" && r !== null],
    ["calendar.isCovered", () => calendar.isCovered(v), isBool],
    ["calendar.describeDay", () => calendar.describeDay(v), (r) => typeof r === "object"],
    [
      "calendar.describeDay options",
      () => calendar.describeDay("2025-01-02", v),
      (r) => typeof r === "object",
    ],
    ["calendar.isWorkingDay", () => calendar.isWorkingDay(v), isBool],
    ["calendar.addWorkingDays", () => calendar.addWorkingDays("2025-01-02", v), isDate],
    ["calendar.workingDaysBetween", () => calendar.workingDaysBetween(v, "2025-01-02"), isCount],
    ["calendar.dueDate", () => calendar.dueDate("2025-01-02", 3, v), isDue],
    ["calendar.dueBounds", () => calendar.dueBounds(v, 3), isBounds],
    [
      "calendar.workingDaysBetweenBounds",
      () => calendar.workingDaysBetweenBounds("2025-01-02", v),
      (r) => typeof r === "object",
    ],
  ];
}

/** A decision as `batch` records one, with a time limit counted into the provisional 2027. */
const recorded = {
  outcome: "approve",
  matter: { id: "m", version: "1.0.0", sha256: "0".repeat(64) },
  appliedOn: "2027-01-28",
  timeLimit: {
    acceptedOn: "2027-01-28",
    onTheSpot: false,
    provisional: { statutoryDue: { earliest: "2027-02-03", latest: "2027-02-14" } },
    workingDays: { statutory: 5 },
    calendar: { id: "cn-mainland", revision: "old" },
  },
} as unknown as Decision;

describe("the calendar functions refuse what is outside their domain", () => {
  it("every argument and option, with every hostile value: a valid result or a documented error", () => {
    for (const value of HOSTILE) {
      for (const [what, call, valid] of calls(value))
        settles(call, valid, `${what} ${label(value)}`);
    }
  });

  it("any value in any position", () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (value) => {
        for (const [what, call, valid] of calls(value))
          settles(call, valid, `${what} ${label(value)}`);
      }),
      { numRuns: 100 },
    );
  });

  it("says what is wrong: the argument, what it must be", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(/date.*YYYY-MM-DD/);
    expect(() => isWorkingDay(null as never)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date() as never, 1)).toThrow(/date.*YYYY-MM-DD/);
    expect(() => addWorkingDays("2025-01-02", -1)).toThrow(/whole number/);
    expect(() => dueDate("2025-01-02", 3, { bogus: 1 } as never)).toThrow(/bogus/);
    expect(() => dueDate("2025-01-02", 3, 5 as never)).toThrow(/options/);
    expect(() => dueBounds("2025-01-02", 3, { outsideCoverage: "estimate" } as never)).toThrow(
      /outsideCoverage/,
    );
    expect(() => deadlineStatus("2025-02-05", "2025-01-02", null as never)).toThrow(
      /warnWorkingDays/,
    );
    expect(() => isWorkingDay("2025-01-02", {} as never)).toThrow(/calendar/);
    expect(() => createCalendar({} as never)).toThrow(RangeError);
    expect(() => deadlineChanges([{ ...recorded, timeLimit: 5 }] as never, calendar)).toThrow(
      /decisions\[0\]/,
    );
    const getter = {
      get extensionWorkingDays() {
        throw new Error("mine");
      },
    };
    expect(() => dueDate("2025-01-02", 3, getter as never)).toThrow(/extensionWorkingDays/);
  });

  it("still answers what it answered: the guards change no valid result", () => {
    // The documented examples (bundled-calendar.ts, deadline-status.ts).
    expect(isWorkingDay("2025-01-26")).toBe(true);
    expect(addWorkingDays("2025-01-24", 3)).toBe("2025-02-05");
    expect(workingDaysBetween("2025-02-05", "2025-01-24")).toBe(-3);
    expect(dueDate("2025-01-24", 3, { extensionWorkingDays: 3 }).due).toBe("2025-02-08");
    expect(dueDate("2025-01-24", 3, null as never).due).toBe("2025-02-05"); // null: no options
    expect(dueBounds("2026-12-20", 20).due).toBe("2027-01-18");
    expect(deadlineStatus("2025-02-05", "2025-01-27", { warnWorkingDays: 1 })).toBe("yellow");
    expect(hasLapsed({ earliest: "2027-02-03", latest: "2027-02-14" }, "2027-02-10")).toBe(
      undefined,
    );
    const file = JSON.parse(
      readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
    );
    expect(createCalendar(file).addWorkingDays("2025-01-24", 3)).toBe("2025-02-05");
    expect(deadlineChanges([recorded], calendar).changes).toEqual([]);
    // A suspension given as a getter-free snapshot: counted as before.
    expect(
      dueDate("2025-01-24", 3, { suspensions: [{ from: "2025-02-05", until: "2025-02-05" }] }).due,
    ).toBe("2025-02-06");
  });

  it("an outside date the calendar does not cover is a CalendarCoverageError, not a RangeError", () => {
    expect(() => isWorkingDay("1999-01-04")).toThrow(CalendarCoverageError);
  });
});
