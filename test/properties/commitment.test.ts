// Issue 11, class 7 (告知承诺 guardrails), over the whole family: every approved fixture of every
// matter, with each required material that accepts commitment given by commitment. With clean
// credit it still approves, and every approval relying on a commitment carries its 核查 follow-up
// due on a working day; with the credit status made bad or unknown in any way it never approves
// (国办发〔2020〕42号: 在信用修复前不适用告知承诺制; unknown is never clean).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/index.js";
import { bundledRules } from "../helpers.js";
import {
  approvedSeeds,
  attempt,
  type Json,
  printable,
  requiredMaterials,
  runs,
  type Seed,
  timeout,
} from "./support.js";

const rules = await bundledRules();
const calendar = rules.calendar;
const RECORDS = ["seriousDishonesty", "falseCommitment", "unfulfilledCommitment"] as const;
const CLEAN = Object.fromEntries(RECORDS.map((r) => [r, { recorded: false }]));

interface Member {
  seed: Seed;
  /** The seed's application with its committable required materials given by commitment. */
  application: Json;
  committed: string[];
}

/** The family: each approved seed with a required material that accepts commitment. */
const family: Member[] = (await approvedSeeds()).flatMap((seed) => {
  const committed = requiredMaterials(seed).filter((id) =>
    seed.matterFile.materials.find((m) => m.id === id)?.satisfiedBy.includes("commitment"),
  );
  if (committed.length === 0) return [];
  const application = structuredClone(seed.application);
  application.materials = [
    ...application.materials.filter((m: { id: string }) => !committed.includes(m.id)),
    ...committed.map((id) => ({ id, via: "commitment" })),
  ];
  application.evidence.credit = structuredClone(CLEAN);
  return [printable({ seed, application, committed }, `${seed.matter}/${seed.file}`)];
});

/**
 * Every approval relying on a commitment has its follow-up, due n working days on — or, only
 * where the calendar cannot count them (acceptance or due date outside its years), no date and
 * a note saying so (`lenient`); `strict` wants a date in every case.
 */
function followUpProblems(decision: Decision, mode: "strict" | "lenient"): string[] {
  const problems: string[] = [];
  if (decision.outcome !== "approve") return problems;
  const acceptedOn = decision.timeLimit?.acceptedOn ?? decision.appliedOn;
  for (const m of decision.materials.filter((x) => x.status === "committed")) {
    const f = decision.followUps.find((x) => x.kind === "verify-commitment" && x.material === m.id);
    if (f === undefined) {
      problems.push(`${m.id}: no follow-up`);
      continue;
    }
    if (f.workingDays === undefined) {
      problems.push(`${m.id}: no working-day count`);
      continue;
    }
    if (f.due === undefined) {
      if (mode === "strict" || f.note === undefined || countable(acceptedOn, f.workingDays))
        problems.push(`${m.id}: no due date (${f.note ?? "no note"})`);
      continue;
    }
    if (!calendar?.isWorkingDay(f.due)) problems.push(`${m.id}: due ${f.due} is not a working day`);
    if (calendar?.workingDaysBetween(acceptedOn, f.due) !== f.workingDays)
      problems.push(
        `${m.id}: due ${f.due} is not ${f.workingDays} working days after ${acceptedOn}`,
      );
    if ((f.consequences ?? []).length === 0) problems.push(`${m.id}: no consequences`);
    if ((f.basis ?? []).length === 0) problems.push(`${m.id}: no basis`);
  }
  return problems;
}

/** Whether the calendar covers every day from acceptance to the due date. */
function countable(acceptedOn: string, workingDays: number): boolean {
  if (calendar === undefined || acceptedOn < calendar.covers.from) return false;
  const estimate = calendar.dueDate(acceptedOn, workingDays, { outsideCoverage: "estimate" });
  return estimate.due <= calendar.covers.until;
}

