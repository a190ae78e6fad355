import type { ProvisionalHoliday } from "./calendar-file.js";
import { toDayNumber, weekday } from "./day-number.js";

/**
 * The legal arrangements of one holiday of a provisional year, over its window: for each
 * arrangement, which days of the window are working days.
 *
 * The model (docs/rule-authors.md, "The working-day calendar"; SPEC-2 §1.2, §1.4), from
 * 《全国年节及纪念日放假办法》:
 *
 * 1. The statutory days (art 2) are days off.
 * 2. Art 6: each statutory day on a Saturday or Sunday is owed as a day off on a working day
 *    (补假); art 7: the State Council may arrange 调休, which moves a weekend rest day onto a
 *    weekday: a weekday off (to join the holiday to a weekend) against a weekend day worked
 *    (调休上班). Rest is moved, never taken away (国务院关于职工工作时间的规定 art 7), so
 *    every arrangement has: weekdays off around the holiday − weekend days worked = the
 *    number of statutory days.
 * 3. The days off form one unbroken block with the statutory days (补假 and 调休 days are
 *    placed adjacent to the holiday, as in every notice): a contiguous range of dates that
 *    contains the statutory days, every day of it off.
 * 4. Everything the notice does for this holiday lies in the window (reviewed data: from the
 *    nearest weekends on either side of any plausible block outwards); the weekend days worked
 *    are weekend days of the window outside the block.
 * 5. Art 7: no run of more than `maxRun` consecutive working days touches the window.
 *
 * Windows start and end on days that are rest days whatever the notice says, and do not
 * overlap; so the arrangements of different holidays can be chosen independently: a run of
 * working days seen from one window stops at the first day of another, which this model
 * treats as a rest day; that can only allow more arrangements than the law does, never fewer.
 * The bounds computed from these arrangements are therefore sound for every arrangement the
 * law allows, and exact where they coincide.
 */
export interface HolidayModel {
  readonly holiday: string;
  /** Day numbers of the window's first and last day. */
  readonly first: number;
  readonly last: number;
  /** Day numbers of the statutory days, which are off in every arrangement. */
  readonly statutory: ReadonlySet<number>;
  /** Every distinct arrangement: `working[day - first]` is 1 for a working day, else 0. */
  readonly arrangements: readonly Uint8Array[];
  /** Per window day: 1 working in every arrangement, 0 off in every one, -1 undecided. */
  readonly decided: Int8Array;
}

/** What the model needs to know about the days around a window. */
export interface ModelContext {
  readonly weekend: ReadonlySet<number>;
  /** Whether a day outside every window is a working day (published data or the weekday rule). */
  readonly workingOutside: (day: number) => boolean;
  readonly maxRun: number;
}

/** A guard against a window so wide that enumerating it would take too long. */
const MAX_ARRANGEMENTS = 200_000;

/**
 * Enumerates the legal arrangements of one provisional holiday (see {@link HolidayModel}).
 * Throws a `RangeError` when the data admit none (a window that cannot hold the owed days)
 * or too many to enumerate; `checkCalendarFile` reports the former as an issue first.
 *
 * @example
 * const model = holidayModel(holiday, context);
 * model.arrangements.length; // e.g. 37
 */
