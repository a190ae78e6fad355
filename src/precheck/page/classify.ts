import {
  COMMITMENT_MESSAGES,
  CREDIT_UNKNOWN,
  creditUnknownProofMessage,
  type Decision,
  type Locale,
  localize,
  type MatterFile,
  MESSAGES,
  type MissingItem,
  type ReferralItem,
} from "./library.js";

/**
 * What the pre-check page says about a decision taken without evidence:
 * - `ready`: nothing to supply or correct, and everything left is evidence only the receiving
 *   system has (real-name checks, registers, shared data, the credit check a commitment needs)
 *   — "ready to submit", never "approved";
 * - `incomplete`: the one-time notice lists what to supply or correct;
 * - `clerk`: a person must review the case for a reason other than evidence the page cannot
 *   have; never shown as ready, whatever else holds.
 */
export type PrecheckStatus = "ready" | "incomplete" | "clerk";

/** Something only the receiving system can verify: a check's title, or a commitment's material. */
export interface PendingItem {
  kind: "check" | "commitment";
  title: string;
}

export interface PrecheckView {
  status: PrecheckStatus;
  /** The one-time notice (一次性告知): every material, field and correction still needed. */
  missing: MissingItem[];
  /** Referrals for any reason other than evidence the page cannot have. */
  clerk: ReferralItem[];
  /** What the receiving system verifies on submission. */
  pending: PendingItem[];
}

/**
 * Sorts a decision taken with no evidence (the page's evidence provider has nothing to say on
 * any item) into what the applicant can act on. An item counts as "to be verified on
 * submission" only when it is exactly what the library says for evidence it did not get:
 * - a referral with the matter's unknown-evidence code (or the standard's `onUnknownEvidence`)
 *   and the library's evidence-unavailable message, for a check that came out unknown or a
 *   material whose need depends on evidence;
 * - a commitment (告知承诺) whose eligibility the credit check decides (the matter's
 *   `commitment.eligibility` reads evidence only): the referral, or the item asking for the
 *   material instead, with the library's "credit status could not be obtained" reason.
 * Anything else — a standard that failed on the applicant's data, data the library could not
 * decide on (the same code, another message), an internal error — is a clerk's to review, and
 * every other notice item stays in the notice.
 *
 * @example
 * classify(decision, matter, "zh-CN").status; // "ready" | "incomplete" | "clerk"
 */
export function classify(decision: Decision, matter: MatterFile, locale: Locale): PrecheckView {
  const clerk: ReferralItem[] = [];
  const pending: PendingItem[] = [];
  const undetermined = new Set(
    decision.materials.filter((m) => m.status === "undetermined").map((m) => m.id),
  );
  for (const referral of decision.referrals) {
    const item =
      evidenceCheck(referral, decision, matter, undetermined, locale) ??
      creditReferral(referral, matter, locale);
    if (item === undefined) clerk.push(referral);
    else pending.push(item);
  }
  const missing: MissingItem[] = [];
  for (const item of decision.missing) {
    const commitment = creditMissing(item, matter, locale);
    if (commitment === undefined) missing.push(item);
    else pending.push(commitment);
  }
  const status: PrecheckStatus =
    clerk.length > 0 ? "clerk" : missing.length > 0 ? "incomplete" : "ready";
  return { status, missing, clerk, pending };
}

/** The check or material a referral says lacked evidence, or undefined. */
function evidenceCheck(
  referral: ReferralItem,
  decision: Decision,
  matter: MatterFile,
  undetermined: ReadonlySet<string>,
  locale: Locale,
): PendingItem | undefined {
  const unavailable = (title: string) =>
    localize(MESSAGES.evidenceUnavailable({ title }), locale) === referral.message;
  if (referral.standard !== undefined) {
    const standard = matter.standards.find((s) => s.id === referral.standard);
    if (standard === undefined) return undefined;
    const code = standard.onUnknownEvidence ?? matter.unknownEvidenceReferral;
    const check = decision.checks.find((c) => c.id === standard.id);
    const title = localize(standard.title, locale);
    return referral.code === code && check?.status === "unknown" && unavailable(title)
      ? { kind: "check", title }
      : undefined;
  }
  if (referral.code !== matter.unknownEvidenceReferral) return undefined;
  for (const material of matter.materials) {
    const title = localize(material.title, locale);
    if (undetermined.has(material.id) && unavailable(title)) return { kind: "check", title };
  }
  return undefined;
}

/** A commitment referred because the credit check's result is missing, or undefined. */
function creditReferral(
  referral: ReferralItem,
  matter: MatterFile,
  locale: Locale,
): PendingItem | undefined {
  const settings = matter.commitment;
  if (settings?.available !== true || settings.eligibility.onUnknown.outcome !== "refer") return;
  if (referral.standard !== undefined || referral.code !== settings.eligibility.onUnknown.code) {
    return undefined;
  }
  const reason = localize(CREDIT_UNKNOWN, locale);
  for (const material of matter.materials) {
    if (!material.satisfiedBy.includes("commitment")) continue;
    const title = localize(material.title, locale);
    const message = localize(COMMITMENT_MESSAGES.referUnknown({ title, reason }), locale);
    if (message === referral.message) return { kind: "commitment", title };
  }
  return undefined;
}

/** A material asked for instead of a commitment only because the credit check is missing. */
function creditMissing(
  item: MissingItem,
  matter: MatterFile,
  locale: Locale,
): PendingItem | undefined {
  const settings = matter.commitment;
  if (item.kind !== "material" || settings?.available !== true) return undefined;
  if (settings.eligibility.onUnknown.outcome !== "ask-proof") return undefined;
  const material = matter.materials.find((m) => m.id === item.id);
  if (material === undefined || !material.satisfiedBy.includes("commitment")) return undefined;
  return creditUnknownProofMessage(material, locale) === item.message
    ? { kind: "commitment", title: localize(material.title, locale) }
    : undefined;
}
