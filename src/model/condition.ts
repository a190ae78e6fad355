import { z } from "zod";
import { DotPathSchema } from "./common.js";

/**
 * Where a condition reads its value from:
 * - `data`: what the applicant declared (missing → the applicant is asked for it);
 * - `evidence`: what the calling system verified (missing → a human must look);
 * - `derived`: values computed from the others by a named function (age from an ID number);
 * - `materials`: how each material was submitted, by material id (`GT-M05` → `"upload"`).
 */
export const FACT_SOURCES = ["data", "evidence", "derived", "materials"] as const;
export const FactSourceSchema = z.enum(FACT_SOURCES);
export type FactSource = z.infer<typeof FactSourceSchema>;

/**
 * Operators a condition may use: json-rules-engine's built-ins plus fail-safe extras.
 * `present` and `absent` are the only operators that give a definite answer on a missing
 * value; every other operator on a missing value makes the condition `unknown`.
 */
export const OPERATORS = [
  "equal",
  "notEqual",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  "present",
  "absent",
  "lengthAtLeast",
  "lengthAtMost",
  "everyIn",
  "noneIn",
  "startsWith",
  "matches",
] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type OperatorName = z.infer<typeof OperatorSchema>;

/** Operators that take no `value`. */
export const UNARY_OPERATORS: ReadonlySet<OperatorName> = new Set(["present", "absent"]);

/** A reference to another fact, usable as a condition's `value` (fact-to-fact comparison). */
export const FactRefSchema = z.strictObject({
  fact: FactSourceSchema,
  path: DotPathSchema,
});
export type FactRef = z.infer<typeof FactRefSchema>;

/** One comparison: the value at `fact`/`path`, the operator, and the value to compare with. */
export const LeafConditionSchema = z.strictObject({
  fact: FactSourceSchema,
  path: DotPathSchema,
  operator: OperatorSchema,
  value: z.union([FactRefSchema, z.json()]).optional(),
});
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

export type Condition =
  | LeafCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * A json-rules-engine condition tree restricted to `all` / `any` / `not` / leaf, without
 * priorities (so every leaf is evaluated and each gets a result) and without named conditions.
 */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafConditionSchema,
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

export { isLeaf } from "./is-leaf.js";
