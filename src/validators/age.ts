import { type DateParts, daysInMonth, parsePlainDate } from "./plain-date.js";

/*
 * When a year of age is completed. 周岁 are a period counted in years from the day of birth,
 * and 民法典 arts 200–204 say how such a period is counted: by the Gregorian calendar (art 200);
 * the day of birth itself is not counted (art 201); a period in years ends on the corresponding
 * day of the last month — and where that month has no corresponding day, on its last day
 * (art 202); the last day ends at 24:00 (art 203). So the N-th year of someone born on
 * 29 February ends on 29 February in a leap year and on 28 February in a common year: that is
 * the birthday in a common year, and 1 March is already the day after it.
 *
 * The library counts the year as completed on that last day (the birthday itself) and leaves
 * the day to the matters: the law does not say whether the birthday counts (art 203 ends the
 * period only at 24:00; the SPC 2006 criminal interpretation art 2 counts 周岁 from the day
 * after the birthday), so matters refer an application made on the 18th birthday
 * (`birthdayToday`). The day after — 1 March after a 28 February birthday — is past the end of
 * the period whether or not the birthday counts. An earlier version put the common-year birthday
 * on 1 March, which has no footing in art 202 and kept an adult from being approved on 1 March.
 */
function anniversaryIn(year: number, birth: DateParts): { month: number; day: number } {
  return { month: birth.month, day: Math.min(birth.day, daysInMonth(year, birth.month)) };
}

function parsePair(birthDate: string, onDate: string): [DateParts, DateParts] | undefined {
  const birth = parsePlainDate(birthDate);
  const on = parsePlainDate(onDate);
  if (!birth || !on || onDate < birthDate) return undefined;
  return [birth, on];
}

/**
 * Age in completed years (周岁) on a given day. The year is completed on the anniversary
 * itself: someone born 2007-06-30 is 18 on 2025-06-30. A 29 February birth completes its
 * years on 28 February in common years (民法典 art 202: no corresponding day, so the last day
 * of the month). Undefined when either date is not a real `YYYY-MM-DD`
 * date or `onDate` is before `birthDate`.
 *
 * @example
 * completedYears("2007-06-30", "2025-06-29"); //=> 17
 * completedYears("2007-06-30", "2025-06-30"); //=> 18
 * completedYears("2008-02-29", "2026-02-27"); //=> 17
 * completedYears("2008-02-29", "2026-02-28"); //=> 18
 */
export function completedYears(birthDate: string, onDate: string): number | undefined {
  const pair = parsePair(birthDate, onDate);
  if (!pair) return undefined;
  const [birth, on] = pair;
  const anniversary = anniversaryIn(on.year, birth);
  const beforeAnniversary =
    on.month < anniversary.month || (on.month === anniversary.month && on.day < anniversary.day);
  return on.year - birth.year - (beforeAnniversary ? 1 : 0);
}

/**
 * Tells whether `onDate` is a birthday (or the day of birth) of someone born on `birthDate`,
 * by the same rule as {@link completedYears}: a 29 February birthday falls on 28 February in
 * common years. Undefined, not false, when either date is invalid or `onDate` is before
 * `birthDate`, so that an unknown never reads as "not a birthday".
 *
 * @example
 * isBirthday("2007-06-30", "2025-06-30"); //=> true
 * isBirthday("2008-02-29", "2025-02-28"); //=> true
 * isBirthday("2008-02-29", "2025-03-01"); //=> false
 */
export function isBirthday(birthDate: string, onDate: string): boolean | undefined {
  const pair = parsePair(birthDate, onDate);
  if (!pair) return undefined;
  const [birth, on] = pair;
  const anniversary = anniversaryIn(on.year, birth);
  return on.month === anniversary.month && on.day === anniversary.day;
}