export function holidayModel(
  holiday: ProvisionalHoliday,
  context: ModelContext,
  options: { readonly firstOnly?: boolean } = {},
): HolidayModel {
  const first = toDayNumber(holiday.window.from);
  const last = toDayNumber(holiday.window.until);
  const statutory = new Set(holiday.statutory.map(toDayNumber));
  const sMin = Math.min(...statutory);
  const sMax = Math.max(...statutory);
  const isWeekend = (day: number) => context.weekend.has(weekday(day));
  const length = last - first + 1;
  const seen = new Set<string>();
  const arrangements: Uint8Array[] = [];
  let tried = 0;
  // A block that starts or ends on an ordinary weekend day gives nothing new: the same
  // arrangements come from the block one day shorter, with that weekend day not worked.
  const ordinaryWeekend = (day: number) => isWeekend(day) && !statutory.has(day);
  blocks: for (let a = first; a <= sMin; a += 1) {
    if (ordinaryWeekend(a)) continue;
    for (let b = sMax; b <= last; b += 1) {
      if (ordinaryWeekend(b)) continue;
      let weekdaysOff = 0;
      for (let day = a; day <= b; day += 1) if (!isWeekend(day)) weekdaysOff += 1;
      const worked = weekdaysOff - statutory.size;
      if (worked < 0) continue;
      const offWeekdays = (day: number) => day >= a && day <= b;
      const make = (chosen: ReadonlySet<number>) => {
        const working = new Uint8Array(length);
        for (let day = first; day <= last; day += 1) {
          const off = offWeekdays(day) || (isWeekend(day) && !chosen.has(day));
          working[day - first] = off ? 0 : 1;
        }
        return working;
      };
      const fits = (chosen: ReadonlySet<number>) => runsWithin(make(chosen), first, last, context);
      // Working more days only lengthens runs: a weekend day, or a pair of them, that breaks
      // the limit alone breaks it in every set that contains it.
      const candidates: number[] = [];
      for (let day = first; day <= last; day += 1) {
        if ((day < a || day > b) && ordinaryWeekend(day) && fits(new Set([day]))) {
          candidates.push(day);
        }
      }
      if (worked > candidates.length) continue;
      const clash = new Set<string>();
      for (const [i, x] of candidates.entries()) {
        for (const y of candidates.slice(i + 1)) {
          if (y - x <= 14 && !fits(new Set([x, y]))) clash.add(`${x},${y}`);
        }
      }
      for (const chosen of subsets(candidates, worked, (x, y) => !clash.has(`${x},${y}`))) {
        tried += 1;
        if (tried > MAX_ARRANGEMENTS) {
          throw new RangeError(`the window of ${holiday.holiday} is too wide to enumerate`);
        }
        const working = make(chosen);
        if (!runsWithin(working, first, last, context)) continue;
        const key = working.join("");
        if (seen.has(key)) continue;
        seen.add(key);
        arrangements.push(working);
        if (options.firstOnly) break blocks;
      }
    }
  }
  if (arrangements.length === 0) {
    throw new RangeError(`no legal arrangement of ${holiday.holiday} fits its window`);
  }
  const decided = new Int8Array(length);
  for (let i = 0; i < length; i += 1) {
    const value = arrangements[0]?.[i] ?? 0;
    decided[i] = arrangements.every((w) => w[i] === value) ? value : -1;
  }
  return { holiday: holiday.holiday, first, last, statutory, arrangements, decided };
}

// Every run of working days that touches the window is at most maxRun long; days outside the
// window are as the rest of the calendar says.
function runsWithin(working: Uint8Array, first: number, last: number, context: ModelContext) {
  const isWorking = (day: number) =>
    day >= first && day <= last ? working[day - first] === 1 : context.workingOutside(day);
  let start = first;
  while (start > first - 31 && isWorking(start - 1)) start -= 1;
  let run = 0;
  for (let day = start; day <= last + 31; day += 1) {
    if (isWorking(day)) {
      run += 1;
      if (run > context.maxRun) return false;
    } else {
      if (day > last) return true;
      run = 0;
    }
  }
  return true;
}

// The subsets of `size` items in which every two items go together.
function* subsets(
  items: readonly number[],
  size: number,
  together: (x: number, y: number) => boolean,
): Generator<Set<number>> {
  const pick: number[] = [];
  function* from(index: number): Generator<Set<number>> {
    if (pick.length === size) {
      yield new Set(pick);
      return;
    }
    for (let i = index; i <= items.length - (size - pick.length); i += 1) {
      const item = items[i] as number;
      if (!pick.every((p) => together(p, item))) continue;
      pick.push(item);
      yield* from(i + 1);
      pick.pop();
    }
  }
  yield* from(0);
}
