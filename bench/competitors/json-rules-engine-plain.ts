// json-rules-engine used the plain way: one rule per check (a standard's `when` and `require`
// side by side, a material's `requiredWhen`), the default JSONPath path resolver, a new Engine
// for every request; the library's extra operators registered with addOperator. The evaluated
// trees are folded three-valued and assembled by the shared host.

import { Engine, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { CUSTOM_OPERATORS } from "../../src/evaluate/operators.js";
import { type EvaluatedCondition, fold, type TriResult } from "../../src/evaluate/three-valued.js";
import { type Condition, isLeaf } from "../../src/model/condition.js";
import type { MatterFile } from "../../src/model/matter.js";
import { assemble, type CheckResult, type PreparedInput, type Summary } from "./host.js";

const PASS: TriResult = { value: "pass", unknowns: [] };

/** JSONPath, as json-rules-engine's default resolver expects: `operator.name` → `$.operator.name`. */
function toEngineCondition(condition: Condition): unknown {
  if (isLeaf(condition)) {
    const value = condition.value ?? null;
    const ref =
      value !== null && typeof value === "object" && "fact" in value && "path" in value
        ? { fact: value.fact, path: `$.${value.path}` }
        : value;
    return { ...condition, path: `$.${condition.path}`, value: ref };
  }
  if ("all" in condition) return { all: condition.all.map(toEngineCondition) };
  if ("any" in condition) return { any: condition.any.map(toEngineCondition) };
  return { not: toEngineCondition(condition.not) };
}

/** The fold reads dot paths; the engine's trees carry JSONPath. */
function toDotPaths(node: EvaluatedCondition): EvaluatedCondition {
  if (node.all) node.all.forEach(toDotPaths);
  else if (node.any) node.any.forEach(toDotPaths);
  else if (node.not) toDotPaths(node.not);
  else {
    if (node.path?.startsWith("$.")) node.path = node.path.slice(2);
    const value = node.value as { path?: string } | null;
    if (value && typeof value === "object" && value.path?.startsWith("$.")) {
      value.path = value.path.slice(2);
    }
  }
  return node;
}

export function jsonRulesEnginePlain(matter: MatterFile) {
  const rules: RuleProperties[] = [];
  matter.standards.forEach((standard, index) => {
    const parts = standard.when ? [standard.when, standard.require] : [standard.require];
    rules.push({
      name: `standard:${index}`,
      conditions: { all: parts.map(toEngineCondition) } as TopLevelCondition,
      event: { type: standard.id },
    });
  });
  matter.materials.forEach((material, index) => {
    if (!material.requiredWhen) return;
    rules.push({
      name: `material:${index}`,
      conditions: { all: [toEngineCondition(material.requiredWhen)] } as TopLevelCondition,
      event: { type: material.id },
    });
  });

  return async function decide(input: PreparedInput): Promise<Summary> {
    const engine = new Engine(rules);
    for (const [name, evaluate] of Object.entries(CUSTOM_OPERATORS)) {
      engine.addOperator(name, (a: unknown, b: unknown) => evaluate(a, b));
    }
    const { results, failureResults } = await engine.run(input.facts);
    const trees = new Map<string, EvaluatedCondition[]>();
    for (const result of [...results, ...failureResults]) {
      const top = result.conditions as unknown as { all: EvaluatedCondition[] };
      trees.set(String(result.name), top.all.map(toDotPaths));
    }
    return assemble(matter, input, {
      when(index): CheckResult | undefined {
        const [first, second] = trees.get(`standard:${index}`) ?? [];
        return second && first ? fold(first) : undefined;
      },
      require(index): CheckResult {
        const [first, second] = trees.get(`standard:${index}`) ?? [];
        const tree = second ?? first;
        return tree ? fold(tree) : { value: "unknown", unknowns: [] };
      },
      material(index): CheckResult {
        const tree = trees.get(`material:${index}`)?.[0];
        return tree ? fold(tree) : PASS;
      },
    });
  };
}
