// json-logic-js on the same logic: each condition translated into a json-logic rule that
// evaluates to 1 (pass), 0 (fail) or 0.5 (unknown: a value was missing) — Kleene's logic as
// `min` / `max` / `1 - x` — and, for a check that comes out unknown, a second rule listing the
// missing values. json-logic lacks some of the operators, so they are added with
// add_operation, as a json-logic user would.

import jsonLogic, { type RulesLogic } from "json-logic-js";
import {
  ABSENCE_AWARE_OPERATORS,
  CUSTOM_OPERATORS,
  isAbsent,
} from "../../src/evaluate/operators.js";
import type { UnknownLeaf } from "../../src/evaluate/three-valued.js";
import {
  type Condition,
  type FactSource,
  isLeaf,
  type LeafCondition,
} from "../../src/model/condition.js";
import type { MatterFile } from "../../src/model/matter.js";
import { assemble, type CheckResult, type PreparedInput, type Summary } from "./host.js";

// biome-ignore lint/suspicious/noExplicitAny: json-logic operations take any arguments
type Logic = RulesLogic<Record<string, (...args: any[]) => unknown>>;

let registered = false;

function registerOperations(): void {
  if (registered) return;
  registered = true;
  for (const [name, evaluate] of Object.entries(CUSTOM_OPERATORS)) {
    jsonLogic.add_operation(name, (a: unknown, b: unknown) => evaluate(a, b));
  }
  jsonLogic.add_operation(
    "numeric",
    (a: unknown) => Number.parseFloat(a as string).toString() !== "NaN",
  );
  jsonLogic.add_operation("isArray", (a: unknown) => Array.isArray(a));
  jsonLogic.add_operation("isAbsent", (a: unknown) => isAbsent(a));
}

const v = (fact: string, path: string): Logic => ({ var: `${fact}.${path}` }) as Logic;

function comparison(leaf: LeafCondition, a: Logic, b: Logic): Logic {
  const op = leaf.operator;
  const numeric = (cmp: string) => ({ and: [{ numeric: [a] }, { [cmp]: [a, b] }] }) as Logic;
  switch (op) {
    case "equal":
      return { "===": [a, b] } as Logic;
    case "notEqual":
      return { "!==": [a, b] } as Logic;
    case "in":
      return { in: [a, b] } as Logic;
    case "notIn":
      return { "!": { in: [a, b] } } as Logic;
    case "contains":
      return { and: [{ isArray: [a] }, { in: [b, a] }] } as Logic;
    case "doesNotContain":
      return { and: [{ isArray: [a] }, { "!": { in: [b, a] } }] } as Logic;
    case "lessThan":
      return numeric("<");
    case "lessThanInclusive":
      return numeric("<=");
    case "greaterThan":
      return numeric(">");
    case "greaterThanInclusive":
      return numeric(">=");
    default:
      return { [op]: [a, b] } as Logic;
  }
}

function isRef(value: unknown): value is { fact: FactSource; path: string } {
  return typeof value === "object" && value !== null && "fact" in value && "path" in value;
}

/** Whether a leaf can be unknown at all (fold: absence-aware operators and materials cannot). */
function canBeUnknown(leaf: LeafCondition): boolean {
  return !ABSENCE_AWARE_OPERATORS.has(leaf.operator) && leaf.fact !== "materials";
}

/** The three-valued rule: 1 pass, 0 fail, 0.5 unknown. */
function tri(condition: Condition): Logic {
  if (isLeaf(condition)) {
    const a = v(condition.fact, condition.path);
    const value = condition.value ?? null;
    const b = isRef(value) ? v(value.fact, value.path) : (value as Logic);
    const test = { if: [comparison(condition, a, b), 1, 0] } as Logic;
    if (!canBeUnknown(condition)) return test;
    const absent = isRef(value)
      ? { or: [{ isAbsent: [a] }, { isAbsent: [b] }] }
      : { isAbsent: [a] };
    return { if: [absent, 0.5, test] } as Logic;
  }
  if ("all" in condition) return { min: condition.all.map(tri) } as Logic;
  if ("any" in condition) return { max: condition.any.map(tri) } as Logic;
  return { "-": [1, tri(condition.not)] } as Logic;
}

/** The rule listing the missing values behind an unknown result, as `fact:path`, in fold order. */
function unknowns(condition: Condition): Logic {
  if (isLeaf(condition)) {
    if (!canBeUnknown(condition)) return [] as unknown as Logic;
    const value = condition.value ?? null;
    const parts: Logic[] = [
      {
        if: [
          { isAbsent: [v(condition.fact, condition.path)] },
          [`${condition.fact}:${condition.path}`],
          [],
        ],
      } as Logic,
    ];
    if (isRef(value)) {
      parts.push({
        if: [{ isAbsent: [v(value.fact, value.path)] }, [`${value.fact}:${value.path}`], []],
      } as Logic);
    }
    return { merge: parts } as Logic;
  }
  if ("not" in condition) return unknowns(condition.not);
  const children = "all" in condition ? condition.all : condition.any;
  return { if: [{ "==": [tri(condition), 0.5] }, { merge: children.map(unknowns) }, []] } as Logic;
}

function toLeaves(list: unknown): UnknownLeaf[] {
  return (list as string[]).map((item) => {
    const at = item.indexOf(":");
    return { fact: item.slice(0, at) as FactSource, path: item.slice(at + 1) };
  });
}

const TRI = { 1: "pass", 0: "fail", 0.5: "unknown" } as const;

export function jsonLogicImpl(matter: MatterFile) {
  registerOperations();
  const compile = (c: Condition | undefined) =>
    c ? { tri: tri(c), unknowns: unknowns(c) } : undefined;
  const standards = matter.standards.map((s) => ({
    when: compile(s.when),
    require: compile(s.require),
  }));
  const materials = matter.materials.map((m) => compile(m.requiredWhen));

  type Rule = { tri: Logic; unknowns: Logic };
  const evaluate = (rule: Rule, data: object): CheckResult => {
    const value = TRI[jsonLogic.apply(rule.tri, data) as 0 | 0.5 | 1];
    return {
      value,
      unknowns: value === "unknown" ? toLeaves(jsonLogic.apply(rule.unknowns, data)) : [],
    };
  };

  return function decide(input: PreparedInput): Summary {
    const data = input.facts;
    return assemble(matter, input, {
      when(index) {
        const when = standards[index]?.when;
        return when ? evaluate(when, data) : undefined;
      },
      require(index) {
        return evaluate((standards[index] as (typeof standards)[number]).require as Rule, data);
      },
      material(index) {
        const rule = materials[index];
        return rule ? evaluate(rule, data) : { value: "pass", unknowns: [] };
      },
    });
  };
}
