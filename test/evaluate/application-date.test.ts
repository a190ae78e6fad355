// Issue 11 class 5: the applicant must not choose the law by choosing the date. appliedOn is
// bounded by the decision's today (China Standard Time, from options.now): after it is refused,
// more than backdateDays before it is refused, and only a caller that says `replay` decides an
// archive on the date it states.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applicationDateProblems,
  chinaToday,
  DEFAULT_BACKDATE_DAYS,
} from "../../src/evaluate/application-date.js";
import { ApplicationError, type Decision } from "../../src/index.js";
import { approvable, bundledRules, cli } from "../helpers.js";
import { approvedSeeds, attempt, runs, timeout } from "../properties/support.js";

const rules = await bundledRules();

/** 10:00 on a date in China Standard Time. */
function cst(date: string, time = "10:00:00"): Date {
  return new Date(`${date}T${time}+08:00`);
}

async function refusal(input: unknown, options: Parameters<typeof rules.decide>[1]) {
  const error = await rules.decide(input, options).then(
    (d: Decision) => d,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationError);
  return (error as ApplicationError).problems.map((p) => [p.code, p.pointer]);
}

describe("today is the date in China Standard Time", () => {
  it("turns at 16:00 UTC, not at UTC midnight", () => {
    expect(chinaToday(new Date("2025-06-30T15:59:59.999Z"))).toBe("2025-06-30");
    expect(chinaToday(new Date("2025-06-30T16:00:00Z"))).toBe("2025-07-01");
    expect(chinaToday(new Date("2024-12-31T16:00:00Z"))).toBe("2025-01-01");
  });
});

describe("appliedOn is bounded by the decision's today", () => {
  it("decides an application made today, and yesterday's by default (received before midnight)", async () => {
    const app = approvable(); // appliedOn 2025-06-30
    expect((await rules.decide(app, { now: cst("2025-06-30") })).outcome).toBe("approve");
    expect(DEFAULT_BACKDATE_DAYS).toBe(1);
    expect((await rules.decide(app, { now: cst("2025-07-01", "23:59:59") })).outcome).toBe(
      "approve",
    );
  });

  it("refuses an application dated after today, even by one day, even at 23:59 CST", async () => {
    const app = approvable();
    expect(await refusal(app, { now: cst("2025-06-29", "23:59:59") })).toEqual([
      ["applied-on-in-future", "/appliedOn"],
    ]);
    // 2025-06-30T00:30 CST is still 2025-06-29 in UTC: today is China's, not UTC's.
    expect((await rules.decide(app, { now: new Date("2025-06-29T16:30:00Z") })).outcome).toBe(
      "approve",
    );
    expect(await refusal(app, { now: new Date("2025-06-29T15:59:59Z") })).toEqual([
      ["applied-on-in-future", "/appliedOn"],
    ]);
  });

  it("refuses an application older than backdateDays; the window is the caller's to set", async () => {
    const app = approvable();
    expect(await refusal(app, { now: cst("2025-07-02") })).toEqual([
      ["applied-on-too-old", "/appliedOn"],
    ]);
    expect(await refusal(app, { now: cst("2025-07-01"), backdateDays: 0 })).toEqual([
      ["applied-on-too-old", "/appliedOn"],
    ]);
    expect((await rules.decide(app, { now: cst("2025-07-30"), backdateDays: 30 })).outcome).toBe(
      "approve",
    );
    expect(await refusal(app, { now: cst("2025-07-31"), backdateDays: 30 })).toEqual([
      ["applied-on-too-old", "/appliedOn"],
    ]);
  });

  it("refuses a malformed backdateDays as the caller's error, never by deciding", async () => {
    for (const backdateDays of [-1, 1.5, Number.NaN, 367, Number.POSITIVE_INFINITY]) {
      await expect(rules.decide(approvable(), { backdateDays })).rejects.toThrow(RangeError);
    }
    await expect(rules.decide(approvable(), { now: new Date(Number.NaN) })).rejects.toThrow(
      RangeError,
    );
  });

  it("bounds acceptedOn too: not after today, never before appliedOn (even in a replay)", async () => {
    const future = { ...approvable(), acceptedOn: "2025-07-01" };
    expect(await refusal(future, { now: cst("2025-06-30") })).toEqual([
      ["applied-on-in-future", "/acceptedOn"],
    ]);
    const before = { ...approvable(), acceptedOn: "2025-06-29" };
    expect(await refusal(before, { replay: true })).toEqual([
      ["accepted-before-applied", "/acceptedOn"],
    ]);
  });

  it("a 17-year-old dated a year ahead to be an adult is refused, not approved", async () => {
    // Born 2008-07-15: 16 on 2025-06-30 (referred, 民法典 art 18), 18 on 2026-07-15.
    const app = approvable();
    app.appliedOn = "2026-07-20";
    app.data.operator.document.number = "440305200807150023";
    app.evidence.realName.operator.idNumber = "440305200807150023";
    const replayed = await rules.decide(app, { replay: true });
    expect(replayed.outcome).toBe("approve"); // what the date would buy without the bound
    expect(await refusal(app, { now: cst("2025-06-30") })).toEqual([
      ["applied-on-in-future", "/appliedOn"],
    ]);
  });

  it("replays an archive only when told, and the record says so", async () => {
    const app = approvable();
    const now = cst("2026-12-05");
    expect(await refusal(app, { now })).toEqual([["applied-on-too-old", "/appliedOn"]]);
    const replayed = await rules.decide(app, { now, replay: true });
    expect(replayed.outcome).toBe("approve");
    expect(replayed.record.replay).toBe(true);
    const live = await rules.decide(app, { now: cst("2025-06-30") });
    expect(live.record).not.toHaveProperty("replay");
    expect(applicationDateProblems({ appliedOn: app.appliedOn }, { replay: true })).toEqual([]);
  });
});

