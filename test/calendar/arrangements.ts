// Random arrangements of a provisional year that the law allows, built independently of
// src/calendar/provisional-model.ts (which enumerates them window by window): here a whole
// year is drawn at once, holiday by holiday, and checked as a whole against
// 《全国年节及纪念日放假办法》:
// - art 2: the statutory days are off;
// - art 6: every statutory day on a weekend is made up by a weekday off (补假), placed next to
//   the holiday (the days off of a holiday form one unbroken block around its statutory days);
// - art 7: 调休 moves rest, it does not take it away: every further weekday off in the block is
//   paid for by one weekend day worked (调休上班), near the holiday;
// - art 7: no more than 6 working days in a row.
// "Near the holiday" is the reviewed window of each holiday in rules/calendars/cn-mainland.json.
import type { ProvisionalHoliday, ProvisionalYear } from "../../src/calendar/calendar-file.js";
import { fromDayNumber, toDayNumber, weekday } from "../../src/calendar/day-number.js";

export interface Arrangement {
  /** Days off beyond the ordinary weekend (weekdays and the statutory days). */
  readonly off: ReadonlySet<number>;
  /** Weekend days worked (调休上班). */
  readonly worked: ReadonlySet<number>;
}

const isWeekend = (day: number) => weekday(day) === 0 || weekday(day) === 6;

/** A small seeded generator (mulberry32), so that fast-check's seed decides every draw. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(holiday: ProvisionalHoliday, next: () => number): Arrangement | undefined {
  const days = holiday.statutory.map(toDayNumber);
  const [first, last] = [toDayNumber(holiday.window.from), toDayNumber(holiday.window.until)];
  const [sMin, sMax] = [Math.min(...days), Math.max(...days)];
  // Mostly short blocks, as notices make them, sometimes anything the window allows.
  const reach = (room: number) =>
    next() < 0.7 ? Math.min(room, Math.floor(next() * 4)) : Math.floor(next() * (room + 1));
  let a = sMin - reach(sMin - first);
  let b = sMax + reach(last - sMax);
  const weekdaysOff = () => {
    let n = 0;
    for (let d = a; d <= b; d += 1) if (!isWeekend(d)) n += 1;
    return n;
  };
  // The owed days must fit: lengthen the block on a random side until they do.
  while (weekdaysOff() < days.length) {
    if ((next() < 0.5 && a > first) || b >= last) a -= 1;
    else b += 1;
    if (a < first) return undefined;
  }
  const pay = weekdaysOff() - days.length;
  const candidates: number[] = [];
  for (let d = first; d <= last; d += 1) if ((d < a || d > b) && isWeekend(d)) candidates.push(d);
  if (pay > candidates.length) return undefined;
  for (let i = candidates.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j] as number, candidates[i] as number];
  }
  const off = new Set<number>();
  for (let d = a; d <= b; d += 1) off.add(d);
  return { off, worked: new Set(candidates.slice(0, pay)) };
}

/**
 * A random legal arrangement of a provisional year, or undefined when the draws did not give
 * one (the caller draws again). `base` tells working days outside the year (published data
 * before, the weekday rule after).
 */
export function drawYear(
  year: ProvisionalYear,
  seed: number,
  base: (day: number) => boolean,
): Arrangement | undefined {
  const next = random(seed);
  const off = new Set<number>();
  const worked = new Set<number>();
  for (const holiday of year.holidays) {
    // A few tries per holiday for one that keeps every run of work short, with the holidays
    // drawn so far in place.
    let found: Arrangement | undefined;
    for (let attempt = 0; attempt < 30 && found === undefined; attempt += 1) {
      const candidate = draw(holiday, next);
      if (candidate === undefined) continue;
      const trial = {
        off: new Set([...off, ...candidate.off]),
        worked: new Set([...worked, ...candidate.worked]),
      };
      const [from, to] = [toDayNumber(holiday.window.from), toDayNumber(holiday.window.until)];
      if (longestRun(trial, base, from - 20, to + 20, year) <= year.maxConsecutiveWorkingDays) {
        found = candidate;
      }
    }
    if (found === undefined) return undefined;
    for (const d of found.off) off.add(d);
    for (const d of found.worked) worked.add(d);
  }
  const arrangement = { off, worked };
  const [from, to] = [toDayNumber(`${year.year}-01-01`), toDayNumber(`${year.year + 1}-01-15`)];
  return longestRun(arrangement, base, from - 10, to, year) <= year.maxConsecutiveWorkingDays
    ? arrangement
    : undefined;
}

/** Whether a day is a working day under an arrangement of the provisional year. */
export function workingUnder(
  arrangement: Arrangement,
  base: (day: number) => boolean,
  year: ProvisionalYear,
): (day: number) => boolean {
  const [from, to] = [toDayNumber(`${year.year}-01-01`), toDayNumber(`${year.year + 1}-12-31`)];
  return (day) => {
    if (day < from) return base(day);
    if (arrangement.off.has(day)) return false;
    if (arrangement.worked.has(day)) return true;
    return day <= to ? !isWeekend(day) : base(day);
  };
}

function longestRun(
  arrangement: Arrangement,
  base: (day: number) => boolean,
  from: number,
  to: number,
  year: ProvisionalYear,
): number {
  const working = workingUnder(arrangement, base, year);
  let [run, longest] = [0, 0];
  for (let d = from; d <= to; d += 1) {
    run = working(d) ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** The Nth working day after `start` under `working` (the naive count of SPEC §8.5). */
export function naiveDue(start: string, n: number, working: (day: number) => boolean): string {
  let day = toDayNumber(start);
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (working(day)) counted += 1;
  }
  return fromDayNumber(day);
}
