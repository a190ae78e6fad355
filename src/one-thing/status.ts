import { type DeadlineStatus, deadlineStatus, hasLapsed } from "../calendar/deadline-status.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import type { DecisionCitation } from "../model/decision.js";
import type { CombinedDecision } from "../model/one-thing.js";

/** What a department answered on a member it decides. */
export interface DepartmentAnswer {
  member: string;
  answer: "approved" | "refused";
  on: string;
}

/**
 * A member's status on a day:
 * - `approved`: the rules approved it, or its department answered so;
 * - `refused`: its department refused it (a department's decision, never the library's);
 * - `referred`: the rules referred it to a person; `incomplete`: the application must be completed;
 * - `pending`: with its department, within its time limit; `overdue`: past it, unanswered;
 * - `deemed-consent`: past the 超时默认 limit of a local policy the 一件事 cites — recorded as
 *   such, for the workflow only: it is not the department's approval of its licence;
 * - `not-forwarded`: not sent to the department (the combined application is incomplete).
 */
export type MemberStatus =
  | "approved"
  | "refused"
  | "referred"
  | "incomplete"
  | "pending"
  | "overdue"
  | "deemed-consent"
  | "not-forwarded";

export interface MemberStatusReport {
  key: string;
  status: MemberStatus;
  due?: string;
  light?: DeadlineStatus;
  deemedConsent?: { since: string; authority: string; basis: DecisionCitation[]; effect: string };
}

/**
 * The joint status: `complete` only when every member is approved (a deemed consent is not an
 * approval); `refused` when a department refused a member; `incomplete` when the applicant must
 * complete the application; `action-needed` when a person must act (a referral, a member overdue
 * or deemed to consent); else `in-progress`. `light` is the worst traffic light of the members
 * still running (亮灯督办).
 */
export interface OneThingStatus {
  status: "complete" | "in-progress" | "action-needed" | "incomplete" | "refused";
  light?: DeadlineStatus;
  members: MemberStatusReport[];
}

const ORDER: readonly DeadlineStatus[] = ["green", "yellow", "red", "overdue"];

/**
 * The joint status of a combined decision on `today` (the office's civil date; the library has
 * no clock), from the departments' answers so far. Due dates and the traffic light are counted on
 * the working-day calendar (`warnWorkingDays`: yellow from this many working days left). A
 * member whose department answered takes the answer; an unanswered one is `pending` until its
 * due date, then `overdue` — or `deemed-consent` once the 超时默认 limit the 一件事 cites has
 * surely run out (never on a provisional date that may not have: a person decides then).
 * Throws `RangeError` for an answer naming no department-decided member of the decision.
 *
 * @example
 * oneThingStatus(decision, [], "2025-07-02", { calendar }).status; // "in-progress"
 * oneThingStatus(decision, [{ member: "licence", answer: "approved", on: "2025-07-03" }], "2025-07-03", { calendar }).status; // "complete"
 */
export function oneThingStatus(
  decision: CombinedDecision,
  answers: readonly DepartmentAnswer[],
  today: string,
  options: { calendar: WorkingCalendar; warnWorkingDays?: number },
): OneThingStatus {
  const departments = new Set(
    decision.members.filter((m) => m.decidedBy === "department").map((m) => m.key),
  );
  for (const a of answers) {
    if (!departments.has(a.member)) {
      throw new RangeError(
        `answer for "${a.member}": no member of this 一件事 is decided by a department under that key`,
      );
    }
  }
  const warn = { warnWorkingDays: options.warnWorkingDays ?? 1 };
  const light = (due: string | undefined): DeadlineStatus | undefined => {
    if (due === undefined) return undefined;
    try {
      return deadlineStatus(due, today, warn, options.calendar);
    } catch {
      return undefined;
    }
  };
  const members = decision.members.map((m): MemberStatusReport => {
    if (m.decidedBy === "rules") {
      const due = m.decision?.timeLimit?.statutoryDue;
      if (m.outcome === "approve") return { key: m.key, status: "approved" };
      if (m.outcome === "incomplete") return { key: m.key, status: "incomplete" };
      const l = light(due);
      return { key: m.key, status: "referred", ...(due && { due }), ...(l && { light: l }) };
    }
    const answer = answers.filter((a) => a.member === m.key).at(-1);
    if (answer) return { key: m.key, status: answer.answer };
    if (m.status === "not-forwarded") return { key: m.key, status: "not-forwarded" };
    const consent = m.deemedConsent;
    const l = light(m.due);
    if (consent?.due !== undefined && hasLapsed(consent.due, today) === true) {
      // The department still owes its document: its own deadline keeps its light.
      return {
        key: m.key,
        status: "deemed-consent",
        ...(m.due && { due: m.due }),
        ...(l && { light: l }),
        deemedConsent: {
          since: consent.due,
          authority: consent.authority,
          basis: consent.basis,
          effect: consent.effect,
        },
      };
    }
    if (m.due !== undefined && hasLapsed(m.due, today) === true) {
      return { key: m.key, status: "overdue", due: m.due, light: "overdue" };
    }
    return { key: m.key, status: "pending", ...(m.due && { due: m.due }), ...(l && { light: l }) };
  });
  const statuses = new Set(members.map((m) => m.status));
  const status: OneThingStatus["status"] =
    decision.outcome === "incomplete"
      ? "incomplete"
      : statuses.has("refused")
        ? "refused"
        : members.every((m) => m.status === "approved")
          ? "complete"
          : statuses.has("referred") || statuses.has("overdue") || statuses.has("deemed-consent")
            ? "action-needed"
            : "in-progress";
  const lights = members.flatMap((m) => (m.light ? [m.light] : []));
  const worst = lights.sort((a, b) => ORDER.indexOf(b) - ORDER.indexOf(a))[0];
  return { status, ...(worst && { light: worst }), members };
}
