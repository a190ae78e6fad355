import { isCalendarCoverageError } from "../calendar/coverage-error.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import type { Locale } from "../model/common.js";
import { localize } from "./messages.js";

/**
 * When a follow-up is due: `workingDays` after acceptance on the working-day calendar (the day
 * of acceptance not counted, 行政许可法 art 82), or, when that cannot be counted, a note
 * saying why — no calendar, or a day outside its coverage (a year whose State Council notice
 * is not in the calendar). Never an estimate: a wrong due date is a wrong instruction to the
 * people who must check. Nothing when the follow-up has no working-day count.
 *
 * @example
 * followUpDue("2025-06-30", 60, calendar, "zh-CN"); // { due: "2025-09-22" }
 * followUpDue("2026-11-02", 60, calendar, "zh-CN"); // { note: "核查期限（60 个工作日）…" }
 */
export function followUpDue(
  acceptedOn: string,
  workingDays: number | undefined,
  calendar: WorkingCalendar | undefined,
  locale: Locale,
): { due: string } | { note: string } | undefined {
  if (workingDays === undefined) return undefined;
  if (calendar === undefined) {
    return { note: localize(NO_CALENDAR({ n: String(workingDays) }), locale) };
  }
  try {
    return { due: calendar.addWorkingDays(acceptedOn, workingDays) };
  } catch (error) {
    const text = isCalendarCoverageError(error)
      ? OUTSIDE({ n: String(workingDays), from: error.covers.from, until: error.covers.until })
      : FAILED({ n: String(workingDays), detail: error instanceof Error ? error.message : "" });
    return { note: localize(text, locale) };
  }
}

const NO_CALENDAR = ({ n }: { n: string }) => ({
  "zh-CN": `未加载工作日历，无法计算到期日（${n} 个工作日），请人工确定`,
  en: `No working-day calendar is loaded, so the due date (${n} working days) is not computed; set it by hand`,
});

const OUTSIDE = ({ n, from, until }: { n: string; from: string; until: string }) => ({
  "zh-CN": `到期日（受理后 ${n} 个工作日）超出工作日历覆盖范围（${from} 至 ${until}），须待国务院办公厅公布该年度节假日安排后确定`,
  en: `The due date (${n} working days after acceptance) falls outside the working-day calendar (${from} to ${until}); it is set once the State Council publishes that year's holiday arrangement`,
});

const FAILED = ({ n, detail }: { n: string; detail: string }) => ({
  "zh-CN": `无法计算到期日（${n} 个工作日）：${detail}，请人工确定`,
  en: `The due date (${n} working days) could not be computed: ${detail}; set it by hand`,
});
