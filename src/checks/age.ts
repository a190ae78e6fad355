import { isLeapYear, type PlainDate, parsePlainDate } from "./plain-date.js";

/*
 * Someone born on 29 February has no anniversary in a common year. We place it on 1 March,
 * the later of the two candidates, so that no one is ever counted a year older (for instance
 * an adult under 民法典 art 17) a day before every reading of the law would agree. Leap-day
 * births in leap years keep 29 February.
 */
function anniversaryIn(year: number, birth: PlainDate): { month: number; day: number } {
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { month: 3, day: 1 };
  return { month: birth.month, day: birth.day };
}

function parsePair(birthDate: string, onDate: string): [PlainDate, PlainDate] | undefined {
  const birth = parsePlainDate(birthDate);
  const on = parsePlainDate(onDate);
  if (!birth || !on || onDate < birthDate) return undefined;
  return [birth, on];
}

/**
 * Age in completed years (周岁) on a given day. The year is completed on the anniversary
 * itself: someone born 2007-06-30 is 18 on 2025-06-30. A 29 February birth completes its
 * years on 1 March in common years. Undefined when either date is not a real `YYYY-MM-DD`
 * date or `onDate` is before `birthDate`.
 *
 * @example
 * completedYears("2007-06-30", "2025-06-29"); //=> 17
 * completedYears("2007-06-30", "2025-06-30"); //=> 18
 * completedYears("2008-02-29", "2026-02-28"); //=> 17
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
 * by the same rule as {@link completedYears}: a 29 February birthday falls on 1 March in
 * common years. Undefined, not false, when either date is invalid or `onDate` is before
 * `birthDate`, so that an unknown never reads as "not a birthday".
 *
 * @example
 * isBirthday("2007-06-30", "2025-06-30"); //=> true
 * isBirthday("2008-02-29", "2025-03-01"); //=> true
 * isBirthday("2008-02-29", "2025-02-28"); //=> false
 */
export function isBirthday(birthDate: string, onDate: string): boolean | undefined {
  const pair = parsePair(birthDate, onDate);
  if (!pair) return undefined;
  const [birth, on] = pair;
  const anniversary = anniversaryIn(on.year, birth);
  return on.month === anniversary.month && on.day === anniversary.day;
}
