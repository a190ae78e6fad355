import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CalendarFile } from "../../src/calendar/calendar-file.js";
import { publishedCoverageWarnings } from "../../src/calendar/coverage-warnings.js";
import { hasLapsed } from "../../src/calendar/deadline-status.js";
import { validateRules } from "../../src/entries/authoring.js";

const text = readFileSync(
  new URL("../../rules/calendars/cn-mainland.json", import.meta.url),
  "utf8",
);
const file = JSON.parse(text) as CalendarFile;

describe("the warning that the published years end soon", () => {
  it("warns from 60 days before the last published year ends, and after", () => {
    expect(publishedCoverageWarnings(file, "2026-10-31")).toEqual([]);
    const [warning] = publishedCoverageWarnings(file, "2026-11-01");
    expect(warning).toMatchObject({
      code: "published-coverage-ending",
      pointer: "/years/2/status",
    });
    expect(warning?.message).toContain("end on 2026-12-31, in 60 day(s)");
    expect(warning?.message).toContain("notice for 2027");
    expect(publishedCoverageWarnings(file, "2027-01-10")[0]?.message).toContain(
      "ended on 2026-12-31, 10 day(s) ago",
    );
  });

  it("is a located warning of validate when today is given, never an error", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "sa-cal-")), "calendars");
    mkdirSync(dir);
    const path = join(dir, "cn-mainland.json");
    writeFileSync(path, text);
    const issues = validateRules([path], { today: "2026-12-05" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "calendar-published-coverage-ending",
      severity: "warning",
    });
    expect(issues[0]?.line).toBeGreaterThan(1);
    expect(validateRules([path], { today: "2026-06-01" })).toEqual([]);
    expect(validateRules([path])).toEqual([]);
  });
});

describe("hasLapsed: nothing automatic hinges on a provisional date (行政许可法 art 32(4))", () => {
  it("is certain only outside a provisional due date's bounds", () => {
    const due = { earliest: "2027-02-03", latest: "2027-02-14" };
    expect(hasLapsed(due, "2027-02-03")).toBe(false);
    expect(hasLapsed(due, "2027-02-04")).toBeUndefined();
    expect(hasLapsed(due, "2027-02-14")).toBeUndefined();
    expect(hasLapsed(due, "2027-02-15")).toBe(true);
    expect(hasLapsed("2025-02-05", "2025-02-05")).toBe(false);
    expect(hasLapsed("2025-02-05", "2025-02-06")).toBe(true);
  });
});
