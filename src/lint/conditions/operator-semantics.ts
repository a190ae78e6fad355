import { CUSTOM_OPERATORS } from "../../evaluate/operators.js";
import type { OperatorName } from "../../model/condition.js";

/**
 * What an operator answers on a concrete fact value and a literal `value`, as the engine
 * would — or undefined when the lint does not model it for that pair (lengths, regular
 * expressions, list comparisons, strings compared by order): such a comparison is taken to
 * be possibly true and possibly false, so the lint never claims more than it knows.
 *
 * @example
 * operatorResult("greaterThanInclusive", 17, 18); // false
 * operatorResult("lengthAtLeast", "ab", 2); // undefined (not modelled)
 */
export function operatorResult(
  operator: OperatorName,
  fact: unknown,
  value: unknown,
): boolean | undefined {
  switch (operator) {
    case "equal":
      return fact === value;
    case "notEqual":
      return fact !== value;
    case "in":
      return Array.isArray(value) ? value.includes(fact) : undefined;
    case "notIn":
      return Array.isArray(value) ? !value.includes(fact) : undefined;
    case "contains":
    case "doesNotContain":
      // A list may hold anything: only a value that is not a list is definitely refused.
      return Array.isArray(fact) ? undefined : false;
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive":
      return typeof fact === "number" && typeof value === "number"
        ? compare(operator, fact, value)
        : undefined;
    case "present":
    case "absent":
      return CUSTOM_OPERATORS[operator]?.(fact, value);
    case "startsWith":
      return typeof fact === "string" && typeof value === "string"
        ? CUSTOM_OPERATORS.startsWith?.(fact, value)
        : undefined;
    default:
      return undefined;
  }
}

function compare(operator: OperatorName, a: number, b: number): boolean {
  if (operator === "lessThan") return a < b;
  if (operator === "lessThanInclusive") return a <= b;
  if (operator === "greaterThan") return a > b;
  return a >= b;
}

/** The literal values a comparison mentions, from which the lint picks values to try. */
export function mentionedValues(operator: OperatorName, value: unknown): unknown[] {
  if (operator === "in" || operator === "notIn") return Array.isArray(value) ? value : [];
  if (operator === "contains" || operator === "doesNotContain") return [];
  return value === undefined ? [] : [value];
}
