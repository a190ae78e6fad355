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
 * cover is left out with a note — never estimated silently.
 *
 * @example
 * timeLimit(matter.file, "refer", "2025-01-24", calendar, "zh-CN");
 * // { acceptedOn: "2025-01-24", onTheSpot: false, statutoryDue: "2025-02-05", statutoryDueExtended: "2025-02-08", promisedDue: "2025-01-24" }
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
  if (outcome === "approve" && statutory.onTheSpot) {
    return { acceptedOn, onTheSpot: true, statutoryDue: acceptedOn };
  }
  if (calendar === undefined) {
    return { acceptedOn, onTheSpot: false, note: localize(NO_CALENDAR, locale) };
  }
  try {
    const due = (days: number) => calendar.dueDate(acceptedOn, days).due;
    return {
      acceptedOn,
      onTheSpot: false,
      statutoryDue: due(statutory.workingDays),
      ...(statutory.extensionWorkingDays !== undefined && {
        statutoryDueExtended: due(statutory.workingDays + statutory.extensionWorkingDays),
      }),
      ...(promised !== undefined && { promisedDue: due(promised.workingDays) }),
    };
  } catch (error) {
    return { acceptedOn, onTheSpot: false, note: (error as Error).message };
  }
}

const NO_CALENDAR = {
  "zh-CN": "未加载工作日历，无法计算办理期限",
  en: "No working-day calendar is loaded, so no due date is computed",
};
