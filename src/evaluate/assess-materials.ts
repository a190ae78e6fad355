import type { SubmittedMaterial } from "../model/application.js";
import { channelList } from "../model/channel-labels.js";
import type { Locale } from "../model/common.js";
import type { FollowUp, MaterialResult, MissingItem, ReferralItem } from "../model/decision.js";
import type { Material } from "../model/matter.js";
import { sourceOf } from "./assess-standards.js";
import { cite } from "./citations.js";
import {
  type CommitmentGuard,
  commitmentFollowUp,
  commitmentGuard,
  refusedCommitment,
} from "./commitment.js";
import type { CompiledMatter } from "./compile-matter.js";
import type { Evaluation, Facts } from "./condition-evaluator.js";
import { strongestAccepted } from "./material-channels.js";
import { detailedText, localize, MESSAGES } from "./messages.js";
import { fold, type UnknownLeaf } from "./three-valued.js";

/** The referral code the library uses for a deferred material (容缺受理). */
export const MATERIAL_DEFERRED = "material-deferred";

export interface MaterialsAssessment {
  materials: MaterialResult[];
  missing: MissingItem[];
  referrals: ReferralItem[];
  followUps: Array<FollowUp & { workingDays?: number }>;
  /** Facts a `requiredWhen` needed and did not get, with the material that needed them. */
  unknowns: Array<{ leaf: UnknownLeaf; material: Material }>;
}

/**
 * Decides, for each material of the matter, whether it is required (its `requiredWhen`,
 * three-valued) and how the application satisfies it. When it cannot be told whether a
 * material is required, the missing data or evidence behind that is reported instead (the
 * decision then asks for the data or refers), and the material is `undetermined`.
 *
 * @example
 * const { materials, missing } = assessMaterials(compiled, evaluation, application.materials, "en");
 */
export function assessMaterials(
  matter: CompiledMatter,
  evaluation: Evaluation,
  submitted: readonly SubmittedMaterial[],
  locale: Locale,
  /** The facts the decision read, for notices that say what makes a material required. */
  facts?: Facts,
): MaterialsAssessment {
  const out: MaterialsAssessment = {
    materials: [],
    missing: [],
    referrals: [],
    followUps: [],
    unknowns: [],
  };
  const { materials } = matter.file;
  let guard: CommitmentGuard | undefined;
  for (let index = 0; index < materials.length; index++) {
    const material = materials[index] as Material;
    const slot = matter.slots.materials[index];
    const tree = slot === undefined ? undefined : evaluation.trees[slot];
    // No condition: always required. No result for one (the engine failed): required too.
    const required = tree
      ? fold(tree, evaluation.unreadable)
      : { value: "pass" as const, unknowns: [] };
    let dataDecides = false;
    for (const leaf of required.unknowns) {
      const source = sourceOf(matter, leaf);
      if (source.fact === "data") dataDecides = true;
      out.unknowns.push({ leaf: source, material });
    }
    let accepted = strongestAccepted(material, submitted);
    if (required.value === "fail") {
      out.materials.push({
        id: material.id,
        status: "not-required",
        ...(accepted && { via: accepted.via }),
      });
      continue;
    }
    // Unknown because the applicant's data is missing: list it as needed if it applies, so that
    // supplying the data does not lead to a second notice. Unknown because evidence is missing:
    // a person decides (decide refers), and the material stays undetermined.
    if (required.value === "unknown" && accepted === undefined && !dataDecides) {
      out.materials.push({ id: material.id, status: "undetermined" });
      continue;
    }
    // A commitment is relied on only when the matter offers it and the applicant's verified
    // credit allows it (国办发〔2020〕42号); otherwise the next strongest submission counts.
    let refused: Exclude<CommitmentGuard["status"], "pass"> | undefined;
    if (accepted?.via === "commitment") {
      guard ??= commitmentGuard(matter, evaluation);
      if (guard.status !== "pass") {
        refused = guard.status;
        accepted = strongestAccepted(
          material,
          submitted.filter((s) => s.via !== "commitment"),
        );
      }
    }
    // Titles and citations only for what the notice shows: most materials are satisfied.
    const title = localize(material.title, locale);
    if (accepted === undefined && refused !== undefined) {
      const outcome = refusedCommitment(matter, material, refused, locale);
      if ("referral" in outcome) {
        out.materials.push({ id: material.id, status: "undetermined" });
        out.referrals.push(outcome.referral);
      } else {
        const { message, basis } = outcome.missing;
        noteMissing(out, material, message, basis, required.value === "unknown", locale);
      }
      continue;
    }
    if (accepted === undefined) {
      const basis = cite(material.basis, matter.laws, locale);
      const message = missingMessage(material, submitted, title, locale, facts);
      noteMissing(out, material, message, basis, required.value === "unknown", locale);
      continue;
    }
    const followUp = material.followUp;
    if (accepted.via === "commitment") {
      out.materials.push({ id: material.id, status: "committed", via: accepted.via });
      out.followUps.push(commitmentFollowUp(matter, material, title, locale));
    } else if (accepted.via === "deferred") {
      out.materials.push({ id: material.id, status: "deferred", via: accepted.via });
      const message = localize(MESSAGES.materialDeferred({ title }), locale);
      const basis = cite(material.basis, matter.laws, locale);
      out.referrals.push({ code: MATERIAL_DEFERRED, message, basis });
      out.followUps.push({
        kind: "receive-deferred-material",
        material: material.id,
        message,
        ...(followUp?.workingDays !== undefined && { workingDays: followUp.workingDays }),
      });
    } else {
      out.materials.push({ id: material.id, status: "satisfied", via: accepted.via });
    }
  }
  return out;
}

/**
 * A material the notice asks for: missing, and in the notice — marked `conditional` ("if it
 * applies") when missing data decides whether it is required at all.
 */
function noteMissing(
  out: MaterialsAssessment,
  material: Material,
  message: string,
  basis: MissingItem["basis"],
  conditional: boolean,
  locale: Locale,
): void {
  out.materials.push({ id: material.id, status: "missing" });
  out.missing.push({
    kind: "material",
    id: material.id,
    ...(conditional
      ? {
          message: localize(MESSAGES.ifApplicable({ text: message }), locale),
          basis,
          conditional: true as const,
        }
      : { message, basis }),
  });
}

function missingMessage(
  material: Material,
  submitted: readonly SubmittedMaterial[],
  title: string,
  locale: Locale,
  facts: Facts | undefined,
): string {
  // The first refused submission in channel-name order, not in the application's order: the
  // notice must not depend on the order the materials were listed in.
  const rejected = submitted
    .filter((s) => s.id === material.id)
    .sort((a, b) => (a.via < b.via ? -1 : a.via > b.via ? 1 : 0))[0];
  if (rejected === undefined) {
    return (
      detailedText(material.detailedMessage, facts, locale) ??
      localize(MESSAGES.materialMissing({ title }), locale)
    );
  }
  // Channels named in the notice's words (上传、电子签名…), never as the envelope's codes.
  const accepted = channelList(
    [...material.satisfiedBy, ...(material.deferrable ? ["deferred"] : [])],
    locale,
  );
  const via = channelList([rejected.via], locale);
  return localize(MESSAGES.materialWrongChannel({ title, via, accepted }), locale);
}
