import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { cite } from "../evaluate/citations.js";
import { localize } from "../evaluate/messages.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { DepartmentMember, MemberResult } from "../model/one-thing.js";

type DepartmentResult = Extract<MemberResult, { decidedBy: "department" }>;

/**
 * A member its department decides, as the combined decision reports it: `pending` with the
 * department and its due date (`workingDays` after acceptance on the working-day calendar, the
 * day of acceptance not counted: 行政许可法 art 82), or `not-forwarded` when the combined
 * application is incomplete (not accepted, so no time runs). A deemed consent the file
 * provides is reported with its own due date and basis, so that it is known in advance — it
 * takes effect only through `oneThingStatus`, and never as the department's approval.
 *
 * @example
 * departmentResult(member, "2025-06-30", true, calendar, laws, "zh-CN").due; // "2025-07-14"
 */
export function departmentResult(
  member: DepartmentMember,
  acceptedOn: string,
  forwarded: boolean,
  calendar: WorkingCalendar | undefined,
  laws: ReadonlyMap<string, LocalizedText>,
  locale: Locale,
): DepartmentResult {
  const due = forwarded ? exactDue(acceptedOn, member.timeLimit.workingDays, calendar, locale) : {};
  const consent = member.deemedConsent;
  return {
    key: member.key,
    matter: member.matter,
    decidedBy: "department",
    title: localize(member.title, locale),
    department: localize(member.department, locale),
    status: forwarded ? "pending" : "not-forwarded",
    workingDays: member.timeLimit.workingDays,
    ...due,
    basis: cite(member.timeLimit.basis, laws, locale),
    ...(consent && {
      deemedConsent: {
        workingDays: consent.workingDays,
        ...(forwarded ? exactDue(acceptedOn, consent.workingDays, calendar, locale) : {}),
        authority: consent.authority,
        basis: cite(consent.basis, laws, locale),
        effect: localize(consent.effect, locale),
      },
    }),
  };
}

/**
 * `workingDays` after `acceptedOn`, only when the calendar gives one exact date; otherwise a
 * note (no calendar, beyond its coverage, or a provisional year: SPEC-2 §1.4) — never an estimate.
 */
export function exactDue(
  acceptedOn: string,
  workingDays: number,
  calendar: WorkingCalendar | undefined,
  locale: Locale,
): { due: string } | { note: string } {
  if (calendar === undefined) return { note: localize(NO_CALENDAR, locale) };
  try {
    const bounds = calendar.dueBounds(acceptedOn, workingDays);
    if (bounds.due !== undefined) return { due: bounds.due };
    return {
      note: localize(PROVISIONAL({ earliest: bounds.earliest, latest: bounds.latest }), locale),
    };
  } catch (error) {
    return { note: error instanceof Error ? error.message : String(error) };
  }
}

const NO_CALENDAR = {
  "zh-CN": "未加载工作日历，无法计算到期日，请人工确定",
  en: "No working-day calendar is loaded, so the due date is not computed; set it by hand",
};

const PROVISIONAL = ({ earliest, latest }: { earliest: string; latest: string }) => ({
  "zh-CN": `暂定：到期日在 ${earliest} 至 ${latest} 之间（当年节假日安排尚未发布），按最早日期办理`,
  en: `Provisional: due between ${earliest} and ${latest} (that year's holiday notice is not out); act by the earliest date`,
});
