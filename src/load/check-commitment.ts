import type { Citation } from "../model/citation.js";
import { type Condition, isLeaf, type LeafCondition } from "../model/condition.js";
import type { MatterFile } from "../model/matter.js";
import type { RuleFileIssueCode } from "./issue-codes.js";
import type { PartialMatter } from "./partial-matter.js";

type Segments = (string | number)[];

/** What checkMatter lends this check: how to report, and its own checks of parts. */
export interface CommitmentCheckContext {
  error: (code: RuleFileIssueCode, message: string, segments: Segments) => void;
  citations: (basis: readonly Citation[], segments: Segments) => void;
  checkCondition: (condition: Condition, segments: Segments) => void;
  codes: ReadonlySet<string | undefined>;
}

/**
 * Checks a matter's 告知承诺 settings against its materials (国办发〔2020〕42号): a material
 * accepting `commitment` needs the matter's `commitment` block (the credit guard, the 核查
 * period and the consequences a decision relying on it must carry) and its own 证明内容; it
 * must also accept another channel, because an applicant who cannot or may not commit
 * supplies the proof instead (42号; a refused commitment becomes a 补正 naming those channels).
 * The credit guard reads evidence only: an applicant never declares their own credit status.
 *
 * @example
 * checkCommitment(file, { error, citations, checkCondition, codes });
 */
export function checkCommitment(
  matter: MatterFile | PartialMatter,
  context: CommitmentCheckContext,
): void {
  const { error, citations, checkCondition, codes } = context;
  const settings = matter.commitment;
  const available = settings?.available === true;
  matter.materials.forEach((material, i) => {
    if (material === undefined) return;
    const index = material.satisfiedBy.indexOf("commitment");
    if (index < 0) {
      if (material.commitment !== undefined) {
        error(
          "commitment-not-accepted",
          "commitment settings on a material whose satisfiedBy does not list commitment",
          ["materials", i, "commitment"],
        );
      }
      return;
    }
    if (settings === undefined) {
      error(
        "missing-commitment-settings",
        "a material accepts commitment, but the matter has no commitment settings (credit guard, 核查 period, consequences)",
        ["materials", i, "satisfiedBy", index],
      );
    }
    if (available && material.commitment === undefined) {
      error(
        "missing-commitment-content",
        "a material accepting commitment must state its 证明内容 (commitment.content)",
        ["materials", i],
      );
    }
    if (material.satisfiedBy.every((via) => via === "commitment")) {
      error(
        "commitment-only-channel",
        "a material accepting commitment must also accept the proof itself (upload, e-sign or shared)",
        ["materials", i, "satisfiedBy"],
      );
    }
  });
  if (settings === undefined) return;
  citations(settings.basis, ["commitment", "basis"]);
  if (settings.available === false) return;
  citations(settings.eligibility.basis, ["commitment", "eligibility", "basis"]);
  citations(settings.verification.basis, ["commitment", "verification", "basis"]);
  settings.consequences.forEach((c, i) => {
    citations(c.basis, ["commitment", "consequences", i, "basis"]);
  });
  const at: Segments = ["commitment", "eligibility", "require"];
  checkCondition(settings.eligibility.require, at);
  for (const [leaf, leafAt] of leaves(settings.eligibility.require, at)) {
    const ref = leaf.value as { fact?: unknown } | undefined;
    const refFact = typeof ref === "object" && ref !== null ? ref.fact : undefined;
    if (leaf.fact !== "evidence" || (refFact !== undefined && refFact !== "evidence")) {
      error(
        "commitment-eligibility-not-evidence",
        "the credit guard may read only evidence (verified credit status), never data the applicant declares",
        [...leafAt, "fact"],
      );
    }
  }
  const onUnknown = settings.eligibility.onUnknown;
  if (onUnknown.outcome === "refer" && !codes.has(onUnknown.code)) {
    error("unknown-referral-code", `"${onUnknown.code}" is not declared in referrals`, [
      "commitment",
      "eligibility",
      "onUnknown",
      "code",
    ]);
  }
}

function leaves(condition: Condition, at: Segments): Array<[LeafCondition, Segments]> {
  if (isLeaf(condition)) return [[condition, at]];
  if ("not" in condition) return leaves(condition.not, [...at, "not"]);
  const [key, parts] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
  return parts.flatMap((part, i) => leaves(part, [...at, key, i]));
}
