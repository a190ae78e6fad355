import type { Issue } from "../../model/issue.js";
import { conditionRoots, leavesOf } from "../conditions/condition-roots.js";
import type { Segments } from "../conditions/normal-form.js";
import type { MatterLintContext, MatterRule } from "../lint-context.js";
import { analyseRegex, type RegexVerdict } from "../regex/redos.js";

/**
 * `unsafe-regex` (error): a regular expression that a backtracking matcher can take
 * exponential (or high polynomial) time on — nested or overlapping quantifiers such as
 * `^(a+)+$`, `(a|aa)+`, `(.*a){12}` — or that uses backreferences. `invalid-regex` (error):
 * one that does not compile. Both are checked in the patterns of `matches` comparisons and in
 * the `pattern` / `patternProperties` of the input schemas, since both run on applicant data.
 */
export const unsafeRegex: MatterRule = (context) => {
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

/**
 * Verdicts already reached, by pattern: the analysis is a pure function of the pattern, and
 * the same patterns (ID numbers, credit codes, phone numbers) recur in matter after matter.
 * Bounded, so a stream of distinct patterns cannot grow it without limit.
 */
const verdicts = new Map<string, RegexVerdict>();
const MAX_VERDICTS = 4096;

function verdictOf(pattern: string): RegexVerdict {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    verdict = analyseRegex(pattern);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

function check(context: MatterLintContext, pattern: string, at: Segments): Issue[] {
  const verdict = verdictOf(pattern);
  if (verdict.ok) return [];
  const what = verdict.code === "invalid-regex" ? "is not a valid regular expression" : "is unsafe";
  return [
    context.issue(
      verdict.code,
      `the pattern ${JSON.stringify(pattern)} ${what}: ${verdict.reason}`,
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
