import { type Condition, isLeaf, type LeafCondition } from "../../model/condition.js";

export type Segments = ReadonlyArray<string | number>;

/** A leaf comparison that must hold (`negated`: must be false, with its values known). */
export interface Literal {
  leaf: LeafCondition;
  negated: boolean;
  /** Where the leaf is in the rule file. */
  at: Segments;
}

/** Literals that must all hold together. */
export type Conjunct = readonly Literal[];

/** Beyond this many alternatives the lint gives up on a condition (and reports nothing). */
const MAX_CONJUNCTS = 512;

/**
 * The ways a condition can hold, as alternatives of literals (disjunctive normal form). In
 * the three-valued logic of decisions, `not` holds exactly when its part is false with every
 * value known, so negations can be pushed down to the leaves (De Morgan holds in Kleene's
 * logic). With `negated`, the ways the condition can be false. Undefined when too large.
 *
 * @example
 * disjuncts({ any: [a, { all: [b, c] }] }, false, ["when"]); // [[a], [b, c]]
 */
export function disjuncts(
  condition: Condition,
  negated: boolean,
  at: Segments,
): Conjunct[] | undefined {
  if (isLeaf(condition)) return [[{ leaf: condition, negated, at }]];
  if ("not" in condition) return disjuncts(condition.not, !negated, [...at, "not"]);
  const [key, parts] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
  const alternatives = parts.map((part, i) => disjuncts(part, negated, [...at, key, i]));
  if (alternatives.some((a) => a === undefined)) return undefined;
  const lists = alternatives as Conjunct[][];
  const conjunctive = (key === "all") !== negated;
  return conjunctive ? product(lists) : union(lists);
}

/** The ways two conditions can both hold: every pairing of their alternatives. */
export function product(lists: readonly (readonly Conjunct[])[]): Conjunct[] | undefined {
  if (lists.length === 1) return lists[0] as Conjunct[];
  let result: Conjunct[] = [[]];
  for (const list of lists) {
    if (result.length * list.length > MAX_CONJUNCTS) return undefined;
    result = result.flatMap((left) => list.map((right) => [...left, ...right]));
  }
  return result;
}

function union(lists: readonly (readonly Conjunct[])[]): Conjunct[] | undefined {
  const result = lists.flat();
  return result.length > MAX_CONJUNCTS ? undefined : result;
}
