import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CalendarFile, PublishedYear } from "../../src/calendar/calendar-file.js";
import { createCalendar } from "../../src/calendar/create-calendar.js";
import { deadlineChanges } from "../../src/calendar/deadline-changes.js";
import { parseCalendarFile } from "../../src/calendar/parse-calendar-file.js";
import { MatterFileSchema } from "../../src/entries/authoring.js";
import { timeLimit } from "../../src/evaluate/time-limit.js";
import type { Decision, MatterFile } from "../../src/index.js";
import { bundledCalendar } from "../../src/node/bundled-calendar.js";
import { cli } from "../helpers.js";

const matter: MatterFile = MatterFileSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../rules/matters/individual-business.establishment/1.0.0.json", import.meta.url),
      "utf8",
    ),
  ),
);
const file = JSON.parse(
  readFileSync(new URL("../../rules/calendars/cn-mainland.json", import.meta.url), "utf8"),
) as CalendarFile;

// A made-up 2027 notice, only to exercise the mechanism — NOT the 2027 arrangement, which no
// source had on 2026-12-05: 春节 02-05 … 02-12 off (2 补假 + 2 调休), Sun 01-31 and Sat 02-20
// worked; 元旦 01-01 … 01-03; nothing else changed from the law's days.
const made: PublishedYear = {
  year: 2027,
  status: "published",
  source: {
    title: "国务院办公厅关于2027年部分节假日安排的通知",
    number: null,
    url: "https://example.invalid/2027",
    published: "2026-12-20",
    note: "made up for a test",
  },
  offDays: [
    ...["01-01", "01-02", "01-03"].map((d) => ({ date: `2027-${d}`, holiday: "元旦" })),
    ...["02-05", "02-06", "02-07", "02-08", "02-09", "02-10", "02-11", "02-12"].map((d) => ({
      date: `2027-${d}`,
      holiday: "春节",
    })),
  ],
  makeupWorkDays: [
    { date: "2027-01-31", holiday: "春节" },
    { date: "2027-02-20", holiday: "春节" },
  ],
};
const newFile: CalendarFile = {
  ...file,
  revision: "2026-12-21",
  years: file.years.map((y) => (y.year === 2027 ? made : y)),
};
const parsed = parseCalendarFile(newFile);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const newCalendar = createCalendar(parsed.value);

function decision(acceptedOn: string, applicationId: string): Decision {
  return {
    outcome: "refer",
    applicationId,
    matter: { id: matter.matter, version: matter.version, sha256: "" },
    appliedOn: acceptedOn,
    locale: "zh-CN",
    missing: [],
    referrals: [],
    checks: [],
    materials: [],
    followUps: [],
    timeLimit: timeLimit(matter, "refer", acceptedOn, bundledCalendar(), "zh-CN"),
    record: { inputSha256: "", rulesSha256: "", library: "", evaluator: "compiled", decidedAt: "" },
  };
}

const decisions = [
  decision("2026-06-01", "closed"), // due in 2026, long passed
  decision("2027-01-28", "spring"), // 3 (+3) working days across 春节: 暂定
  decision("2026-12-20", "exact"), // 3 (+3) working days, all in 2026: unchanged
];

describe("deadlineChanges", () => {
  it("lists the open deadlines a new revision changes, with both values and revisions", () => {
    const before = decisions[1]?.timeLimit;
    expect(before?.provisional?.statutoryDue).toBeDefined();
    // Under the made-up notice: 01-29 (1), Sun 01-31 worked (2), 02-01 (3) … 02-04 (6).
    const { changes, uncounted } = deadlineChanges(decisions, newCalendar, {
      openOn: "2026-12-21",
    });
    expect(uncounted).toEqual([]);
    expect(changes.map((c) => [c.applicationId, c.field, c.after])).toEqual([
      ["spring", "statutoryDue", { due: "2027-02-01" }],
      ["spring", "statutoryDueExtended", { due: "2027-02-04" }],
    ]);
    expect(changes[0]).toMatchObject({
      index: 1,
      acceptedOn: "2027-01-28",
      before: before?.provisional?.statutoryDue,
      revision: { before: file.revision, after: "2026-12-21" },
    });
  });

  it("still lists a deadline the new revision moves to before the open date", () => {
    // Open on 02-03: the new dates (02-01, 02-04) — one already passed — and the old bounds,
    // which reach past 02-03, all call for a corrected notice.
    const { changes } = deadlineChanges(decisions, newCalendar, { openOn: "2027-02-03" });
    expect(changes.map((c) => c.after)).toEqual([{ due: "2027-02-01" }, { due: "2027-02-04" }]);
  });

  it("finds nothing to change on the revision the decisions were made with", () => {
    expect(deadlineChanges(decisions, bundledCalendar()).changes).toEqual([]);
  });

  it("leaves out deadlines closed on the given day, and lists what it cannot count again", () => {
    const old = decision("2026-06-01", "old");
    const { workingDays: _, ...withoutDays } = old.timeLimit ?? {
      acceptedOn: "",
      onTheSpot: false,
    };
    const unrecorded = { ...old, timeLimit: withoutDays };
    const { changes, uncounted } = deadlineChanges([unrecorded, ...decisions], newCalendar, {
      openOn: "2027-03-01",
    });
    expect(changes).toEqual([]);
    expect(uncounted).toEqual([
      { index: 0, applicationId: "old", reason: "the decision records no working days" },
    ]);
  });
});

describe("smart-approval deadlines", () => {
  it("reads decisions as NDJSON and prints the changed deadlines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-deadlines-"));
    const ndjson = join(dir, "decisions.ndjson");
    writeFileSync(
      ndjson,
      `${[...decisions.map((d) => JSON.stringify(d)), '{"line":9,"error":{"code":"x","message":"y"}}'].join("\n")}\n`,
    );
    const calendarFile = join(dir, "cn-mainland.json");
    writeFileSync(calendarFile, JSON.stringify(newFile, null, 2));
    const text = await cli("deadlines", ndjson, "--calendar", calendarFile, "--date", "2026-12-21");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("2 open deadline(s) changed");
    expect(text.stdout).toContain(
      "line 2 (spring) individual-business.establishment 1.0.0, accepted 2027-01-28: statutoryDue 暂定/provisional",
    );
    expect(text.stdout).toContain("→ 2027-02-01 [revision");
    const json = await cli(
      "deadlines",
      ndjson,
      "--calendar",
      calendarFile,
      "--date",
      "2026-12-21",
      "--format",
      "json",
    );
    const result = JSON.parse(json.stdout);
    expect(result.calendar).toEqual({ id: "cn-mainland", revision: "2026-12-21" });
    expect(result.changes).toHaveLength(2);
    expect(result.changes[0]).toMatchObject({ line: 2, applicationId: "spring" });
  });

  it("reports an invalid calendar with located issues and a malformed line, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-deadlines-"));
    const ndjson = join(dir, "decisions.ndjson");
    writeFileSync(ndjson, "{not json\n");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...newFile, revision: "soon" }, null, 2));
    const withBadCalendar = await cli("deadlines", ndjson, "--calendar", bad);
    expect(withBadCalendar.code).toBe(2);
    expect(withBadCalendar.stderr).toMatch(/bad\.json:\d+:\d+: .*\(\/revision\)/);
    const withBadLine = await cli("deadlines", ndjson, "--date", "2026-12-21");
    expect(withBadLine.code).toBe(2);
    expect(withBadLine.stderr).toContain("decisions.ndjson:1: not JSON");
  });
});
