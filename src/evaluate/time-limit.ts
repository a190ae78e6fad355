import type { WorkingCalendar } from "../calendar/working-calendar.js";
import type { Locale } from "../model/common.js";
import type { Outcome, TimeLimitResult } from "../model/decision.js";
import type { MatterFile } from "../model/matter.js";
import { localize } from "./messages.js";

/**
 * The time limit a decision carries (办理时限), counted in working days on the official
 * calendar from the acceptance date (行政许可法 art 82; the day of acceptance is not counted).
 * An approval is made on the spot (当场登记), so it is due the day it is accepted. A referral
 * gets the statutory due date, with the extension if one is allowed, and the promised one.
 * An incomplete application is not accepted yet, so no time runs. A date the calendar does not
 * cover is left out with a note — never estimated silently. A date counted into a provisional
 * year (its State Council notice not out) is exact where every legal arrangement gives the
 * same day, else given as bounds under `provisional` with a note saying 暂定; the working days
 * and the calendar revision are recorded so that the dates can be counted again when the
 * notice is added (`smart-approval deadlines`).
 *
 * @example
 * timeLimit(matter.file, "refer", "2025-01-24", calendar, "zh-CN");
 * // { acceptedOn: "2025-01-24", onTheSpot: false, statutoryDue: "2025-02-05", statutoryDueExtended: "2025-02-08", promisedDue: "2025-01-24", workingDays: { statutory: 3, extension: 3, promised: 0 }, calendar: { id: "cn-mainland", revision: "2026-12-05" } }
 */
export function timeLimit(
  matter: MatterFile,
  outcome: Outcome,
  acceptedOn: string,
  calendar: WorkingCalendar | undefined,
  locale: Locale,
): TimeLimitResult | undefined {
  if (outcome === "incomplete") return undefined;
  const { statutory, promised } = matter.timeLimit;
  const used = calendar && { calendar: { id: calendar.id, revision: calendar.revision } };
  if (outcome === "approve" && statutory.onTheSpot) {
    return { acceptedOn, onTheSpot: true, statutoryDue: acceptedOn, ...used };
  }
  if (calendar === undefined) {
    return { acceptedOn, onTheSpot: false, note: localize(NO_CALENDAR, locale) };
  }
  const workingDays = {
    statutory: statutory.workingDays,
    ...(statutory.extensionWorkingDays !== undefined && {
      extension: statutory.extensionWorkingDays,
    }),
    ...(promised !== undefined && { promised: promised.workingDays }),
  };
  try {
    return {
      acceptedOn,
      onTheSpot: false,
      ...countDeadlines(acceptedOn, workingDays, calendar, locale),
      workingDays,
      ...used,
    };
  } catch (error) {
    return { acceptedOn, onTheSpot: false, note: (error as Error).message, workingDays, ...used };
  }
}

/** The working days a time limit counts, as a decision records them. */
export type TimeLimitWorkingDays = NonNullable<TimeLimitResult["workingDays"]>;

/**
 * The due dates of a time limit on a calendar: the exact dates, and the provisional ones as
 * bounds with a note (暂定) naming them and the calendar revision. Throws a
 * `CalendarCoverageError` beyond the calendar.
 *
 * @example
 * countDeadlines("2027-01-28", { statutory: 5 }, calendar, "en");
 * // { provisional: { statutoryDue: { earliest: "2027-02-03", latest: "2027-02-14" } }, note: "Provisional: …" }
 */
export function countDeadlines(
  acceptedOn: string,
  workingDays: TimeLimitWorkingDays,
  calendar: WorkingCalendar,
  locale: Locale,
): Pick<
  TimeLimitResult,
  "statutoryDue" | "statutoryDueExtended" | "promisedDue" | "provisional" | "note"
> {
  const counts = {
    statutoryDue: workingDays.statutory,
    ...(workingDays.extension !== undefined && {
      statutoryDueExtended: workingDays.statutory + workingDays.extension,
    }),
    ...(workingDays.promised !== undefined && { promisedDue: workingDays.promised }),
  };
  const exact: Record<string, string> = {};
  const provisional: Record<string, { earliest: string; latest: string }> = {};
  const words: string[] = [];
  for (const [key, days] of Object.entries(counts)) {
    const bounds = calendar.dueBounds(acceptedOn, days);
    if (bounds.due !== undefined) exact[key] = bounds.due;
    else {
      provisional[key] = { earliest: bounds.earliest, latest: bounds.latest };
      words.push(localize(PROVISIONAL_DUE[key as keyof typeof PROVISIONAL_DUE](bounds), locale));
    }
  }
  if (words.length === 0) return exact;
  const note = localize(
    PROVISIONAL_NOTE({ dates: words.join(localize(SEP, locale)), revision: calendar.revision }),
    locale,
  );
  return { ...exact, provisional, note };
}

const SEP = { "zh-CN": "；", en: "; " };

const PROVISIONAL_DUE = {
  statutoryDue: ({ earliest, latest }: { earliest: string; latest: string }) => ({
    "zh-CN": `法定期限 ${earliest} 至 ${latest} 之间`,
    en: `statutory time limit between ${earliest} and ${latest}`,
  }),
  statutoryDueExtended: ({ earliest, latest }: { earliest: string; latest: string }) => ({
    "zh-CN": `延长后 ${earliest} 至 ${latest} 之间`,
    en: `extended between ${earliest} and ${latest}`,
  }),
  promisedDue: ({ earliest, latest }: { earliest: string; latest: string }) => ({
    "zh-CN": `承诺期限 ${earliest} 至 ${latest} 之间`,
    en: `promised between ${earliest} and ${latest}`,
  }),
};

// 暂定: the year's State Council notice is not out, so the day cannot be known yet; the
// earliest date is the one to act on.
const PROVISIONAL_NOTE = ({ dates, revision }: { dates: string; revision: string }) => ({
  "zh-CN": `暂定：${dates}（国务院办公厅当年节假日安排通知尚未发布，按最早日期办理；工作日历修订 ${revision}）`,
  en: `Provisional: ${dates} (the State Council's holiday notice for that year is not out yet; act by the earliest date; calendar revision ${revision})`,
});

const NO_CALENDAR = {
  "zh-CN": "未加载工作日历，无法计算办理期限",
  en: "No working-day calendar is loaded, so no due date is computed",
};
