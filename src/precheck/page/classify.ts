import {
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
 * - `ready`: nothing to supply or correct, and every referral is evidence only the receiving
 *   system can produce (real-name checks, registers, shared data) — "ready to submit", never
 *   "approved";
 * - `incomplete`: the one-time notice lists what to supply or correct;
 * - `clerk`: a person must review the case for a reason other than evidence the page cannot
 *   have; never shown as ready, whatever else holds.
 */
export type PrecheckStatus = "ready" | "incomplete" | "clerk";

export interface PrecheckView {
  status: PrecheckStatus;
  /** The complete one-time notice (一次性告知): every material, field and correction. */
  missing: MissingItem[];
  /** Referrals for any reason other than evidence the page cannot have. */
  clerk: ReferralItem[];
  /** What the receiving system verifies on submission: the title of each check or material. */
  pending: Array<{ title: string; referral: ReferralItem }>;
}

/**
 * Sorts a decision taken with no evidence (the page's evidence provider has nothing to say on
 * any item) into what the applicant can act on. A referral counts as "to be verified on
 * submission" only when it is exactly the referral the library makes for a check or material
 * that needed evidence and got none: the matter's unknown-evidence code (or the standard's
 * own `onUnknownEvidence`) with the library's evidence-unavailable message for that check's
 * or material's title. Anything else — a standard that failed on the applicant's data, data
 * the library could not decide on (the same code, another message), an internal error — is a
 * reason for a clerk, shown as such.
 *
 * @example
 * classify(decision, matter, "zh-CN").status; // "ready" | "incomplete" | "clerk"
 */
export function classify(decision: Decision, matter: MatterFile, locale: Locale): PrecheckView {
  const clerk: ReferralItem[] = [];
  const pending: PrecheckView["pending"] = [];
  const undetermined = new Set(
    decision.materials.filter((m) => m.status === "undetermined").map((m) => m.id),
  );
  for (const referral of decision.referrals) {
    const title = evidenceTitle(referral, decision, matter, undetermined, locale);
    if (title === undefined) clerk.push(referral);
    else pending.push({ title, referral });
  }
  const status: PrecheckStatus =
    clerk.length > 0 ? "clerk" : decision.missing.length > 0 ? "incomplete" : "ready";
  return { status, missing: decision.missing, clerk, pending };
}

/** The title of the check or material a referral says lacked evidence, or undefined. */
function evidenceTitle(
  referral: ReferralItem,
  decision: Decision,
  matter: MatterFile,
  undetermined: ReadonlySet<string>,
  locale: Locale,
): string | undefined {
  const unavailable = (title: string) =>
    localize(MESSAGES.evidenceUnavailable({ title }), locale) === referral.message;
  if (referral.standard !== undefined) {
    const standard = matter.standards.find((s) => s.id === referral.standard);
    if (standard === undefined) return undefined;
    const code = standard.onUnknownEvidence ?? matter.unknownEvidenceReferral;
    const check = decision.checks.find((c) => c.id === standard.id);
    const title = localize(standard.title, locale);
    return referral.code === code && check?.status === "unknown" && unavailable(title)
      ? title
      : undefined;
  }
  if (referral.code !== matter.unknownEvidenceReferral) return undefined;
  for (const material of matter.materials) {
    const title = localize(material.title, locale);
    if (undetermined.has(material.id) && unavailable(title)) return title;
  }
  return undefined;
}
