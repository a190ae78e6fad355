import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledCalendar } from "../../src/calendar/bundled-calendar.js";
import { timeLimit } from "../../src/evaluate/time-limit.js";
import { type MatterFile, MatterFileSchema, validateRules } from "../../src/index.js";

const matter: MatterFile = MatterFileSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../rules/matters/individual-business.establishment/1.0.0.json", import.meta.url),
      "utf8",
    ),
  ),
);
const withPromise: MatterFile = {
  ...matter,
  timeLimit: { ...matter.timeLimit, promised: { workingDays: 1 } },
};

describe("the time limit a decision carries", () => {
  it("is the day of acceptance for an approval made on the spot (条例 art 19)", () => {
    expect(timeLimit(matter, "approve", "2025-01-24", bundledCalendar(), "zh-CN")).toEqual({
      acceptedOn: "2025-01-24",
      onTheSpot: true,
      statutoryDue: "2025-01-24",
    });
  });

  it("counts 3 working days, and 3 more with the extension, for a referral (TC-A18)", () => {
    expect(timeLimit(withPromise, "refer", "2025-01-24", bundledCalendar(), "zh-CN")).toEqual({
      acceptedOn: "2025-01-24",
      onTheSpot: false,
      statutoryDue: "2025-02-05",
      statutoryDueExtended: "2025-02-08",
      promisedDue: "2025-01-26",
    });
  });

  it("does not run for an incomplete application, which is not yet accepted", () => {
    expect(
      timeLimit(matter, "incomplete", "2025-01-24", bundledCalendar(), "zh-CN"),
    ).toBeUndefined();
  });

  it("leaves the date out with a note outside the calendar's years, never estimates silently", () => {
    const limit = timeLimit(matter, "refer", "2031-03-03", bundledCalendar(), "en");
    expect(limit?.statutoryDue).toBeUndefined();
    expect(limit?.note).toContain("outside the calendar");
  });
});

describe("calendars in a rules directory", () => {
  it("are validated with located issues", () => {
    const calendar = JSON.parse(
      readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
    );
    calendar.years[1].makeupWorkDays.push({ date: "2025-03-05", holiday: "春节" });
    const dir = join(mkdtempSync(join(tmpdir(), "sa-cal-")), "calendars");
    mkdirSync(dir);
    writeFileSync(join(dir, "cn-mainland.json"), JSON.stringify(calendar, null, 2));
    const issues = validateRules([join(dir, "cn-mainland.json")]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "calendar-makeup-not-weekend", severity: "error" });
    expect(issues[0]?.line).toBeGreaterThan(1);
  });
});
