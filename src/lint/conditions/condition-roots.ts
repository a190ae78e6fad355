import { type Condition, isLeaf, type LeafCondition } from "../../model/condition.js";
import type { MatterFile } from "../../model/matter.js";
import type { Segments } from "./normal-form.js";

/** A top-level condition of a matter: a standard's `when` or `require`, a material's `requiredWhen`. */
export interface ConditionRoot {
  condition: Condition;
  at: Segments;
  /** How to name its owner in a message: `standard GT-C02-adult (when)`. */
  owner: string;
}

/**
 * Every top-level condition of a matter, in file order.
 *
 * @example
 * conditionRoots(matter).map((r) => r.owner); // ["standard GT-C01 (require)", …]
 */
export function conditionRoots(
  matter: Pick<MatterFile, "standards" | "materials">,
): ConditionRoot[] {
  const roots: ConditionRoot[] = [];
  matter.standards.forEach((standard, i) => {
    if (standard.when) {
      roots.push({
        condition: standard.when,
        at: ["standards", i, "when"],
        owner: `standard ${standard.id} (when)`,
      });
    }
    roots.push({
      condition: standard.require,
      at: ["standards", i, "require"],
      owner: `standard ${standard.id} (require)`,
    });
  });
  matter.materials.forEach((material, i) => {
    if (material.requiredWhen) {
      roots.push({
        condition: material.requiredWhen,
        at: ["materials", i, "requiredWhen"],
        owner: `material ${material.id} (requiredWhen)`,
      });
    }
  });
  return roots;
}

/**
 * Every leaf of a condition with where it is.
 *
 * @example
 * leavesOf({ all: [a, b] }, ["when"]); // [{ leaf: a, at: ["when", "all", 0] }, …]
 */
export function leavesOf(
  condition: Condition,
  at: Segments,
): Array<{ leaf: LeafCondition; at: Segments }> {
  if (isLeaf(condition)) return [{ leaf: condition, at }];
  if ("not" in condition) return leavesOf(condition.not, [...at, "not"]);
  const [key, parts] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
  return parts.flatMap((part, i) => leavesOf(part, [...at, key, i]));
}

/** Whether a condition's `value` names another fact rather than giving a literal. */
export function isFactRef(value: unknown): value is { fact: string; path: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "fact" in value &&
    "path" in value
  );
}
