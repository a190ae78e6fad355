import type { Application } from "../model/application.js";
import type { ApplicationProblem } from "./application-error.js";

// The applicant must not choose the law by choosing the date. `appliedOn` picks the version in
// force, and ages (周岁), validity windows and time limits are all counted on it, so a date in
// the future would decide a 17-year-old as an adult and a back-dated one would escape an
// expiry. Registration is made on the spot (当场登记, 市场主体登记管理条例 art 19): the date of
// an application decided now is today, in China Standard Time (UTC+8, where the registration
// authorities are), read from the decision's only clock, `options.now`.

/**
 * How many days before today `appliedOn` is accepted by default: one, for an application
 * received before midnight (China Standard Time) and decided after it. Anything older is an
 * archive being replayed (say `replay: true`) or a late case a person must take up.
 */
export const DEFAULT_BACKDATE_DAYS = 1;

/** The most `backdateDays` can be: a year and a day, beyond which nothing is "late". */
export const MAX_BACKDATE_DAYS = 366;

/** The options of `decide` that bound the application's dates. */
export interface ApplicationDateOptions {
  /** The decision's clock (`decidedAt`); the real clock when not given. */
  now?: Date;
  /**
   * Replays an archived application on the date it states (fixtures, version diffs, audits):
   * `appliedOn` and `acceptedOn` are then not bounded by today, and the decision record says
   * `replay: true`. Never set it for an application being decided for real.
   */
  replay?: boolean;
  /**
   * How many days before today (China Standard Time) `appliedOn` may be: a whole number from
   * 0 to 366, default `DEFAULT_BACKDATE_DAYS` (1).
   */
  backdateDays?: number;
}

/**
 * Today's date in China Standard Time (UTC+8, no daylight saving), as YYYY-MM-DD.
 *
 * @example
 * chinaToday(new Date("2025-06-30T16:30:00Z")); // "2025-07-01"
 */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Why an application's dates cannot be decided today: `appliedOn` after today or more than
 * `backdateDays` before it, `acceptedOn` after today or before `appliedOn`. Empty when the
 * dates are acceptable, and always empty when replaying (except `acceptedOn` before
 * `appliedOn`, which no archive can hold either). Throws `RangeError` for a malformed option.
 *
 * @example
 * applicationDateProblems({ appliedOn: "2026-12-06" }, { now: new Date("2026-12-05T00:00:00Z") });
 * // [{ code: "applied-on-in-future", … }]
 */
export function applicationDateProblems(
  application: Pick<Application, "appliedOn" | "acceptedOn">,
  options: ApplicationDateOptions,
): ApplicationProblem[] {
  const { appliedOn, acceptedOn } = application;
  const problems: ApplicationProblem[] = [];
  if (acceptedOn !== undefined && acceptedOn < appliedOn) {
    problems.push({
      code: "accepted-before-applied",
      message: `acceptedOn ${acceptedOn} is before appliedOn ${appliedOn}: an application is accepted on or after the day it is made`,
      pointer: "/acceptedOn",
    });
  }
  if (options.replay === true) return problems;
  const days = backdateDays(options.backdateDays);
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError("options.now is not a valid date");
  const today = chinaToday(now);
  const earliest = chinaToday(new Date(now.getTime() - days * 86_400_000));
  if (appliedOn > today) {
    problems.push({
      code: "applied-on-in-future",
      message: `appliedOn ${appliedOn} is after today (${today}, China Standard Time): an application cannot be decided before it is made; to replay an archive, say so (replay)`,
      pointer: "/appliedOn",
    });
  } else if (appliedOn < earliest) {
    problems.push({
      code: "applied-on-too-old",
      message: `appliedOn ${appliedOn} is more than ${days} day(s) before today (${today}, China Standard Time): registration is made on the spot (市场主体登记管理条例 art 19), so a late application is for a person to take up; to replay an archive, say so (replay)`,
      pointer: "/appliedOn",
    });
  }
  if (acceptedOn !== undefined && acceptedOn > today) {
    problems.push({
      code: "applied-on-in-future",
      message: `acceptedOn ${acceptedOn} is after today (${today}, China Standard Time)`,
      pointer: "/acceptedOn",
    });
  }
  return problems;
}

function backdateDays(days: number | undefined): number {
  if (days === undefined) return DEFAULT_BACKDATE_DAYS;
  if (!Number.isInteger(days) || days < 0 || days > MAX_BACKDATE_DAYS) {
    throw new RangeError(
      `options.backdateDays must be a whole number from 0 to ${MAX_BACKDATE_DAYS}, not ${String(days)}`,
    );
  }
  return days;
}
