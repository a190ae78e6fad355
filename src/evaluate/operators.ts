import type { OperatorName } from "../model/condition.js";
import { linearPattern } from "./linear-pattern.js";

type Evaluate = (factValue: unknown, compareTo: unknown) => boolean;

/** Whether a value counts as absent: undefined, null, an empty string or an empty array. */
export function isAbsent(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

const length = (value: unknown): number | undefined =>
  typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : undefined;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The library's own operators, registered on every engine. They never throw: a value of the
 * wrong type makes the comparison false (a failed standard), never true. Lengths count code
 * points, so a rare CJK character outside the BMP counts once.
 */
export const CUSTOM_OPERATORS: Partial<Record<OperatorName, Evaluate>> = {
  present: (value) => !isAbsent(value),
  absent: (value) => isAbsent(value),
  lengthAtLeast: (value, n) => {
    const l = length(value);
    return l !== undefined && typeof n === "number" && l >= n;
  },
  lengthAtMost: (value, n) => {
    const l = length(value);
    return l !== undefined && typeof n === "number" && l <= n;
  },
  everyIn: (value, list) =>
    Array.isArray(value) && value.length > 0 && value.every((v) => asList(list).includes(v)),
  noneIn: (value, list) => Array.isArray(value) && !value.some((v) => asList(list).includes(v)),
  startsWith: (value, prefix) =>
    typeof value === "string" &&
    typeof prefix === "string" &&
    prefix !== "" &&
    value.startsWith(prefix),
  // Patterns are vetted literals (a pattern read from a fact is refused: invalid-operand.ts),
  // matched in linear time by RE2 (linear-pattern.ts); one RE2 cannot compile, which the
  // validator refuses, matches nothing rather than throwing.
  matches: (value, pattern) =>
    typeof value === "string" && typeof pattern === "string" && compiled(pattern)(value),
};

const NEVER = () => false;

function compiled(pattern: string): (text: string) => boolean {
  try {
    return linearPattern(pattern).test;
  } catch {
    return NEVER;
  }
}

/** Operators whose answer on a missing value is definite rather than unknown. */
export const ABSENCE_AWARE_OPERATORS: ReadonlySet<string> = new Set(["present", "absent"]);
