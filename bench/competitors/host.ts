// What every alternative needs around its rule engine: turn per-check results into the outcome,
// the missing ids and the referral codes — smart-approval's decision rules (decide.ts,
// assess-standards.ts, assess-materials.ts) without messages, citations or records. The
// alternatives produce only this summary; smart-approval produces the whole decision.

import { isAbsent } from "../../src/evaluate/operators.js";
import { resolvePath } from "../../src/evaluate/path-resolver.js";
import type { Tri, UnknownLeaf } from "../../src/evaluate/three-valued.js";
import { SUBMISSION_STRENGTH, type SubmittedMaterial } from "../../src/model/application.js";
import type { FactSource } from "../../src/model/condition.js";
import type { MatterFile } from "../../src/model/matter.js";

export type Outcome = "approve" | "incomplete" | "refer";

/** What the four implementations must agree on, for every application. */
export interface Summary {
  outcome: Outcome;
  /** Missing ids (materials, corrections, fields), sorted. */
  missing: string[];
  /** Referral codes, distinct and sorted. */
  referrals: string[];
}

/** The summary of a full smart-approval decision. */
export function summarize(decision: {
  outcome: Outcome;
  missing: ReadonlyArray<{ id: string }>;
  referrals: ReadonlyArray<{ code: string }>;
}): Summary {
  return {
    outcome: decision.outcome,
    missing: decision.missing.map((m) => m.id).sort(),
    referrals: [...new Set(decision.referrals.map((r) => r.code))].sort(),
  };
}

export function sameSummary(a: Summary, b: Summary): boolean {
  return (
    a.outcome === b.outcome &&
    a.missing.join("\u0000") === b.missing.join("\u0000") &&
    a.referrals.join("\u0000") === b.referrals.join("\u0000")
  );
}

/** A check's three-valued result and, when unknown, the missing leaves behind it (in order). */
export interface CheckResult {
  value: Tri | "not-applicable";
  unknowns: readonly UnknownLeaf[];
}

/** How one implementation evaluates a matter's checks for one application. */
export interface CheckEvaluator {
  /** The `when` of standard `index`, if it has one. */
  when(index: number): CheckResult | undefined;
  /** The `require` of standard `index` (asked only when its result matters). */
  require(index: number): CheckResult;
  /** Whether material `index` is required (pass), not (fail) or cannot be told (unknown). */
  material(index: number): CheckResult;
}

/** The facts and input problems every implementation starts from (src/evaluate/input-facts). */
export interface PreparedInput {
  facts: Record<"data" | "evidence" | "derived" | "materials", Record<string, unknown>>;
  fieldProblems: ReadonlyArray<{ path: string }>;
  derivedErrors: readonly unknown[];
  submitted: readonly SubmittedMaterial[];
}

const INTERNAL_ERROR = "internal-error";
const PASS: CheckResult = { value: "pass", unknowns: [] };
const DEFERRED = "material-deferred";

/**
 * The decision rules over per-check results, as smart-approval applies them: failures refer or
 * ask for a correction; unknown applicant data is asked for (unless a reported field covers it)
 * or, when present yet unusable, referred; unknown evidence refers; materials are required,
 * satisfied, committed or deferred.
 */
