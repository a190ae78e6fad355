import { ABSENCE_AWARE_OPERATORS, isAbsent } from "../../evaluate/operators.js";
import type { FactSource, LeafCondition } from "../../model/condition.js";
import type { FactDomain } from "./fact-domain.js";
import type { Conjunct, Literal } from "./normal-form.js";
import { mentionedValues, operatorResult } from "./operator-semantics.js";

/** Why some literals can never hold together: they disagree about one fact. */
export interface Conflict {
  fact: FactSource;
  path: string;
  literals: Literal[];
  domain: FactDomain;
}

export type Possibility = { possible: true } | { possible: false; conflict: Conflict };

export type DomainOf = (fact: FactSource, path: string) => FactDomain;

interface Constraint {
  literal: Literal;
  /** `ref`: the fact named in the literal's `value` (`{ fact, path }`), which must be present. */
  side: "fact" | "ref";
}

/**
 * Whether any of the alternatives can hold. Facts are treated as independent (a derived age
 * and the ID number it comes from may take any values), which can only make more things look
 * possible: when this says impossible, no application can make it hold. Each fact is tried
 * with absent, every value its domain allows when finite, and otherwise with the values the
 * literals mention, values between and beyond them, and a value equal to none of them.
 *
 * `memo` keeps, across calls on one matter, whether each set of constraints on a fact can be
 * met (keyed by the leaves' identities, so one memo must serve one set of domains only).
 *
 * @example
 * possibility([[ageAtLeast18, ageBelow16]], domainOf); // { possible: false, conflict: { path: "…age", … } }
 */
export function possibility(
  alternatives: readonly Conjunct[] | undefined,
  domainOf: DomainOf,
  memo: Map<string, boolean> = new Map(),
): Possibility {
  if (alternatives === undefined) return { possible: true };
  let first: Conflict | undefined;
  for (const conjunct of alternatives) {
    const conflict = conjunctConflict(conjunct, domainOf, memo);
    if (conflict === undefined) return { possible: true };
    first ??= conflict;
  }
  if (first === undefined) return { possible: true };
  return { possible: false, conflict: first };
}

function conjunctConflict(
  conjunct: Conjunct,
  domainOf: DomainOf,
  memo: Map<string, boolean>,
): Conflict | undefined {
  // The constraints on each fact, in the order met; conjuncts are short, so a list will do.
  const groups: Array<{ fact: FactSource; path: string; constraints: Constraint[] }> = [];
  const add = (fact: FactSource, path: string, constraint: Constraint) => {
    for (const group of groups) {
      if (group.fact === fact && group.path === path) {
        group.constraints.push(constraint);
        return;
      }
    }
    groups.push({ fact, path, constraints: [constraint] });
  };
  for (const literal of conjunct) {
    add(literal.leaf.fact, literal.leaf.path, { literal, side: "fact" });
    const ref = factRef(literal.leaf.value);
    if (ref) add(ref.fact, ref.path, { literal, side: "ref" });
  }
  for (const { fact, path, constraints } of groups) {
    let memoKey = `${fact}\u0000${path}\u0000`;
    for (const constraint of constraints) memoKey += `${constraintKey(constraint)},`;
    let satisfied = memo.get(memoKey);
    const domain = domainOf(fact, path);
    if (satisfied === undefined) {
      satisfied = candidates(domain, constraints).some((value) =>
        constraints.every((c) => holds(c, value)),
      );
      memo.set(memoKey, satisfied);
    }
    if (!satisfied) {
      return { fact, path, literals: constraints.map((c) => c.literal), domain };
    }
  }
  return undefined;
}

/** Leaves by identity: the same comparison, wherever a normal form has copied it to. */
const leafIds = new WeakMap<LeafCondition, number>();
let nextLeafId = 0;

function constraintKey({ literal, side }: Constraint): string {
  let id = leafIds.get(literal.leaf);
  if (id === undefined) {
    id = nextLeafId++;
    leafIds.set(literal.leaf, id);
  }
  return `${id}${literal.negated ? "!" : ""}${side === "ref" ? "r" : ""}`;
}

function holds({ literal, side }: Constraint, value: unknown): boolean {
  const { leaf, negated } = literal;
  // Mirrors the three-valued fold: these answer definitely even on a missing value.
  const alwaysKnown = ABSENCE_AWARE_OPERATORS.has(leaf.operator) || leaf.fact === "materials";
  if (!alwaysKnown && isAbsent(value)) return false;
  if (side === "ref" || factRef(leaf.value)) return true;
  const result = operatorResult(leaf.operator, value, leaf.value);
  return result === undefined || result === !negated;
}

function candidates(domain: FactDomain, constraints: readonly Constraint[]): unknown[] {
  if (domain.values) return [undefined, ...domain.values.filter((v) => !isAbsent(v))];
  const allows = (type: string) =>
    domain.types === undefined ||
    domain.types.has(type as never) ||
    (type === "number" && domain.types.has("integer"));
  const mentioned = constraints
    .filter((c) => c.side === "fact" && !factRef(c.literal.leaf.value))
    .flatMap((c) => mentionedValues(c.literal.leaf.operator, c.literal.leaf.value));
  const out: unknown[] = [undefined];
  if (allows("string")) {
    const strings = mentioned.filter((v): v is string => typeof v === "string");
    out.push("\u0000other", ...strings, ...strings.map((s) => `${s}\u0000other`));
  }
  if (allows("number")) out.push(...numbers(domain, mentioned));
  if (allows("boolean")) out.push(true, false);
  if (allows("array")) out.push(["\u0000other"]);
  if (allows("object")) out.push({});
  return out;
}

/** A number in every interval the mentioned numbers and the schema's bounds cut the line into. */
function numbers(domain: FactDomain, mentioned: readonly unknown[]): number[] {
  const integer = domain.types !== undefined && !domain.types.has("number");
  const points = [
    ...mentioned.filter((v): v is number => typeof v === "number" && Number.isFinite(v)),
    ...[domain.minimum, domain.maximum, domain.exclusiveMinimum, domain.exclusiveMaximum].filter(
      (v): v is number => v !== undefined,
    ),
    0,
  ].sort((a, b) => a - b);
  const tries = new Set<number>();
  points.forEach((p, i) => {
    tries.add(p);
    tries.add(p - 1);
    tries.add(p + 1);
    const next = points[i + 1];
    if (next !== undefined && next > p) tries.add(integer ? Math.floor(p) + 1 : (p + next) / 2);
  });
  return [...tries].filter(
    (n) =>
      (!integer || Number.isInteger(n)) &&
      (domain.minimum === undefined || n >= domain.minimum) &&
      (domain.maximum === undefined || n <= domain.maximum) &&
      (domain.exclusiveMinimum === undefined || n > domain.exclusiveMinimum) &&
      (domain.exclusiveMaximum === undefined || n < domain.exclusiveMaximum),
  );
}

function factRef(value: LeafCondition["value"]): { fact: FactSource; path: string } | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { fact, path } = value as { fact?: unknown; path?: unknown };
  return typeof fact === "string" && typeof path === "string"
    ? { fact: fact as FactSource, path }
    : undefined;
}
