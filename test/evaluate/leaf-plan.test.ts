import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateApplications } from "../../bench/corpus.js";
import { conditionName } from "../../src/evaluate/compile-matter.js";
import { prepareFacts } from "../../src/evaluate/input-facts.js";
import {
  type EvaluatedCondition,
  type LeafPlan,
  leafPlan,
  leafValues,
  leafValuesPlanned,
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

describe("leafValuesPlanned", () => {
  it("gives what leafValues gives, with the right plan, another plan or none", () => {
    if (matter === undefined) throw new Error("no bench matter");
    const { standards } = matter.file;
    const plans = standards.map((s) => leafPlan(s.require));
    const planAt = (index: number) => plans[index % plans.length] as LeafPlan;
    let leaves = 0;
    for (const app of generateApplications(200, 11)) {
      const { facts } = prepareFacts(matter, app as unknown as Application);
      const trees = matter.engine.run(facts) as ReadonlyMap<string, EvaluatedCondition>;
      standards.forEach((standard, index) => {
        const tree = trees.get(conditionName.require(index)) as EvaluatedCondition;
        const plain = leafValues(tree);
        leaves += Object.keys(plain).length;
        same(leafValuesPlanned(tree, planAt(index)), plain);
        same(leafValuesPlanned(tree, planAt(index + 1)), plain);
        same(leafValuesPlanned(tree, { facts: [], paths: [], keys: [] }), plain);
        const whenTree = trees.get(conditionName.when(index));
        if (standard.when && whenTree) {
          same(
            leafValuesPlanned(
              tree,
              planAt(index),
              leafValuesPlanned(whenTree, leafPlan(standard.when)),
            ),
            leafValues(tree, leafValues(whenTree)),
          );
        }
      });
    }
    expect(leaves).toBeGreaterThan(1000);
  });
});
