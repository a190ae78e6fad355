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
  unknowns: readonly UnknownLeaf[];
}

/**
 * The values removed before evaluation because they failed their input schema (see
 * input-facts.ts), each as `fact` (the whole fact) or `fact.path`. A leaf that reads one of
 * them, or reads inside one, is unknown whatever its operator: `present` and `absent` too,
 * which would otherwise read the removed value as absent — a malformed field is not a missing
 * one, and its correction must not be followed by a second notice for what depends on its
 * presence (一次性告知).
 */
export type Unreadable = readonly string[];

/** Nothing unreadable: a valid application. */
export const ALL_READABLE: Unreadable = Object.freeze([]);

// Known results carry no unknowns: one shared, frozen result each, instead of a new one per node.
const NONE: readonly UnknownLeaf[] = Object.freeze([]);
const PASS: TriResult = Object.freeze({ value: "pass", unknowns: NONE });
const FAIL: TriResult = Object.freeze({ value: "fail", unknowns: NONE });

/**
 * Folds an evaluated condition tree into Kleene's three-valued logic. A leaf that read a
 * missing value is `unknown` (never `false`: with json-rules-engine alone, a missing path is
 * false, and `not` of it would pass), and so is a leaf that read a value in `unreadable`,
 * whatever its operator. `all` fails if any part fails, `any` passes if any part
 * passes; otherwise a single unknown part makes the whole unknown.
 *
 * @example
 * fold({ all: [{ fact: "data", path: "a", operator: "equal", factResult: undefined, result: false }] });
 * // { value: "unknown", unknowns: [{ fact: "data", path: "a" }] }
 */
export function fold(node: EvaluatedCondition, unreadable: Unreadable = ALL_READABLE): TriResult {
  if (node.all) return combine(node.all, "fail", unreadable);
  if (node.any) return combine(node.any, "pass", unreadable);
  if (node.not) {
    const inner = fold(node.not, unreadable);
    if (inner.value === "unknown") return inner;
    return inner.value === "pass" ? FAIL : PASS;
  }
  if (unreadable.length > 0) {
    const unknowns = unreadableReads(node, unreadable);
    if (unknowns !== undefined) return { value: "unknown", unknowns };
  }
  return leaf(node);
}

/** The leaf's reads (its fact, and a fact its `value` refers to) that fall in `unreadable`. */
function unreadableReads(
  node: EvaluatedCondition,
  unreadable: Unreadable,
): UnknownLeaf[] | undefined {
  let unknowns: UnknownLeaf[] | undefined;
  if (node.fact !== "materials" && isUnreadable(node.fact, node.path, unreadable)) {
    unknowns = [ref(node.fact, node.path)];
  }
  const compareTo = node.value;
  if (isFactRef(compareTo) && isUnreadable(compareTo.fact, compareTo.path, unreadable)) {
    const leaf = ref(compareTo.fact, compareTo.path);
    if (unknowns === undefined) unknowns = [leaf];
    else unknowns.push(leaf);
  }
  return unknowns;
}

/** Whether `fact.path` is an unreadable value or lies inside one. */
export function isUnreadable(fact: unknown, path: unknown, unreadable: Unreadable): boolean {
  if (typeof fact !== "string") return false;
  const key = typeof path === "string" && path !== "" ? `${fact}.${path}` : fact;
  for (const removed of unreadable) {
    if (
      key === removed ||
      (key.length > removed.length && key.startsWith(removed) && key[removed.length] === ".")
    ) {
      return true;
    }
  }
  return false;
}

function leaf(node: EvaluatedCondition): TriResult {
  // A material not submitted is a known fact, not a missing one.
  if (!ABSENCE_AWARE_OPERATORS.has(node.operator ?? "") && node.fact !== "materials") {
    let unknowns: UnknownLeaf[] | undefined;
    if (isAbsent(node.factResult)) unknowns = [ref(node.fact, node.path)];
    const compareTo = node.value as { fact?: string; path?: string } | undefined;
    if (isFactRef(compareTo) && isAbsent(node.valueResult)) {
      const leaf = ref(compareTo.fact, compareTo.path);
      if (unknowns === undefined) unknowns = [leaf];
      else unknowns.push(leaf);
    }
    if (unknowns !== undefined) return { value: "unknown", unknowns };
  }
  return node.result === true ? PASS : FAIL;
}

/**
 * `decisive` is the value that settles the whole: fail for `all`, pass for `any`. Every part is
 * folded; the unknowns of the unknown parts are kept, in order, for when nothing settles it.
 */
function combine(
  children: readonly EvaluatedCondition[],
  decisive: Tri,
  unreadable: Unreadable,
): TriResult {
  let settled = false;
  let unknowns: UnknownLeaf[] | undefined;
  for (const child of children) {
    const part = fold(child, unreadable);
    if (part.value === decisive) settled = true;
    else if (part.value === "unknown" && !settled) {
      if (unknowns === undefined) unknowns = [];
      for (const leaf of part.unknowns) unknowns.push(leaf);
    }
  }
  if (settled) return decisive === "fail" ? FAIL : PASS;
  if (unknowns !== undefined) return { value: "unknown", unknowns };
  return decisive === "fail" ? PASS : FAIL;
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
    into[leafKey(node.fact, node.path)] = node.factResult ?? null;
  }
  return into;
}

/**
 * `fact.path`, built once per leaf of the rules rather than on every decision: a key made by
 * concatenation has to be flattened and looked up in the string table each time it is stored.
 */
const leafKeys = new Map<string, Map<string, string>>();

function leafKey(fact: string, path: string): string {
  let byPath = leafKeys.get(fact);
  if (byPath === undefined) {
    byPath = new Map();
    leafKeys.set(fact, byPath);
  }
  let key = byPath.get(path);
  if (key === undefined) {
    key = `${fact}.${path}`;
    // Bounded: paths come from rule files, but a tree could be built from anything.
    if (byPath.size < 65_536) byPath.set(path, key);
  }
  return key;
}