describe("the command line takes the same bounds", () => {
  it("evaluate refuses an archived example unless --replay, and checks --backdate-days", async () => {
    const file = "examples/1-approve-convenience-store.json";
    const live = await cli("evaluate", file);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain("[applied-on-too-old]");
    expect((await cli("evaluate", file, "--replay")).code).toBe(0);
    expect((await cli("evaluate", file, "--backdate-days", "3650")).code).toBe(1);
    expect((await cli("evaluate", file, "--backdate-days", "-1")).code).toBe(1);
    expect((await cli("evaluate", file, "--replay", "--backdate-days", "2")).code).toBe(1);
  });
});

describe("property: an appliedOn after today never decides", () => {
  it(
    "for every approvable fixture, any later appliedOn and any clock, the application is refused",
    async () => {
      const seeds = await approvedSeeds();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds),
          // Today: any instant from 2025-01-01 to 2030-12-31.
          fc.date({
            min: new Date("2025-01-01T00:00:00Z"),
            max: new Date("2030-12-31T00:00:00Z"),
            noInvalidDate: true,
          }),
          fc.integer({ min: 1, max: 3_000 }),
          async (seed, now, daysAhead) => {
            const app = structuredClone(seed.application);
            const ahead = new Date(`${chinaToday(now)}T00:00:00Z`);
            ahead.setUTCDate(ahead.getUTCDate() + daysAhead);
            app.appliedOn = ahead.toISOString().slice(0, 10);
            delete app.acceptedOn;
            const { decision, refusal } = await attempt(rules, app, { now, replay: false });
            expect(decision?.outcome, `${app.appliedOn} decided on ${chinaToday(now)}`).toBe(
              undefined,
            );
            expect(refusal?.problems.map((p) => p.code)).toContain("applied-on-in-future");
          },
        ),
        runs(150),
      );
    },
    timeout(60_000),
  );

  it(
    "and an appliedOn more than backdateDays before today never decides either",
    async () => {
      const seeds = await approvedSeeds();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds),
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 1, max: 3_000 }),
          async (seed, backdateDays, beyond) => {
            const app = structuredClone(seed.application);
            delete app.acceptedOn;
            const now = new Date(`${app.appliedOn}T12:00:00+08:00`);
            now.setUTCDate(now.getUTCDate() + backdateDays + beyond);
            const { decision, refusal } = await attempt(rules, app, {
              now,
              backdateDays,
              replay: false,
            });
            expect(decision?.outcome).toBe(undefined);
            expect(refusal?.problems.map((p) => p.code)).toEqual(["applied-on-too-old"]);
            // Inside the window, the same application is decided as its replay is.
            const inside = new Date(`${app.appliedOn}T12:00:00+08:00`);
            inside.setUTCDate(inside.getUTCDate() + backdateDays);
            const live = await attempt(rules, app, { now: inside, backdateDays, replay: false });
            expect(live.decision?.outcome).toBe(seed.decision.outcome);
          },
        ),
        runs(100),
      );
    },
    timeout(60_000),
  );
});
