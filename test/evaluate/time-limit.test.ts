import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MatterFileSchema, validateRules } from "../../src/entries/authoring.js";
import { timeLimit } from "../../src/evaluate/time-limit.js";
import type { MatterFile } from "../../src/index.js";
import type { Decision } from "../../src/model/decision.js";
import { bundledCalendar } from "../../src/node/bundled-calendar.js";
import { formatDecisionText } from "../../src/report/decision-text.js";

const matter: MatterFile = MatterFileSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../rules/matters/individual-business.establishment/1.0.0.json", import.meta.url),
      "utf8",
    ),
  ),
);
const revision = bundledCalendar().revision;
const used = { calendar: { id: "cn-mainland", revision } };
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
      ...used,
    });
  });

  it("counts 3 working days, and 3 more with the extension, for a referral (TC-A18)", () => {
    expect(timeLimit(withPromise, "refer", "2025-01-24", bundledCalendar(), "zh-CN")).toEqual({
      acceptedOn: "2025-01-24",
      onTheSpot: false,
      statutoryDue: "2025-02-05",
      statutoryDueExtended: "2025-02-08",
      promisedDue: "2025-01-26",
      workingDays: { statutory: 3, extension: 3, promised: 1 },
      ...used,
    });
  });

  it("gives 暂定 bounds, not a date, into 2027 before its notice, and says so", () => {
    // Accepted Thu 2027-01-28, just before 春节's window days that only the notice decides
    // (补假 and 调休 around 02-05 … 02-08, SPEC-2 §1.2): no date is exact.
    const limit = timeLimit(withPromise, "refer", "2027-01-28", bundledCalendar(), "zh-CN");
    expect(limit).toMatchObject({
      acceptedOn: "2027-01-28",
      onTheSpot: false,
      workingDays: { statutory: 3, extension: 3, promised: 1 },
      ...used,
    });
    const range = (n: number) => {
      const bounds = bundledCalendar().dueBounds("2027-01-28", n);
      expect(bounds.provisional).toBe(true);
      return { earliest: bounds.earliest, latest: bounds.latest };
    };
    expect(limit?.provisional).toEqual({
      statutoryDue: range(3),
      statutoryDueExtended: range(6),
      promisedDue: range(1),
    });
    for (const key of ["statutoryDue", "statutoryDueExtended", "promisedDue"] as const) {
      expect(limit?.[key]).toBeUndefined();
    }
    expect(limit?.note).toMatch(/^暂定：法定期限 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2} 之间/);
    expect(limit?.note).toContain(revision);
  });

  it("prints both dates and 暂定 / provisional in the decision text", () => {
    const limit = timeLimit(withPromise, "refer", "2027-01-28", bundledCalendar(), "en");
    const decision = {
      outcome: "refer",
      matter: { id: "m", version: "1.0.0", sha256: "" },
      appliedOn: "2027-01-28",
      locale: "en",
      missing: [],
      referrals: [],
      checks: [],
      materials: [],
      followUps: [],
      timeLimit: limit,
      record: {
        inputSha256: "",
        rulesSha256: "",
        library: "",
        evaluator: "compiled",
        decidedAt: "",
      },
    } as Decision;
    const bounds = bundledCalendar().dueBounds("2027-01-28", 3);
    const line = formatDecisionText(decision)
      .split("\n")
      .find((l) => l.startsWith("Due:"));
    expect(line).toContain(`provisional ${bounds.earliest} to ${bounds.latest}`);
    expect(line).toContain("Provisional:");
  });

  it("does not run for an incomplete application, which is not yet accepted", () => {
    expect(
      timeLimit(matter, "incomplete", "2025-01-24", bundledCalendar(), "zh-CN"),
    ).toBeUndefined();
  });

  it("leaves the date out with a note outside the calendar's years, never estimates silently", () => {
    const limit = timeLimit(matter, "refer", "2031-03-03", bundledCalendar(), "en");
    expect(limit?.provisional).toBeUndefined();
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
