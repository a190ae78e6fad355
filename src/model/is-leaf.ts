import type { Condition, LeafCondition } from "./condition.js";

// Apart from condition.ts (which defines zod schemas, and whose importers therefore load zod):
// the evaluator, the guide and the browser entry need this test without the schemas.

/** Whether a condition node is a leaf comparison. */
export function isLeaf(condition: Condition): condition is LeafCondition {
  return "fact" in condition;
}
