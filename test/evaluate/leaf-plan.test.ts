import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateApplications } from "../../bench/corpus.js";
import { prepareFacts } from "../../src/evaluate/input-facts.js";
import {
  type EvaluatedCondition,
  fold,
  foldPlanned,
  type LeafPlan,
  leafPlan,
  leafValues,
} from "../../src/evaluate/three-valued.js";
import { loadRules } from "../../src/index.js";
import type { Application } from "../../src/model/application.js";

const rules = await loadRules(fileURLToPath(new URL("../../bench/rules", import.meta.url)));
const matter = rules.versionInForce("individual-business.establishment", "2025-06-30");

/** The same keys, in the same order, with the same values. */
const same = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const key of Object.keys(a)) expect(a[key]).toBe(b[key]);
};

/** foldPlanned's result and the values it recorded (into a copy of `into`, if given). */
function planned(tree: EvaluatedCondition, plan: LeafPlan, into: Record<string, unknown> = {}) {
  const values = { ...into };
  return { result: foldPlanned(tree, plan, values), values };
}

describe("foldPlanned", () => {
  it("gives what fold and leafValues give, with the right plan, another plan or none", () => {
    if (matter === undefined) throw new Error("no bench matter");
    const { standards } = matter.file;
    const plans = standards.map((s) => leafPlan(s.require));
    const planAt = (index: number) => plans[index % plans.length] as LeafPlan;
    let leaves = 0;
    const outcomes = new Set<string>();
    for (const app of generateApplications(200, 11)) {
      const { facts } = prepareFacts(matter, app as unknown as Application);
      const trees = matter.engine.run(facts) as readonly EvaluatedCondition[];
      standards.forEach((standard, index) => {
        const slots = matter.slots.standards[index] as { when?: number; require: number };
        const tree = trees[slots.require] as EvaluatedCondition;
        const plain = leafValues(tree);
        const folded = fold(tree);
        outcomes.add(folded.value);
        leaves += Object.keys(plain).length;
        for (const plan of [planAt(index), planAt(index + 1), { facts: [], paths: [], keys: [] }]) {
          const { result, values } = planned(tree, plan);
          expect(result).toEqual(folded);
          same(values, plain);
        }
        const whenTree = slots.when === undefined ? undefined : trees[slots.when];
        if (standard.when && whenTree) {
          const first = planned(whenTree, leafPlan(standard.when));
          expect(first.result).toEqual(fold(whenTree));
          same(
            planned(tree, planAt(index), first.values).values,
            leafValues(tree, leafValues(whenTree)),
          );
        }
      });
    }
    expect(leaves).toBeGreaterThan(1000);
    expect(outcomes).toEqual(new Set(["pass", "fail", "unknown"]));
  });

  it("copies the object values it records when asked, and leaves scalars as they are", () => {
    const object = { a: 1 };
    const tree: EvaluatedCondition = {
      all: [
        { fact: "data", path: "o", operator: "present", factResult: object, result: true },
        { fact: "data", path: "n", operator: "equal", factResult: 3, result: true },
      ],
    };
    const values: Record<string, unknown> = {};
    const copy = (value: object) => ({ ...value });
    expect(foldPlanned(tree, { facts: [], paths: [], keys: [] }, values, copy).value).toBe("pass");
    expect(values).toEqual({ "data.o": { a: 1 }, "data.n": 3 });
    expect(values["data.o"]).not.toBe(object);
  });
});
