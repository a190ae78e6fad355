import type { LeafCondition } from "../../model/condition.js";
import { conditionRoots, isFactRef, leavesOf } from "../conditions/condition-roots.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `invalid-operand` (error): a comparison whose `value` the operator cannot use — `in` without
 * a list, a length that is not a whole number, `equal` to a list or object (compared by
 * identity, so never equal), `matches` with a pattern taken from a fact (an applicant could
 * then choose a pattern that never finishes matching). Such a comparison either never holds
 * or makes the engine throw, which refers every case.
 */
export const invalidOperand: MatterRule = ({ matter, issue }) =>
  conditionRoots(matter).flatMap(({ condition, at }) =>
    leavesOf(condition, at).flatMap(({ leaf, at: leafAt }) => {
      const problem = operandProblem(leaf);
      return problem ? [issue("invalid-operand", problem, [...leafAt, "value"])] : [];
    }),
  );

function operandProblem({ operator, value }: LeafCondition): string | undefined {
  if (value === undefined) return undefined;
  if (isFactRef(value)) {
    return operator === "matches"
      ? 'operator "matches" needs a literal pattern: a pattern read from a fact could be chosen to make matching take forever'
      : undefined;
  }
  switch (operator) {
    case "in":
    case "notIn":
    case "everyIn":
    case "noneIn":
      return Array.isArray(value) ? undefined : `operator "${operator}" needs a list of values`;
    case "lengthAtLeast":
    case "lengthAtMost":
      return Number.isInteger(value) && (value as number) >= 0
        ? undefined
        : `operator "${operator}" needs a whole number`;
    case "startsWith":
    case "matches":
      return typeof value === "string" && value !== ""
        ? undefined
        : `operator "${operator}" needs a non-empty string`;
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive":
      return typeof value === "number" || typeof value === "string"
        ? undefined
        : `operator "${operator}" needs a number or a string`;
    case "equal":
    case "notEqual":
      return typeof value === "object" && value !== null
        ? `operator "${operator}" compares by identity: a list or an object is never equal to a value of the application`
        : undefined;
    default:
      return undefined;
  }
}
