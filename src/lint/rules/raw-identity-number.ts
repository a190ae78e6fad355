import { schemaNodesAt } from "../../json/schema-paths.js";
import type { Issue } from "../../model/issue.js";
import type { MatterFile } from "../../model/matter.js";
import { conditionRoots, isFactRef, leavesOf } from "../conditions/condition-roots.js";
import type { Segments } from "../conditions/normal-form.js";
import type { MatterRule } from "../lint-context.js";

/** The input-schema annotation that marks a field as an identity-document number. */
export const IDENTITY_NUMBER_KEYWORD = "x-identity-number";

/**
 * `raw-identity-number` (error): a condition compares an identity-document number as the
 * applicant typed it. One number can be typed several ways (`…002x` and `…002X`, a 通行证 with
 * or without its renewal count, full-width digits), so an equality on the raw text misses the
 * same person — a supervisor who is the director passed 公司法 art 76 with a final `x`.
 * Compare the `normalizedNumber` of an `identity-document` derived fact instead (and test
 * validity with its `valid`). Only `present` and `absent` may read the raw number.
 *
 * A field is an identity number when its input-schema node says `"x-identity-number": true`,
 * or when it is the `number` of a document that an `identity-document` (or, per item,
 * `identity-document-list`) derived fact reads — so a forgotten annotation still counts.
 */
export const rawIdentityNumber: MatterRule = ({ matter, issue }) => {
  const issues: Issue[] = [];
  const identity = identityNumbers(matter);
  const check = (fact: string, path: string, operator: string, owner: string, at: Segments) => {
    if (fact !== "data" && fact !== "evidence") return;
    const found = identity(fact, path);
    if (found === undefined) return;
    const instead = found.derived
      ? `compare derived.${found.derived} instead`
      : `declare an identity-document derived fact reading ${fact}.${found.document} and compare its normalizedNumber instead`;
    issues.push(
      issue(
        "raw-identity-number",
        `${owner} compares ${fact}.${path}, an identity number, as typed ("${operator}"): "…x" and "…X" are one number; ${instead}`,
        at,
      ),
    );
  };
  for (const { condition, at, owner } of conditionRoots(matter)) {
    for (const { leaf, at: leafAt } of leavesOf(condition, at)) {
      if (leaf.operator === "present" || leaf.operator === "absent") continue;
      check(leaf.fact, leaf.path, leaf.operator, owner, [...leafAt, "path"]);
      if (isFactRef(leaf.value)) {
        check(leaf.value.fact, leaf.value.path, leaf.operator, owner, [...leafAt, "value", "path"]);
      }
    }
  }
  return issues;
};

/**
 * Tells whether `fact`/`path` is an identity number, and if so which document it belongs to
 * and the derived fact (if any) that reads that document.
 */
function identityNumbers(matter: Pick<MatterFile, "input" | "derived">) {
  // Documents read by identity derived facts, as patterns of segments ("*" for a list index),
  // with the derived value to compare instead.
  const documents: Array<{ fact: string; pattern: string[]; derived: string }> = [];
  for (const [id, spec] of Object.entries(matter.derived)) {
    const base = spec.input.path.split(".");
    if (spec.function === "identity-document") {
      documents.push({ fact: spec.input.fact, pattern: base, derived: `${id}.normalizedNumber` });
    } else if (spec.function === "identity-document-list") {
      const key = typeof spec.options.key === "string" ? spec.options.key : "document";
      documents.push({
        fact: spec.input.fact,
        pattern: [...base, "*", ...key.split(".")],
        derived: `${id}.normalizedNumbers`,
      });
    }
  }
  const matches = (pattern: readonly string[], segments: readonly string[]) =>
    pattern.length === segments.length &&
    pattern.every((p, i) => p === segments[i] || (p === "*" && /^\d+$/.test(segments[i] ?? "")));
  return (
    fact: "data" | "evidence",
    path: string,
  ): { document: string; derived?: string } | undefined => {
    const segments = path.split(".");
    const document = segments.slice(0, -1);
    const reader =
      segments.at(-1) === "number"
        ? documents.find((d) => d.fact === fact && matches(d.pattern, document))
        : undefined;
    if (reader) return { document: document.join("."), derived: reader.derived };
    const annotated = schemaNodesAt(matter.input[fact], path).some(
      (node) => node[IDENTITY_NUMBER_KEYWORD] === true,
    );
    return annotated ? { document: document.join(".") } : undefined;
  };
}