/** Ways to make the credit status bad (a record not repaired) or unknown (absent, partial). */
const badOrUnknown: fc.Arbitrary<{ label: string; apply: (credit: Json, app: Json) => void }> =
  fc.oneof(
    fc.constant({
      label: "no credit evidence",
      apply: (_c: Json, app: Json) => {
        delete app.evidence.credit;
      },
    }),
    fc.constant({
      label: "credit: {}",
      apply: (_c: Json, app: Json) => {
        app.evidence.credit = {};
      },
    }),
    fc
      .record({
        record: fc.constantFrom(...RECORDS),
        value: fc.constantFrom<[string, Json]>(
          ["deleted", undefined],
          ["recorded, not repaired", { recorded: true, repaired: false }],
          ["recorded, repair not said", { recorded: true }],
          ["{}", {}],
          ["null", null],
          ["recorded: 'no'", { recorded: "no" }],
          ["recorded: null", { recorded: null }],
        ),
      })
      .map(({ record, value: [text, value] }) => ({
        label: `${record} ${text}`,
        apply: (credit: Json) => {
          if (value === undefined) delete credit[record];
          else credit[record] = structuredClone(value);
        },
      })),
  );

/** Ways a credit status allows commitment: nothing recorded, or every record repaired. */
const cleanOrRepaired: fc.Arbitrary<Json> = fc.record(
  Object.fromEntries(
    RECORDS.map((r) => [
      r,
      fc.constantFrom(
        { recorded: false },
        { recorded: false, repaired: false },
        { recorded: true, repaired: true },
      ),
    ]),
  ) as Record<(typeof RECORDS)[number], fc.Arbitrary<Json>>,
);

describe("the 告知承诺 family", () => {
  it("has a member in every matter that offers commitment", () => {
    const offering = new Set(
      rules
        .matters()
        .map((m) => m.id)
        .filter((id) =>
          rules
            .versionInForce(id, "2025-06-30")
            ?.file.materials.some((x) => x.satisfiedBy.includes("commitment")),
        ),
    );
    expect(offering.size).toBeGreaterThan(0);
    expect(new Set(family.map((m) => m.seed.matter))).toEqual(offering);
  });

  it("approves every member with clean credit, with a follow-up due on a working day", async () => {
    for (const member of family) {
      const { decision, refusal } = await attempt(rules, structuredClone(member.application));
      const where = `${member.seed.matter}/${member.seed.file}`;
      expect(refusal, where).toBeUndefined();
      expect(decision?.outcome, where).toBe("approve");
      expect(
        decision?.materials.filter((m) => m.status === "committed").map((m) => m.id),
        where,
      ).toEqual(expect.arrayContaining(member.committed));
      expect(followUpProblems(decision as Decision, "lenient"), where).toEqual([]);
    }
  });
});

describe("a commitment relied on without verified clean credit", () => {
  it(
    "never approves, whichever way the credit status is made bad or unknown",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...family),
          fc.array(badOrUnknown, { minLength: 1, maxLength: 3 }),
          async (member, mutations) => {
            const app = structuredClone(member.application);
            for (const m of mutations) m.apply(app.evidence.credit ?? {}, app);
            const { decision } = await attempt(rules, app);
            expect(decision?.outcome).not.toBe("approve");
          },
        ),
        runs(300),
      );
    },
    timeout(60_000),
  );
});

describe("every approval relying on a commitment", () => {
  it(
    "carries a verify-commitment follow-up due n working days on, on a working day, with its consequences",
    async () => {
      let approved = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...family),
          cleanOrRepaired,
          fc.date({
            min: new Date("2024-07-01"),
            max: new Date("2026-09-30"),
            noInvalidDate: true,
          }),
          async (member, credit, day) => {
            const app = structuredClone(member.application);
            app.evidence.credit = credit;
            app.appliedOn = day.toISOString().slice(0, 10);
            const { decision } = await attempt(rules, app);
            if (decision?.outcome === "approve") approved++;
            // Inside the calendar's years (the range above), always a date, never a note.
            if (decision !== undefined) expect(followUpProblems(decision, "strict")).toEqual([]);
          },
        ),
        runs(300),
      );
      expect(approved).toBeGreaterThan(0);
    },
    timeout(60_000),
  );
});
