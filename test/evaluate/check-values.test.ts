// A check's `values` are what its leaves read — the `when` tree's first, then the `require`
// tree's — each object value copied by the decision's copy, so that a decision never shares
// state with the facts it read.

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateApplications } from "../../bench/corpus.js";
import { assessStandards } from "../../src/evaluate/assess-standards.js";
import { prepareFacts } from "../../src/evaluate/input-facts.js";
import { type EvaluatedCondition, leafValues } from "../../src/evaluate/three-valued.js";
import { loadRules } from "../../src/index.js";
import type { Application } from "../../src/model/application.js";
import { compiledInForce } from "../../src/rule-set/rule-set.js";

const rules = await loadRules(fileURLToPath(new URL("../../bench/rules", import.meta.url)));
const matter = await compiledInForce(rules, "individual-business.establishment", "2025-06-30");

describe("a check's values", () => {
  it("are what its leaves read, the `when` tree's first, objects copied", () => {
    if (matter === undefined) throw new Error("no bench matter");
    let objects = 0;
    for (const app of generateApplications(100, 11)) {
      const prepared = prepareFacts(matter, app as unknown as Application);
      const trees = matter.evaluator.run(prepared.facts) as readonly EvaluatedCondition[];
      const copies = new Set<unknown>();
      const copy = (value: object) => {
        const made = Array.isArray(value) ? [...value] : { ...value };
        copies.add(made);
        return made;
      };
      const { checks } = assessStandards(
        matter,
        { trees, unreadable: prepared.unreadable },
        "zh-CN",
        copy,
      );
      checks.forEach((check, index) => {
        const slots = matter.slots.standards[index] as { when?: number; require: number };
        const read = leafValues(
          trees[slots.require] as EvaluatedCondition,
          slots.when === undefined ? {} : leafValues(trees[slots.when] as EvaluatedCondition),
        );
        expect(Object.keys(check.values)).toEqual(Object.keys(read));
        for (const [key, value] of Object.entries(read)) {
          if (value !== null && typeof value === "object") {
            objects++;
            expect(check.values[key]).toEqual(value);
            expect(check.values[key]).not.toBe(value);
            expect(copies.has(check.values[key])).toBe(true);
          } else expect(check.values[key]).toBe(value);
        }
      });
    }
    expect(objects).toBeGreaterThan(20);
  });
});
