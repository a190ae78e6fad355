import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { MatterFileSchema } from "../../src/entries/authoring.js";
import { bundledCalendar } from "../../src/entries/calendar.js";
import { type MatterFile, RuleFileError, RuleSet } from "../../src/index.js";
import { conditionAnalysis } from "../../src/lint/conditions/analysis.js";
import type { Condition } from "../../src/model/condition.js";
import { bundledRules } from "../helpers.js";

const BASIS = [{ ref: "administrative-licensing-law", articles: ["1"] }];
const TEXT = { "zh-CN": "测试", en: "test" };

/** A small matter whose one standard applies when C does NOT hold: not-applicable ⟺ C holds. */
function matterWith(condition: Condition): MatterFile {
  return MatterFileSchema.parse({
    matter: "lint.property",
    version: "1.0.0",
    effective: { from: "2020-01-01" },
    title: TEXT,
    basis: BASIS,
    dataBasis: BASIS,
    timeLimit: { statutory: { onTheSpot: true, workingDays: 0 }, basis: BASIS },
    fee: { amount: 0, currency: "CNY", basis: BASIS },
    input: {
      data: {
        type: "object",
        properties: {
          e: { type: "string", enum: ["a", "b", "c"] },
          flag: { type: "boolean" },
          n: { type: "integer", minimum: 0, maximum: 10 },
          s: { type: "string" },
          tags: { type: "array", items: { type: "string" } },
          other: { type: "string" },
        },
      },
      evidence: { type: "object", properties: {} },
    },
    referrals: [{ code: "R-X", title: TEXT, basis: BASIS }],
    unknownEvidenceReferral: "R-X",
    standards: [
      {
        id: "S1",
        title: TEXT,
        basis: BASIS,
        when: { not: condition },
        require: { fact: "data", path: "other", operator: "present" },
        onFail: { outcome: "refer", code: "R-X" },
        message: TEXT,
      },
    ],
    materials: [{ id: "M1", title: TEXT, basis: BASIS, satisfiedBy: ["upload", "commitment"] }],
  });
}

const VALUES = ["a", "b", "z", "ab", true, false, 0, 3, 5, 10, 11, -1, 2.5];
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    fact: fc.constant("data" as const),
    path: fc.constantFrom("e", "flag", "n", "s"),
    operator: fc.constantFrom(
      "equal",
      "notEqual",
      "lessThan",
      "greaterThanInclusive",
      "startsWith",
    ) as fc.Arbitrary<"equal">,
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({
    fact: fc.constant("data" as const),
    path: fc.constantFrom("e", "n", "s"),
    operator: fc.constantFrom("in", "notIn") as fc.Arbitrary<"in">,
    value: fc.subarray(VALUES, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    fact: fc.constant("data" as const),
    path: fc.constantFrom("e", "flag", "n"),
    operator: fc.constantFrom("present", "absent") as fc.Arbitrary<"present">,
  }),
  fc.record({
    fact: fc.constant("data" as const),
    path: fc.constant("tags"),
    operator: fc.constantFrom("contains", "doesNotContain", "present") as fc.Arbitrary<"contains">,
    value: fc.constantFrom("a", "b"),
  }),
  // A material is read only by the channels it accepts (anything else is refused at load:
  // unrestricted-material-channel, unaccepted-material-channel).
  fc.record({
    fact: fc.constant("materials" as const),
    path: fc.constant("M1"),
    operator: fc.constant("equal") as fc.Arbitrary<"equal">,
    value: fc.constantFrom("upload", "commitment"),
  }),
  fc.record({
    fact: fc.constant("materials" as const),
    path: fc.constant("M1"),
    operator: fc.constant("in") as fc.Arbitrary<"in">,
    value: fc.subarray(["upload", "commitment"], { minLength: 1 }),
  }),
);
const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;

/** Every combination of valid values (and absence) of the small matter's fields. */
const APPLICATIONS = (() => {
  const apps: object[] = [];
  for (const e of [undefined, "a", "b", "c"])
    for (const flag of [undefined, true, false])
      for (const n of [undefined, 0, 5, 10])
        for (const s of [undefined, "ab", "zz"])
          for (const tags of [undefined, ["a"], ["b", "a"], ["c"]])
            for (const via of [undefined, "upload", "commitment"]) {
              const data = Object.fromEntries(
                Object.entries({ e, flag, n, s, tags, other: "x" }).filter(
                  ([, v]) => v !== undefined,
                ),
              );
              apps.push({
                matter: "lint.property",
                appliedOn: "2025-06-30",
                data,
                materials: via ? [{ id: "M1", via }] : [],
              });
            }
  return apps;
})();

describe("the condition analysis is sound", () => {
  test.prop([condition], { numRuns: 60 })(
    "when it says a condition can never hold, no application makes it hold",
    async (c) => {
      const matter = matterWith(c);
      const verdict = conditionAnalysis(matter).possible({ condition: c, at: [] });
      if (verdict.possible) return;
      let rules: RuleSet;
      try {
        rules = await RuleSet.fromSources(
          [{ file: "matters/lint.property/1.0.0.json", text: JSON.stringify(matter) }],
          { baseCatalogs: (await bundledRules()).catalogs, calendar: bundledCalendar() },
        );
      } catch (error) {
        // `not C` itself can never hold either (C is always unknown): nothing to evaluate.
        if (error instanceof RuleFileError) return;
        throw error;
      }
      for (const application of APPLICATIONS) {
        const decision = await rules.decide(application, { replay: true });
        expect(decision.checks[0]?.status, JSON.stringify(application)).not.toBe("not-applicable");
      }
    },
    120_000,
  );
});
