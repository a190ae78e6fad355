import { citationsText } from "../evaluate/citations.js";
import type { Locale } from "../model/common.js";
import type { DecisionCitation } from "../model/decision.js";
import type { CombinedDecision } from "../model/one-thing.js";
import { printable } from "../report/printable.js";
import type { OneThingStatus } from "./status.js";

const WORDS = {
  "zh-CN": {
    approve: "全部事项准予办理",
    approvedOnTheSpot: "（当场办结）",
    incomplete:
      "材料不齐全或者不符合法定形式，请一次性补正以下全部内容（一次告知、一表申请、一套材料）",
    refer: "转人工审查",
    pending: "由规则办理的事项均已准予，其余事项由有关部门办理中（未计为已准予）",
    applied: "申请日期",
    supply: "请一次性补正（每项只列一次）：",
    reasons: "需人工审查的原因（按事项）：",
    members: "各事项：",
    due: "最长办理期限",
    forMembers: (m: readonly string[]) => `（${m.join("、")}）`,
    department: (d: string, due?: string) => `由${d}办理${due ? `，期限 ${due}` : ""}`,
    deemed: (due: string | undefined, authority: string) =>
      `超时默认（${authority === "local-policy" ? "地方政策" : "地方性法规"}）${due ? `：${due} 后` : ""}`,
    basis: (text: string) => ` 〔依据：${text}〕`,
    sep: "；",
  },
  en: {
    approve: "Every matter approved",
    approvedOnTheSpot: " (decided on the spot)",
    incomplete:
      "Incomplete: supply or correct everything below, all at once (one notice, one form, one set of materials)",
    refer: "Referred to a person",
    pending:
      "The matters the rules decide are approved; the rest are with their departments (not counted as approved)",
    applied: "Applied on",
    supply: "To supply or correct (each listed once):",
    reasons: "Why a person must decide (by matter):",
    members: "Matters:",
    due: "Longest time limit",
    forMembers: (m: readonly string[]) => ` (${m.join(", ")})`,
    department: (d: string, due?: string) => `with ${d}${due ? `, due ${due}` : ""}`,
    deemed: (due: string | undefined, authority: string) =>
      `deemed consent on timeout (${authority})${due ? ` after ${due}` : ""}`,
    basis: (text: string) => ` [basis: ${text}]`,
    sep: "; ",
  },
} as const;

/**
 * Renders a combined decision as one notice: the outcome, the one list of what to supply or
 * correct (each item once, with the members that need it), the referrals by member, each
 * member's outcome or department, and the longest time limit. Every line is made printable.
 *
 * @example
 * formatCombinedDecisionText(decision, "个体工商户设立登记＋仅销售预包装食品备案");
 */
export function formatCombinedDecisionText(decision: CombinedDecision, title?: string): string {
  const w = WORDS[decision.locale as Locale];
  const cite = (basis: readonly DecisionCitation[]) =>
    basis.length === 0 ? "" : w.basis(citationsText(basis, decision.locale));
  const lines = [
    `${title ?? decision.oneThing.id} ${decision.oneThing.version} — ${w[decision.outcome]}${
      // On the spot only when every member's own decision says so.
      decision.outcome === "approve" &&
      decision.members.every(
        (m) => m.decidedBy === "rules" && m.decision?.timeLimit?.onTheSpot === true,
      )
        ? w.approvedOnTheSpot
        : ""
    }`,
    `${w.applied}: ${decision.appliedOn}${decision.applicationId ? ` (${decision.applicationId})` : ""}`,
  ];
  if (decision.referrals.length > 0) {
    lines.push(w.reasons);
    for (const [i, r] of decision.referrals.entries())
      lines.push(`  ${i + 1}. [${r.member}: ${r.code}] ${r.message}${cite(r.basis)}`);
  }
  if (decision.missing.length > 0) {
    lines.push(w.supply);
    for (const [i, m] of decision.missing.entries())
      lines.push(`  ${i + 1}. [${m.id}] ${m.message}${w.forMembers(m.members)}${cite(m.basis)}`);
  }
  lines.push(w.members);
  for (const m of decision.members) {
    if (m.decidedBy === "rules") {
      lines.push(`  - ${m.key} (${m.matter}): ${m.outcome}`);
      continue;
    }
    const consent = m.deemedConsent
      ? `${w.sep}${w.deemed(m.deemedConsent.due, m.deemedConsent.authority)}${cite(m.deemedConsent.basis)}`
      : "";
    lines.push(
      `  - ${m.key} (${m.title}): ${m.status}, ${w.department(m.department, m.due)}${m.note ? ` (${m.note})` : ""}${consent}`,
    );
  }
  if (decision.timeLimit) {
    const t = decision.timeLimit;
    lines.push(
      `${w.due}: ${t.due ?? "—"}${t.member ? ` (${t.member})` : ""}${t.note ? ` ${t.note}` : ""}`,
    );
  }
  return `${lines.map((l) => printable(l)).join("\n")}\n`;
}

/**
 * Renders a joint status: the status and traffic light, then each member's.
 *
 * @example
 * formatOneThingStatusText(status); // "in-progress (green)\n  - registration: approved\n…"
 */
export function formatOneThingStatusText(status: OneThingStatus): string {
  const lines = [`${status.status}${status.light ? ` (${status.light})` : ""}`];
  for (const m of status.members) {
    const extra = [
      m.due && `due ${m.due}`,
      m.light,
      m.deemedConsent &&
        `deemed consent since ${m.deemedConsent.since} (${m.deemedConsent.authority}: ${citationsText(m.deemedConsent.basis, "en")}) — not an approval`,
    ].filter(Boolean);
    lines.push(`  - ${m.key}: ${m.status}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`);
  }
  return `${lines.map((l) => printable(l)).join("\n")}\n`;
}
