import type { Condition, LeafCondition } from "../model/condition.js";
import { isLeaf } from "../model/is-leaf.js";
import { CUSTOM_OPERATORS } from "./operators.js";
import { resolvePath, resolveSegments, segmentsOf } from "./path-resolver.js";
import type { EvaluatedCondition } from "./three-valued.js";

/** The facts a condition reads, by fact id (`data`, `evidence`, `derived`, `materials`). */
export type FactValues = Readonly<Record<string, unknown>>;

/** A condition compiled to a synchronous function giving the evaluated tree. */
export type CompiledCondition = (facts: FactValues) => EvaluatedCondition;

interface OperatorImpl {
  /** json-rules-engine's `factValueValidator`: when it fails, the comparison is false. */
  readonly accepts: (factValue: unknown) => boolean;
  readonly compare: (factValue: unknown, compareTo: unknown) => boolean;
}

type Indexable = { indexOf(item: unknown): number };
const anyValue = () => true;
// engine-default-operators.js, json-rules-engine 7.3.1, expression for expression: the same
// coercions, the same validators and the same TypeErrors on values of the wrong type.
const isNumeric = (value: unknown) => Number.parseFloat(value as string).toString() !== "NaN";
const lt = (a: unknown, b: unknown) => (a as number) < (b as number);
const le = (a: unknown, b: unknown) => (a as number) <= (b as number);
const gt = (a: unknown, b: unknown) => (a as number) > (b as number);
const ge = (a: unknown, b: unknown) => (a as number) >= (b as number);

const BUILT_IN: ReadonlyArray<[string, OperatorImpl]> = [
  ["equal", { accepts: anyValue, compare: (a, b) => a === b }],
  ["notEqual", { accepts: anyValue, compare: (a, b) => a !== b }],
  ["in", { accepts: anyValue, compare: (a, b) => (b as Indexable).indexOf(a) > -1 }],
  ["notIn", { accepts: anyValue, compare: (a, b) => (b as Indexable).indexOf(a) === -1 }],
  ["contains", { accepts: Array.isArray, compare: (a, b) => (a as Indexable).indexOf(b) > -1 }],
  [
    "doesNotContain",
    { accepts: Array.isArray, compare: (a, b) => (a as Indexable).indexOf(b) === -1 },
  ],
  ["lessThan", { accepts: isNumeric, compare: lt }],
  ["lessThanInclusive", { accepts: isNumeric, compare: le }],
  ["greaterThan", { accepts: isNumeric, compare: gt }],
  ["greaterThanInclusive", { accepts: isNumeric, compare: ge }],
];

/** Built-ins first, then the library's own operators, as `ConditionEvaluator` registers them. */
const OPERATORS: ReadonlyMap<string, OperatorImpl> = new Map([
  ...BUILT_IN,
  ...Object.entries(CUSTOM_OPERATORS).map(([name, evaluate]): [string, OperatorImpl] => [
    name,
    { accepts: anyValue, compare: evaluate },
  ]),
]);

/**
 * Compiles a condition (the rule-file JSON that json-rules-engine runs) into a synchronous
 * function that gives the same evaluated tree json-rules-engine 7.3.1 gives through
 * `ConditionEvaluator` — every leaf with `factResult`, `valueResult` and `result`, every `all` / `any` /
 * `not` with `result` — without promises, deep clones or per-run engine state. Its semantics
 * are json-rules-engine's, reproduced exactly:
 *
 * - facts are looked up by own id (an unknown fact reads `undefined`, as with
 *   `allowUndefinedFacts`); a `path` is read with the same dot-path resolver, and only from an
 *   object value (a scalar fact is returned whole, as json-rules-engine does);
 * - a `value` that is an object with an own `fact` key is a fact reference, resolved the same way;
 * - operators apply their validator first (`parseFloat(x).toString() !== 'NaN'` for the numeric
 *   ones, `Array.isArray` for `contains` / `doesNotContain`) and are otherwise the same
 *   expressions, so a value of the wrong type throws the same TypeError;
 * - every leaf is evaluated, none is short-circuited (no priorities, as in the rule files);
 *   `all` / `any` of nothing is `true`; an unknown operator throws `Unknown operator: …`.
 *
 * A throw anywhere fails the whole evaluation, as a rejected `run()` does. The differential
 * test (test/evaluate/differential.test.ts) holds the two engines to the same results.
 *
 * @example
 * const evaluate = compileCondition({ fact: "data", path: "age", operator: "greaterThan", value: 17 });
 * evaluate({ data: { age: 18 } }).result; // true
 */
