import { linearPatternError } from "../../evaluate/linear-pattern.js";
import type { Issue } from "../../model/issue.js";
import { conditionRoots, leavesOf } from "../conditions/condition-roots.js";
import type { Segments } from "../conditions/normal-form.js";
import type { MatterLintContext, MatterRule } from "../lint-context.js";

/**
 * `invalid-regex` (error): a regular expression that does not compile. `unsupported-regex`
 * (error): one that is valid JavaScript but that RE2, the linear-time matcher every rule-file
 * pattern runs on (src/evaluate/linear-pattern.ts), cannot express — backreferences, lookahead
 * and lookbehind, `\u` escapes (RE2 writes `\x{4E00}`). Both are checked in the patterns of
 * `matches` comparisons and in the `pattern` / `patternProperties` of the input schemas, since
 * both run on applicant data. No pattern RE2 accepts can backtrack: there is no ReDoS check
 * left to make.
 */
export const linearRegex: MatterRule = (context) => {
  const issues: Issue[] = [];
  for (const { condition, at } of conditionRoots(context.matter)) {
    for (const { leaf, at: leafAt } of leavesOf(condition, at)) {
      if (leaf.operator === "matches" && typeof leaf.value === "string") {
        issues.push(...check(context, leaf.value, [...leafAt, "value"]));
      }
    }
  }
  for (const fact of ["data", "evidence"] as const) {
    for (const { pattern, at } of schemaPatterns(context.matter.input[fact], ["input", fact])) {
      issues.push(...check(context, pattern, at));
    }
  }
  return issues;
};

function check(context: MatterLintContext, pattern: string, at: Segments): Issue[] {
  const reason = linearPatternError(pattern);
  if (reason === undefined) return [];
  let javascript = true;
  try {
    new RegExp(pattern, "u");
  } catch {
    javascript = false;
  }
  return [
    javascript
      ? context.issue(
          "unsupported-regex",
          `the pattern ${JSON.stringify(pattern)} cannot be matched in linear time (RE2 syntax): ${reason}`,
          at,
        )
      : context.issue(
          "invalid-regex",
          `the pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${reason}`,
          at,
        ),
  ];
}

/** Literal data inside a schema is not a schema: its `pattern` keys are not patterns. */
const DATA_KEYWORDS = new Set(["const", "enum", "default", "examples"]);

function schemaPatterns(node: unknown, at: Segments): Array<{ pattern: string; at: Segments }> {
  if (typeof node !== "object" || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => schemaPatterns(item, [...at, i]));
  const found: Array<{ pattern: string; at: Segments }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === "pattern" && typeof value === "string")
      found.push({ pattern: value, at: [...at, key] });
    else if (key === "patternProperties" && typeof value === "object" && value !== null) {
      for (const [pattern, schema] of Object.entries(value)) {
        found.push({ pattern, at: [...at, key, pattern] });
        found.push(...schemaPatterns(schema, [...at, key, pattern]));
      }
    } else found.push(...schemaPatterns(value, [...at, key]));
  }
  return found;
}
