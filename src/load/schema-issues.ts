import type { z } from "zod";
import type { JsonDocument } from "../json/json-document.js";
import { encodePointerSegment, toPointer } from "../json/json-pointer.js";
import type { Issue } from "../model/issue.js";
import { type RuleFileIssueCode, ruleFileIssue } from "./issue-codes.js";

type ZodIssue = z.core.$ZodIssue;

/**
 * Validates a parsed document against a zod schema and turns every problem into a located
 * issue. Unions (conditions are `all | any | not | leaf`) are resolved to the branch the
 * author evidently meant, so one mistake gives one issue rather than one per branch.
 *
 * @example
 * const { data, issues } = validateDocument(MatterFileSchema, document);
 */
export function validateDocument<T extends z.ZodType>(
  schema: T,
  document: JsonDocument,
): { data: z.infer<T> | undefined; issues: Issue[] } {
  let result: z.ZodSafeParseResult<z.infer<T>>;
  try {
    result = schema.safeParse(document.value);
  } catch (error) {
    // Never expected (parseJsonDocument bounds the depth the recursive schemas walk), but a
    // validator that cannot run must refuse the file, not crash the loader.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      data: undefined,
      issues: [
        ruleFileIssue(document, "schema-failure", `the file could not be validated: ${detail}`, ""),
      ],
    };
  }
  if (result.success) return { data: result.data, issues: [] };
  const issues = flatten(result.error.issues, []).map((issue) => toIssue(issue, document));
  return { data: undefined, issues: dedupe(issues) };
}

function flatten(issues: readonly ZodIssue[], prefix: PropertyKey[]): ZodIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      return flatten(closestBranch(issue.errors), path);
    }
    return [{ ...issue, path }];
  });
}

/**
 * The branch whose issues are deepest and fewest: a branch that fails at its own root
 * (wrong shape, unknown keys) is the one the author did not mean.
 */
function closestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] {
  const score = (branch: readonly ZodIssue[]) =>
    branch.reduce((sum, i) => sum + (i.path.length === 0 ? 1000 : 1), 0);
  return branches.reduce((best, branch) => (score(branch) < score(best) ? branch : best));
}

function toIssue(issue: ZodIssue, document: JsonDocument): Issue {
  const pointer = toPointer(issue.path.map(String));
  const last = issue.path.at(-1);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return ruleFileIssue(
      document,
      "unknown-key",
      `unknown ${issue.keys.length > 1 ? "keys" : "key"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
      `${pointer}/${encodePointerSegment(key)}`,
    );
  }
  if (last === "operator" && issue.code === "invalid_value") {
    return ruleFileIssue(
      document,
      "unknown-operator",
      `unknown operator: ${issue.message}`,
      pointer,
    );
  }
  if (last === "basis" && (issue.code === "too_small" || issue.code === "invalid_type")) {
    return ruleFileIssue(
      document,
      "missing-basis",
      "a legal basis (law and articles) is required",
      pointer,
    );
  }
  return ruleFileIssue(document, SCHEMA_CODES[issue.code], issue.message, pointer);
}

/**
 * zod's issue codes as rule-file issue codes (`schema-` and the code in kebab case); an unknown
 * key is `unknown-key`, above. Typed by zod's codes: a code a new zod adds fails to compile here.
 */
const SCHEMA_CODES: Record<Exclude<ZodIssue["code"], "unrecognized_keys">, RuleFileIssueCode> = {
  invalid_type: "schema-invalid-type",
  too_big: "schema-too-big",
  too_small: "schema-too-small",
  invalid_format: "schema-invalid-format",
  not_multiple_of: "schema-not-multiple-of",
  invalid_union: "schema-invalid-union",
  invalid_key: "schema-invalid-key",
  invalid_element: "schema-invalid-element",
  invalid_value: "schema-invalid-value",
  custom: "schema-custom",
};

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}\u0000${i.code}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
