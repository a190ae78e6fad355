import type { Locale } from "../model/common.js";
import type { CheckResult, MissingItem, ReferralItem } from "../model/decision.js";
import type { Standard } from "../model/matter.js";
import { cite } from "./citations.js";
import type { CompiledMatter } from "./compile-matter.js";
import type { Evaluation, Facts } from "./condition-evaluator.js";
import { detailedText, localize, MESSAGES } from "./messages.js";
import { fold, leafValues, type TriResult, type UnknownLeaf } from "./three-valued.js";

/** What the standards contribute to a decision. */
export interface StandardsAssessment {
  checks: CheckResult[];
  corrections: MissingItem[];
  referrals: ReferralItem[];
  /** Data paths some standard needed and did not get, with the standard that needed them. */
  unknownData: Array<{ path: string; standard: Standard; conditional?: true }>;
}

/**
 * Turns each standard's evaluated `when` and `require` trees into its three-valued check:
 * `not-applicable` when `when` fails; `pass` / `fail` / `unknown` from `require`. A failure
 * asks for a correction or refers, as the standard says; an unknown asks the applicant for
 * missing data, or refers when the missing value is evidence only the calling system has.
 *
 * @example
 * const { checks, referrals } = assessStandards(compiled, { trees, unreadable }, "zh-CN");
 */
export function assessStandards(
  matter: CompiledMatter,
  { trees, unreadable }: Evaluation,
  locale: Locale,
  /** How each object value a check read is copied into its `values`; kept as is when not given. */
  copy?: (value: object) => unknown,
  /** The facts the decision read, for messages that name the offending items. */
  facts?: Facts,
): StandardsAssessment {
  const out: StandardsAssessment = { checks: [], corrections: [], referrals: [], unknownData: [] };
  const { standards } = matter.file;
  for (let index = 0; index < standards.length; index++) {
    const standard = standards[index] as Standard;
    const slots = matter.slots.standards[index];
    const whenTree = slots?.when === undefined ? undefined : trees[slots.when];
    const requireTree = slots === undefined ? undefined : trees[slots.require];
    if (requireTree === undefined || (standard.when && whenTree === undefined)) {
      // The engine gave no result (it failed; decide has referred the case): unknown.
      out.checks.push({ id: standard.id, status: "unknown", values: {} });
      continue;
    }
    // Each tree's three-valued result, and the values every leaf read (the `when` tree's
    // first). `require` is folded even when `when` settles the check: its result is then
    // unused, but its values are shown anyway.
    const when: TriResult = whenTree ? fold(whenTree, unreadable) : PASS;
    const required = fold(requireTree, unreadable);
    const values = whenTree
      ? leafValues(requireTree, leafValues(whenTree))
      : leafValues(requireTree);
    if (copy !== undefined) {
      for (const key in values) {
        const value = values[key];
        if (value !== null && typeof value === "object") values[key] = copy(value);
      }
    }
    const result = when.value === "pass" ? required : when;
    const status = when.value === "fail" ? "not-applicable" : result.value;
    out.checks.push({ id: standard.id, status, values });
    if (status === "fail") {
      // Citations and messages only for what the notice shows: most standards pass.
      const basis = cite(standard.basis, matter.laws, locale);
      const message = failureMessage(standard, facts, locale);
      if (standard.onFail.outcome === "refer") {
        out.referrals.push({ code: standard.onFail.code, standard: standard.id, message, basis });
      } else {
        out.corrections.push({
          kind: "correction",
          id: standard.id,
          field: standard.onFail.field,
          message,
          basis,
        });
      }
    } else if (status === "unknown") {
      noteUnknowns(matter, standard, result.unknowns, out, locale);
      if (when.value === "unknown")
        noteConditionalNeeds(matter, standard, required, when, out, locale, facts);
    }
  }
  return out;
}

const PASS: TriResult = Object.freeze({ value: "pass", unknowns: Object.freeze([]) });

/** The standard's detailed message, when it has one and the facts fill it; else its message. */
function failureMessage(standard: Standard, facts: Facts | undefined, locale: Locale): string {
  return (
    detailedText(standard.detailedMessage, facts, locale) ?? localize(standard.message, locale)
  );
}

/**
 * When applicant data decides whether a standard applies and that data is missing, the notice
 * also says what the standard would need if it applies — so that supplying the data does not
 * lead to a second notice (一次性告知). Only what the applicant can supply is added.
 */
function noteConditionalNeeds(
  matter: CompiledMatter,
  standard: Standard,
  /** The `require` tree folded. */
  required: TriResult,
  when: TriResult,
  out: StandardsAssessment,
  locale: Locale,
  facts: Facts | undefined,
): void {
  if (!when.unknowns.some((leaf) => sourceOf(matter, leaf).fact === "data")) return;
  if (required.value === "fail" && standard.onFail.outcome === "correct") {
    out.corrections.push({
      kind: "correction",
      id: standard.id,
      field: standard.onFail.field,
      message: localize(
        MESSAGES.ifApplicable({ text: failureMessage(standard, facts, locale) }),
        locale,
      ),
      basis: cite(standard.basis, matter.laws, locale),
      conditional: true,
    });
  } else if (required.value === "unknown") {
    for (const leaf of required.unknowns) {
      const source = sourceOf(matter, leaf);
      if (source.fact === "data")
        out.unknownData.push({ path: source.path, standard, conditional: true });
    }
  }
}

function noteUnknowns(
  matter: CompiledMatter,
  standard: Standard,
  unknowns: readonly UnknownLeaf[],
  out: StandardsAssessment,
  locale: Locale,
): void {
  const sources = unknowns.map((leaf) => sourceOf(matter, leaf));
  const data = sources.filter((s) => s.fact === "data");
  // Missing applicant data comes first: once supplied, the evidence may not even be needed.
  for (const source of data) out.unknownData.push({ path: source.path, standard });
  if (data.length > 0 || sources.length === 0) return;
  // Not the standard's own failure code: that would assert a fact nothing has shown.
  out.referrals.push({
    code: standard.onUnknownEvidence ?? matter.file.unknownEvidenceReferral,
    standard: standard.id,
    message: localize(
      MESSAGES.evidenceUnavailable({ title: localize(standard.title, locale) }),
      locale,
    ),
    basis: cite(standard.basis, matter.laws, locale),
  });
}

/** A derived value is missing because its input is: blame the input, data or evidence. */
export function sourceOf(matter: CompiledMatter, leaf: UnknownLeaf): UnknownLeaf {
  if (leaf.fact !== "derived") return leaf;
  // The first segment of the path, without splitting it.
  const dot = leaf.path.indexOf(".");
  const id = dot === -1 ? leaf.path : leaf.path.slice(0, dot);
  const spec = matter.file.derived[id];
  return spec ? spec.input : { fact: "evidence", path: leaf.path };
}
