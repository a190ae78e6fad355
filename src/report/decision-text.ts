import { citationsText } from "../evaluate/citations.js";
import type { Locale } from "../model/common.js";
import type { Decision, DecisionCitation } from "../model/decision.js";
import { printable } from "./printable.js";

const WORDS = {
  "zh-CN": {
    // 准予办理: what every matter's approval is (a registration, a filing, a licence); the matter's
    // title before it says which.
    approve: "准予办理",
    incomplete: "材料不齐全或者不符合法定形式，请一次性补正以下全部内容",
    refer: "转人工审查",
    applied: "申请日期",
    supply: "请一次性补正：",
    reasons: "需人工审查的原因：",
    followUps: "后续事项：",
    due: "办理期限",
    extended: "延长后",
    promised: "承诺期限",
    onTheSpot: "当场办结",
    approvedOnTheSpot: "（当场办结）",
    provisional: "暂定",
    between: (a: string, b: string) => `${a} 至 ${b}`,
    basis: (text: string) => ` 〔依据：${text}〕`,
    sep: "；",
  },
  en: {
    approve: "Approved",
    incomplete: "Incomplete: supply or correct everything listed below, all at once",
    refer: "Referred to a person",
    applied: "Applied on",
    supply: "To supply or correct:",
    reasons: "Why a person must decide:",
    followUps: "Follow-ups:",
    due: "Due",
    extended: "extended",
    promised: "promised",
    onTheSpot: "on the spot",
    approvedOnTheSpot: " (decided on the spot)",
    provisional: "provisional",
    between: (a: string, b: string) => `${a} to ${b}`,
    basis: (text: string) => ` [basis: ${text}]`,
    sep: "; ",
  },
} as const;

/**
 * Renders a decision as a notice a person can read: the outcome, everything to supply or
 * correct (一次性告知), the reasons a person must decide, follow-ups and the time limit,
 * each with its legal basis, in the decision's locale. Each line is made printable: an
 * application id or a quoted value carrying terminal escapes is shown, not obeyed.
 *
 * @example
 * formatDecisionText(decision); // "individual-business.establishment 1.0.0 — 准予办理（当场办结）\n…"
 */
export function formatDecisionText(decision: Decision, title?: string): string {
  const w = WORDS[decision.locale as Locale];
  const cite = (basis: readonly DecisionCitation[]) =>
    basis.length === 0 ? "" : w.basis(citationsText(basis, decision.locale));
  const lines = [
    `${title ?? decision.matter.id} ${decision.matter.version} — ${w[decision.outcome]}${
      // On the spot only where the decision's time limit says so (a matter may take days).
      decision.outcome === "approve" && decision.timeLimit?.onTheSpot === true
        ? w.approvedOnTheSpot
        : ""
    }`,
    `${w.applied}: ${decision.appliedOn}${decision.applicationId ? ` (${decision.applicationId})` : ""}`,
  ];
  if (decision.referrals.length > 0) {
    lines.push(w.reasons);
    for (const [i, r] of decision.referrals.entries())
      lines.push(`  ${i + 1}. [${r.code}] ${r.message}${cite(r.basis)}`);
  }
  if (decision.missing.length > 0) {
    lines.push(w.supply);
    for (const [i, m] of decision.missing.entries())
      lines.push(`  ${i + 1}. [${m.id}] ${m.message}${cite(m.basis)}`);
  }
  if (decision.followUps.length > 0) {
    lines.push(w.followUps);
    for (const f of decision.followUps)
      lines.push(
        `  - [${f.material}] ${f.message}${f.due ? ` (${w.due} ${f.due})` : ""}${f.note ? ` (${f.note})` : ""}`,
      );
  }
  const limit = decision.timeLimit;
  if (limit) {
    // A provisional date (暂定) is shown as both bounds; the note says why.
    const range = (r: { earliest: string; latest: string } | undefined) =>
      r && `${w.provisional} ${w.between(r.earliest, r.latest)}`;
    const p = limit.provisional;
    const parts = limit.onTheSpot
      ? [w.onTheSpot]
      : [
          limit.statutoryDue ?? range(p?.statutoryDue),
          (limit.statutoryDueExtended ?? range(p?.statutoryDueExtended)) &&
            `${w.extended} ${limit.statutoryDueExtended ?? range(p?.statutoryDueExtended)}`,
          (limit.promisedDue ?? range(p?.promisedDue)) &&
            `${w.promised} ${limit.promisedDue ?? range(p?.promisedDue)}`,
          limit.note,
        ].filter(Boolean);
    lines.push(`${w.due}: ${parts.join(w.sep)}`);
  }
  return `${lines.map(printable).join("\n")}\n`;
}