export function compileCondition(condition: Condition): CompiledCondition {
  if (isLeaf(condition)) return compileLeaf(condition);
  if ("all" in condition) return compileGroup("all", condition.all);
  if ("any" in condition) return compileGroup("any", condition.any);
  const inner = compileCondition(condition.not);
  return (facts) => {
    const not = inner(facts);
    return { not, result: !passes(not) };
  };
}

function compileGroup(kind: "all" | "any", conditions: readonly Condition[]): CompiledCondition {
  const parts = conditions.map(compileCondition);
  const count = parts.length;
  return (facts) => {
    const trees: EvaluatedCondition[] = new Array(count);
    let every = true;
    let some = false;
    for (let i = 0; i < count; i++) {
      const tree = (parts[i] as CompiledCondition)(facts);
      trees[i] = tree;
      if (passes(tree)) some = true;
      else every = false;
    }
    // As json-rules-engine: an empty group is true, a group of one is its member's result,
    // else every (all) or some (any) member passes.
    const result = count === 0 ? true : count === 1 ? some : kind === "all" ? every : some;
    return kind === "all" ? { all: trees, result } : { any: trees, result };
  };
}

/** How json-rules-engine's rule.js reads a sub-result: `=== true`. */
function passes(tree: EvaluatedCondition): boolean {
  return tree.result === true;
}

function compileLeaf(leaf: LeafCondition): CompiledCondition {
  const { fact, path, operator } = leaf;
  // json-rules-engine needs a `value` on every leaf; ConditionEvaluator gives `null` when there is none.
  const value = frozenCopy(leaf.value === undefined ? null : leaf.value);
  const impl = OPERATORS.get(operator);
  if (impl === undefined) {
    return () => {
      throw new Error(`Unknown operator: ${operator}`);
    };
  }
  const { accepts, compare } = impl;
  const readFact = compileRead(fact, path);
  if (!isFactReference(value)) {
    return (facts) => {
      const factResult = readFact(facts);
      const result = accepts(factResult) && compare(factResult, value);
      return { fact, path, operator, value, factResult, valueResult: value, result };
    };
  }
  const readValue = compileRead(value.fact, value.path);
  return (facts) => {
    const valueResult = readValue(facts);
    const factResult = readFact(facts);
    const result = accepts(factResult) && compare(factResult, valueResult);
    return { fact, path, operator, value, factResult, valueResult, result };
  };
}

/** almanac.getValue: an object with an own `fact` key is read as a fact. */
function isFactReference(value: unknown): value is { fact: unknown; path?: unknown } {
  return value !== null && typeof value === "object" && Object.hasOwn(value, "fact");
}

type Read = (facts: FactValues) => unknown;

/**
 * almanac.factValue with `allowUndefinedFacts`, and `resolvePath` (ConditionEvaluator's path resolver)
 * with the path split once: a fact that is not there reads `undefined`; without a path, or when
 * the fact is not an object, the fact itself; else what resolvePath reads (the own property at
 * each segment, never a prototype key) — the same code, not a copy of it.
 */
function compileRead(id: unknown, path: unknown): Read {
  if (typeof id !== "string") return () => undefined;
  if (!path) return (facts) => (Object.hasOwn(facts, id) ? facts[id] : undefined);
  if (typeof path !== "string") {
    // Not a path json-rules-engine could resolve either: the same resolver, the same TypeError.
    return (facts) => {
      const value = Object.hasOwn(facts, id) ? facts[id] : undefined;
      return value === null || typeof value !== "object"
        ? value
        : resolvePath(value, path as string);
    };
  }
  // resolvePath itself (path-resolver.ts), with the path split once, here.
  const segments = segmentsOf(path);
  return (facts) => {
    if (!Object.hasOwn(facts, id)) return undefined;
    const value = facts[id];
    return value === null || typeof value !== "object" ? value : resolveSegments(value, segments);
  };
}

/**
 * A deep, frozen copy of a condition's value, so that no evaluated tree can change the rules
 * (json-rules-engine hands out a fresh deep clone on every run instead). Prototypes are kept,
 * as json-rules-engine's `clone` keeps them: an object without one compares differently.
 */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? []
    : Object.create(Object.getPrototypeOf(value));
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: frozenCopy((value as Record<string, unknown>)[key]),
      enumerable: true,
    });
  }
  return Object.freeze(copy) as T;
}
