import type { FactSource } from "../model/condition.js";
import { ABSENCE_AWARE_OPERATORS, isAbsent } from "./operators.js";

export type Tri = "pass" | "fail" | "unknown";

/** A leaf whose value was missing: where the missing value should have come from. */
export interface UnknownLeaf {
  fact: FactSource;
  path: string;
}

/** A condition tree after evaluation: every leaf carries the value it read and its result. */
export interface EvaluatedCondition {
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

export interface TriResult {
  value: Tri;
  /** The missing leaves that made the result unknown (empty unless `value` is unknown). */
  unknowns: UnknownLeaf[];
}

/**
 * Folds an evaluated condition tree into Kleene's three-valued logic. A leaf that read a
 * missing value is `unknown` (never `false`: with json-rules-engine alone, a missing path is
 * false, and `not` of it would pass). `all` fails if any part fails, `any` passes if any part
 * passes; otherwise a single unknown part makes the whole unknown.
 *
 * @example
 * fold({ all: [{ fact: "data", path: "a", operator: "equal", factResult: undefined, result: false }] });
 * // { value: "unknown", unknowns: [{ fact: "data", path: "a" }] }
 */
export function fold(node: EvaluatedCondition): TriResult {
  if (node.all) return combine(node.all.map(fold), "fail");
  if (node.any) return combine(node.any.map(fold), "pass");
  if (node.not) {
    const inner = fold(node.not);
    if (inner.value === "unknown") return inner;
    return { value: inner.value === "pass" ? "fail" : "pass", unknowns: [] };
  }
  return leaf(node);
}

function leaf(node: EvaluatedCondition): TriResult {
  // A material not submitted is a known fact, not a missing one.
  if (!ABSENCE_AWARE_OPERATORS.has(node.operator ?? "") && node.fact !== "materials") {
    const unknowns: UnknownLeaf[] = [];
    if (isAbsent(node.factResult)) unknowns.push(ref(node.fact, node.path));
    const compareTo = node.value as { fact?: string; path?: string } | undefined;
    if (isFactRef(compareTo) && isAbsent(node.valueResult)) {
      unknowns.push(ref(compareTo.fact, compareTo.path));
    }
    if (unknowns.length > 0) return { value: "unknown", unknowns };
  }
  return { value: node.result === true ? "pass" : "fail", unknowns: [] };
}

/** `decisive` is the value that settles the whole: fail for `all`, pass for `any`. */
function combine(parts: TriResult[], decisive: Tri): TriResult {
  if (parts.some((p) => p.value === decisive)) return { value: decisive, unknowns: [] };
  const unknown = parts.filter((p) => p.value === "unknown");
  if (unknown.length > 0) return { value: "unknown", unknowns: unknown.flatMap((p) => p.unknowns) };
  return { value: decisive === "fail" ? "pass" : "fail", unknowns: [] };
}

function isFactRef(value: unknown): value is { fact: string; path: string } {
  return typeof value === "object" && value !== null && "fact" in value && "path" in value;
}

function ref(fact: string | undefined, path: string | undefined): UnknownLeaf {
  return { fact: (fact ?? "data") as FactSource, path: path ?? "" };
}

/**
 * The values each leaf read, keyed `fact.path`, for the decision's explanation.
 *
 * @example
 * leafValues({ fact: "derived", path: "operator.age", factResult: 40 }); // { "derived.operator.age": 40 }
 */
export function leafValues(node: EvaluatedCondition, into: Record<string, unknown> = {}) {
  if (node.all) for (const child of node.all) leafValues(child, into);
  else if (node.any) for (const child of node.any) leafValues(child, into);
  else if (node.not) leafValues(node.not, into);
  else if (node.fact !== undefined && node.path !== undefined) {
    into[`${node.fact}.${node.path}`] = node.factResult ?? null;
  }
  return into;
}
