import { describe, expect, it } from "vitest";
import { deadlineStatus as coreDeadlineStatus } from "../../src/calendar/deadline-status.js";
import { bundledCalendar, deadlineStatus } from "../../src/node/bundled-calendar.js";

// Due Wed 2025-02-05 (TC-A18). Working days left, counted after `now` up to the due date:
// Fri 01-24 and Sat 01-25 → 3 (Sun 01-26, Mon 01-27, Wed 02-05); Sun 01-26 → 2; Mon 01-27 → 1;
// every day of the Spring Festival 01-28 … 02-04 → 1.
describe("deadlineStatus with warnWorkingDays: 2", () => {
  const warn = { warnWorkingDays: 2 };

  it.each([
    ["2025-01-20", "green", "7 working days left"],
    ["2025-01-24", "green", "3 working days left"],
    ["2025-01-25", "green", "a Saturday: still 3 working days left"],
    ["2025-01-26", "yellow", "2 working days left: the warning starts"],
    ["2025-01-27", "yellow", "1 working day left"],
    ["2025-02-04", "yellow", "the last holiday before the due date: 1 working day left"],
    ["2025-02-05", "red", "the due date itself"],
    ["2025-02-06", "overdue", "the day after the due date"],
    ["2025-02-09", "overdue", "a weekend after the due date"],
  ])("is %s → %s (%s)", (now, status) => {
    expect(deadlineStatus("2025-02-05", now, warn)).toBe(status);
  });
});

describe("deadlineStatus boundaries", () => {
  it("turns yellow exactly when warnWorkingDays working days are left", () => {
    // Due Mon 2025-03-10; on Wed 03-05 three are left (Thu, Fri, Mon), on Thu two.
    expect(deadlineStatus("2025-03-10", "2025-03-05", { warnWorkingDays: 2 })).toBe("green");
    expect(deadlineStatus("2025-03-10", "2025-03-06", { warnWorkingDays: 2 })).toBe("yellow");
    expect(deadlineStatus("2025-03-10", "2025-03-05", { warnWorkingDays: 3 })).toBe("yellow");
  });

  it("stays green until the due date with warnWorkingDays: 0", () => {
    expect(deadlineStatus("2025-03-10", "2025-03-09", { warnWorkingDays: 0 })).toBe("green");
    expect(deadlineStatus("2025-03-10", "2025-03-10", { warnWorkingDays: 0 })).toBe("red");
  });

  it("is yellow before a due date that falls on a day off, with no working day left", () => {
    expect(deadlineStatus("2025-03-09", "2025-03-08", { warnWorkingDays: 0 })).toBe("yellow");
  });

  it("refuses a negative or fractional warnWorkingDays", () => {
    expect(() => deadlineStatus("2025-03-10", "2025-03-05", { warnWorkingDays: -1 })).toThrow(
      RangeError,
    );
    expect(() => deadlineStatus("2025-03-10", "2025-03-05", { warnWorkingDays: 1.5 })).toThrow(
      RangeError,
    );
  });

  it("is the same in the core function given the calendar explicitly", () => {
    expect(
      coreDeadlineStatus("2025-02-05", "2025-01-27", { warnWorkingDays: 1 }, bundledCalendar()),
    ).toBe("yellow");
  });
});
