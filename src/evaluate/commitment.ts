import { channelList } from "../model/channel-labels.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { FollowUp, MissingItem, ReferralItem } from "../model/decision.js";
import type { Material } from "../model/matter.js";
import { cite } from "./citations.js";
import type { CompiledMatter } from "./compile-matter.js";
import type { Evaluation } from "./condition-evaluator.js";
import { localize, MESSAGES } from "./messages.js";
import { fold } from "./three-valued.js";

/**
 * Whether this application may rely on a commitment (告知承诺), once per decision:
 * - `pass`: the matter allows it and the verified credit status meets the matter's guard;
 * - `excluded`: the matter has no commitment settings, or excludes commitment altogether;
 * - `ineligible`: the credit guard fails — a serious bad credit record, or a past false or
 *   unfulfilled commitment, not yet repaired (国办发〔2020〕42号: 在信用修复前不适用告知承诺制);
 * - `unknown`: the credit evidence is missing, so the commitment cannot be relied on; the
 *   matter says whether a person decides or the applicant supplies the proof.
 */
export type CommitmentGuard =
  | { status: "pass" }
  | { status: "excluded" }
  | { status: "ineligible" }
  | { status: "unknown" };

/**
 * Folds the matter's credit guard (evaluated with the other conditions) into a guard result.
 * Unknown is never pass: a commitment is relied on only when the evidence says the applicant
 * may use one.
 *
 * @example
 * commitmentGuard(compiled, evaluation); // { status: "unknown" } when evidence.credit is absent
 */
export function commitmentGuard(matter: CompiledMatter, evaluation: Evaluation): CommitmentGuard {
  const settings = matter.file.commitment;
  if (settings === undefined || settings.available === false) return { status: "excluded" };
  const slot = matter.slots.commitmentEligibility;
  const tree = slot === undefined ? undefined : evaluation.trees[slot];
  // No result (the engine failed; decide has referred): the guard is unknown, never pass.
  if (tree === undefined) return { status: "unknown" };
  const { value } = fold(tree, evaluation.unreadable);
  return value === "pass"
    ? { status: "pass" }
    : value === "fail"
      ? { status: "ineligible" }
      : { status: "unknown" };
}

/**
 * What a commitment that cannot be relied on turns into for one material with no other
 * accepted submission: a referral (credit unknown and the matter refers), or an item of the
 * 一次性告知 asking for the material by the channels that remain, with the reason.
 */
export function refusedCommitment(
  matter: CompiledMatter,
  material: Material,
  guard: Exclude<CommitmentGuard["status"], "pass">,
  locale: Locale,
): { referral: ReferralItem } | { missing: Omit<MissingItem, "kind" | "id"> } {
  const settings = matter.file.commitment;
  const title = localize(material.title, locale);
  const channels = proofChannels(material, locale);
  if (settings?.available === true && guard === "unknown") {
    const { onUnknown, basis } = settings.eligibility;
    const reason = localize(CREDIT_UNKNOWN, locale);
    if (onUnknown.outcome === "refer") {
      return {
        referral: {
          code: onUnknown.code,
          message: localize(COMMITMENT_MESSAGES.referUnknown({ title, reason }), locale),
          basis: cite(basis, matter.laws, locale),
        },
      };
    }
    return {
      missing: {
        message: creditUnknownProofMessage(material, locale),
        basis: cite([...material.basis, ...basis], matter.laws, locale),
      },
    };
  }
  if (settings?.available === true) {
    const reason = localize(settings.eligibility.message, locale);
    return {
      missing: {
        message: localize(COMMITMENT_MESSAGES.supplyInstead({ title, reason, channels }), locale),
        basis: cite([...material.basis, ...settings.eligibility.basis], matter.laws, locale),
      },
    };
  }
  const reason = settings ? localize(settings.reason, locale) : localize(NOT_OFFERED, locale);
  return {
    missing: {
      message: localize(COMMITMENT_MESSAGES.supplyInstead({ title, reason, channels }), locale),
      basis: cite([...material.basis, ...(settings?.basis ?? [])], matter.laws, locale),
    },
  };
}

/**
 * The follow-up check (核查) a decision relying on a commitment carries: what to check, how,
 * within how many working days (the material's own count, else the matter's), and what a false
 * or unfulfilled commitment leads to, with citations. The due date is added by decide, on the
 * working-day calendar.
 */
export function commitmentFollowUp(
  matter: CompiledMatter,
  material: Material,
  title: string,
  locale: Locale,
): FollowUp & { workingDays?: number } {
  const settings = matter.file.commitment;
  const message = localize(
    material.followUp?.title ?? MESSAGES.verifyCommitment({ title }),
    locale,
  );
  if (settings?.available !== true) {
    // Unreachable: commitments are relied on only when the guard passes (settings present).
    return { kind: "verify-commitment", material: material.id, message };
  }
  const { verification, consequences } = settings;
  return {
    kind: "verify-commitment",
    material: material.id,
    message,
    workingDays: material.followUp?.workingDays ?? verification.workingDays,
    method: localize(verification.method, locale),
    basis: cite(verification.basis, matter.laws, locale),
    consequences: consequences.map((c) => ({
      message: localize(c.text, locale),
      basis: cite(c.basis, matter.laws, locale),
    })),
  };
}

type Template = (args: Record<string, string>) => LocalizedText;

/** The library's own words for commitments; the law's words live in the rule files. */
export const COMMITMENT_MESSAGES = {
  supplyInstead: ({ title, reason, channels }) => ({
    "zh-CN": `请提交：${title}（不适用告知承诺：${reason}；可用方式：${channels}）`,
    en: `Please submit: ${title} (commitment not available: ${reason}; accepted: ${channels})`,
  }),
  referUnknown: ({ title, reason }) => ({
    "zh-CN": `${title}以告知承诺方式提交，但${reason}，需人工核实`,
    en: `${title} was given by commitment, but ${reason}; a person must check`,
  }),
} satisfies Record<string, Template>;

/** Why a commitment cannot be relied on when the credit check's result is missing (evidence). */
export const CREDIT_UNKNOWN: LocalizedText = {
  "zh-CN": "未能取得申请人的信用核查结果，不能确认其可以适用告知承诺制",
  en: "the applicant's credit status could not be obtained, so it cannot be confirmed that a commitment may be used",
};

const NOT_OFFERED: LocalizedText = {
  "zh-CN": "本事项未设置告知承诺",
  en: "this matter does not offer commitment",
};

/** The ways a material may be proved other than by commitment, in the notice's words. */
function proofChannels(material: Material, locale: Locale): string {
  return channelList(
    [
      ...material.satisfiedBy.filter((via) => via !== "commitment"),
      ...(material.deferrable ? ["deferred"] : []),
    ],
    locale,
  );
}

/**
 * The notice asking for a material's proof instead of its commitment because the credit check
 * could not be made: the one wording, which the pre-check page recognises
 * (src/precheck/page/classify.ts).
 *
 * @example
 * creditUnknownProofMessage(material, "zh-CN");
 */
export function creditUnknownProofMessage(material: Material, locale: Locale): string {
  const title = localize(material.title, locale);
  const reason = localize(CREDIT_UNKNOWN, locale);
  const channels = proofChannels(material, locale);
  return localize(COMMITMENT_MESSAGES.supplyInstead({ title, reason, channels }), locale);
}
