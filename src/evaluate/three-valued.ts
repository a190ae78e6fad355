import type { Condition, FactSource } from "../model/condition.js";
import { isLeaf } from "../model/is-leaf.js";
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

// Known results carry no unknowns: one shared, frozen result each, instead of a new one per node.
const NONE: readonly UnknownLeaf[] = Object.freeze([]);
const PASS: TriResult = Object.freeze({ value: "pass", unknowns: NONE });
const FAIL: TriResult = Object.freeze({ value: "fail", unknowns: NONE });

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
  return foldVisit(node, undefined);
}

/**
 * The one walk behind fold and foldPlanned: every node is visited, in order, none skipped
 * (`walk`, when given, records the value each leaf read as it goes).
 */
function foldVisit(node: EvaluatedCondition, walk: PlannedWalk | undefined): TriResult {
  if (node.all) return combine(node.all, "fail", walk);
  if (node.any) return combine(node.any, "pass", walk);
  if (node.not) {
    const inner = foldVisit(node.not, walk);
    if (inner.value === "unknown") return inner;
    return inner.value === "pass" ? FAIL : PASS;
  }
  if (walk !== undefined) record(node, walk);
  return leaf(node);
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
  walk: PlannedWalk | undefined,
): TriResult {
  let settled = false;
  let unknowns: UnknownLeaf[] | undefined;
  for (const child of children) {
    const part = foldVisit(child, walk);
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
 * The `fact.path` key of each leaf of a condition, in the order leafValues meets them, made
 * once per condition so that evaluated trees need no key look-up (see foldPlanned).
 */
export interface LeafPlan {
  readonly facts: readonly unknown[];
  readonly paths: readonly unknown[];
  readonly keys: readonly (string | undefined)[];
}

export function leafPlan(condition: Condition): LeafPlan {
  const facts: unknown[] = [];
  const paths: unknown[] = [];
  const keys: (string | undefined)[] = [];
  const visit = (c: Condition): void => {
    if (isLeaf(c)) {
      facts.push(c.fact);
      paths.push(c.path);
      keys.push(c.fact !== undefined && c.path !== undefined ? `${c.fact}.${c.path}` : undefined);
    } else if ("all" in c) c.all.forEach(visit);
    else if ("any" in c) c.any.forEach(visit);
    else visit(c.not);
  };
  try {
    visit(condition);
  } catch {
    // Not a condition a tree could come from: no plan, every leaf keyed as leafValues keys it.
    return { facts: [], paths: [], keys: [] };
  }
  return { facts, paths, keys };
}

/**
 * `fold(node)`, also recording the value each leaf read into `into` as leafValues records it
 * (same keys, same order), in the same walk. A leaf whose fact and path are the plan's at its
 * place takes the plan's key (the text leafKey makes of them); any other leaf is keyed as
 * leafValues keys it, so the result never depends on the plan matching the tree.
 *
 * @example
 * const values = {};
 * foldPlanned(tree, leafPlan(condition), values).value; // "pass", and values holds what it read
 */
export function foldPlanned(
  node: EvaluatedCondition,
  plan: LeafPlan,
  into: Record<string, unknown>,
  /** Applied to every object value (not to null or scalars); values are kept as is without. */
  copy?: (value: object) => unknown,
): TriResult {
  return foldVisit(node, { plan, into, copy, next: 0 });
}

interface PlannedWalk {
  readonly plan: LeafPlan;
  readonly into: Record<string, unknown>;
  readonly copy: ((value: object) => unknown) | undefined;
  /** The plan index of the next leaf. */
  next: number;
}

/** Records the value a leaf read, keyed by the plan when it matches the leaf. */
function record(node: EvaluatedCondition, walk: PlannedWalk): void {
  const { plan, copy } = walk;
  const index = walk.next++;
  const { fact, path } = node;
  if (fact === undefined || path === undefined) return;
  const key =
    plan.facts[index] === fact && plan.paths[index] === path
      ? (plan.keys[index] as string)
      : leafKey(fact, path);
  const value = node.factResult ?? null;
  walk.into[key] =
    copy !== undefined && value !== null && typeof value === "object" ? copy(value) : value;
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