export function assemble(
  matter: MatterFile,
  input: PreparedInput,
  checks: CheckEvaluator,
): Summary {
  const referrals: string[] = input.derivedErrors.map(() => INTERNAL_ERROR);
  const corrections: Array<{ id: string; field: string }> = [];
  const unknownData: Array<{ path: string; code: string | undefined; conditional: boolean }> = [];
  const sourceOf = (leaf: UnknownLeaf): UnknownLeaf => {
    if (leaf.fact !== "derived") return leaf;
    const spec = matter.derived[leaf.path.split(".")[0] ?? ""];
    return spec ? spec.input : { fact: "evidence" as FactSource, path: leaf.path };
  };
  matter.standards.forEach((standard, index) => {
    const when = checks.when(index) ?? PASS;
    if (when.value === "fail") return;
    const { value, unknowns } = when.value === "pass" ? checks.require(index) : when;
    if (value === "fail") {
      if (standard.onFail.outcome === "refer") referrals.push(standard.onFail.code);
      else corrections.push({ id: standard.id, field: standard.onFail.field });
    } else if (value === "unknown") {
      const sources = unknowns.map(sourceOf);
      const data = sources.filter((s) => s.fact === "data");
      for (const s of data) {
        unknownData.push({ path: s.path, code: standard.onUnknownEvidence, conditional: false });
      }
      if (data.length === 0 && sources.length > 0) {
        referrals.push(standard.onUnknownEvidence ?? matter.unknownEvidenceReferral);
      }
      // Whether it applies depends on missing data: what it would need if it applies.
      if (when.value === "unknown" && data.length > 0) {
        const required = checks.require(index);
        if (required.value === "fail" && standard.onFail.outcome === "correct") {
          corrections.push({ id: standard.id, field: standard.onFail.field });
        } else if (required.value === "unknown") {
          for (const s of required.unknowns.map(sourceOf)) {
            if (s.fact === "data") {
              unknownData.push({
                path: s.path,
                code: standard.onUnknownEvidence,
                conditional: true,
              });
            }
          }
        }
      }
    }
  });
  const missingMaterials: string[] = [];
  const undetermined = new Set<number>();
  const materialUnknowns: Array<{ leaf: UnknownLeaf; material: number }> = [];
  matter.materials.forEach((material, index) => {
    const required = material.requiredWhen ? checks.material(index) : PASS;
    for (const leaf of required.unknowns) {
      materialUnknowns.push({ leaf: sourceOf(leaf), material: index });
    }
    let accepted: SubmittedMaterial | undefined;
    for (const s of input.submitted) {
      if (s.id !== material.id) continue;
      const ok = s.via === "deferred" ? material.deferrable : material.satisfiedBy.includes(s.via);
      if (ok && (!accepted || SUBMISSION_STRENGTH[s.via] > SUBMISSION_STRENGTH[accepted.via])) {
        accepted = s;
      }
    }
    if (required.value === "fail") return;
    // Unknown for want of data: listed as needed if it applies; for want of evidence: undetermined.
    const dataDecides = required.unknowns.some((leaf) => sourceOf(leaf).fact === "data");
    if (accepted === undefined) {
      if (required.value === "unknown" && !dataDecides) undetermined.add(index);
      else missingMaterials.push(material.id);
      return;
    }
    if (accepted.via === "deferred") referrals.push(DEFERRED);
  });
  const fields: string[] = input.fieldProblems.map((p) => (p.path === "" ? "data" : p.path));
  const covered = (path: string) =>
    fields.some((f) => overlaps(f, path)) || corrections.some((c) => overlaps(c.field, path));
  const materialData = materialUnknowns.filter((u) => u.leaf.fact === "data");
  for (const u of materialData) {
    unknownData.push({ path: u.leaf.path, code: undefined, conditional: false });
  }
  for (const { path, code, conditional } of unknownData) {
    if (covered(path)) continue;
    if (isAbsent(resolvePath(input.facts.data, path))) fields.push(path);
    else if (!conditional) referrals.push(code ?? matter.unknownEvidenceReferral);
  }
  // Evidence a material's condition needs matters only while the material is undetermined.
  for (const u of materialUnknowns) {
    if (u.leaf.fact === "data" || !undetermined.has(u.material)) continue;
    if (materialData.some((d) => d.material === u.material)) continue;
    referrals.push(matter.unknownEvidenceReferral);
  }
  const missing = [...missingMaterials, ...corrections.map((c) => c.id), ...new Set(fields)];
  const outcome: Outcome =
    referrals.length > 0 ? "refer" : missing.length > 0 ? "incomplete" : "approve";
  return { outcome, missing: missing.sort(), referrals: [...new Set(referrals)].sort() };
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
