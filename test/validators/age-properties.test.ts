// Issue 11 class 10: ages of everyone, 29 February births included, agree with the count of
// periods in years of 民法典 arts 200–204, written out here independently of src/validators/age.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completedYears, isBirthday } from "../../src/validators/age.js";
import { daysInMonth } from "../../src/validators/plain-date.js";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 ↔ ISO date, through Date (a different road from the library's). */
const iso = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);
const daysOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * The last day of a period of `years` years from `birth` (民法典 art 202): the corresponding
 * day of the month the period ends in, or that month's last day where it has no such day.
 */
function periodEnd(birth: string, years: number): string {
  const [y, m, d] = birth.split("-").map(Number) as [number, number, number];
  const day = Math.min(d, daysInMonth(y + years, m));
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** 周岁 by the statute: how many year-periods have reached their last day by `on`. */
function statuteAge(birth: string, on: string): number {
  let years = 0;
  while (periodEnd(birth, years + 1) <= on) years++;
  return years;
}

const FIRST = daysOf("1890-01-01");
const LAST = daysOf("2110-12-31");
/** Any day, with the days around 29 February drawn often (uniformly, 29 February is 1 in 1,461). */
const birthDay = fc.oneof(
  fc.integer({ min: FIRST, max: daysOf("2060-12-31") }),
  fc
    .tuple(
      fc.integer({ min: 1890, max: 2060 }),
      fc.constantFrom("02-27", "02-28", "02-29", "03-01"),
    )
    .filter(([year, day]) => day !== "02-29" || daysInMonth(year, 2) === 29)
    .map(([year, day]) => daysOf(`${year}-${day}`)),
);

describe("completedYears and isBirthday over all birth dates (民法典 arts 201–202)", () => {
  it("agree with the statute on the last day of the 1st, 16th, 17th, 18th and 60th years of every birth date 1890–2060, and on the days around it", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (let b = FIRST; b <= daysOf("2060-12-31"); b++) {
      const birth = iso(b);
      for (const years of [1, 16, 17, 18, 60]) {
        const end = daysOf(periodEnd(birth, years));
        const seen = [-1, 0, 1].map((offset) => [
          completedYears(birth, iso(end + offset)),
          isBirthday(birth, iso(end + offset)),
        ]);
        const expected = [
          [years - 1, false],
          [years, true],
          [years, false],
        ];
        if (JSON.stringify(seen) !== JSON.stringify(expected)) {
          wrong.push(`${birth} year ${years}: ${JSON.stringify(seen)}`);
        }
        checked++;
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBe((daysOf("2060-12-31") - FIRST + 1) * 5);
  });

  it("agree with the statute on any pair of dates", () => {
    fc.assert(
      fc.property(
        birthDay,
        fc.integer({ min: 0, max: 120 * 366 }),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: -2, max: 2 }))),
        (b, offset, nearBirthday) => {
          const birth = iso(b);
          // Either any later day, or a day within two of a birthday.
          const day = nearBirthday
            ? daysOf(periodEnd(birth, nearBirthday[0])) + nearBirthday[1]
            : b + offset;
          const on = iso(Math.min(Math.max(day, b), LAST));
          expect(completedYears(birth, on)).toBe(statuteAge(birth, on));
          const birthday =
            on === birth ||
            Array.from({ length: 121 }, (_, n) => periodEnd(birth, n + 1)).includes(on);
          expect(isBirthday(birth, on)).toBe(birthday);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("is monotone in the day, never skips a year, and goes up exactly once in each calendar year after birth — on the birthday", () => {
    fc.assert(
      fc.property(birthDay, fc.integer({ min: 1, max: 100 }), (b, yearsLater) => {
        const birth = iso(b);
        const year = Number(birth.slice(0, 4)) + yearsLater;
        let previous = completedYears(birth, `${year - 1}-12-31`) as number;
        let increments = 0;
        for (let d = daysOf(`${year}-01-01`); d <= daysOf(`${year}-12-31`); d++) {
          const age = completedYears(birth, iso(d)) as number;
          expect(age - previous === 0 || age - previous === 1).toBe(true);
          expect(isBirthday(birth, iso(d))).toBe(age === previous + 1);
          if (age === previous + 1) increments++;
          previous = age;
        }
        expect(increments).toBe(1);
        expect(previous).toBe(yearsLater);
      }),
      { numRuns: 300 },
    );
  });

  it("gives a 29 February birth its birthday on 28 February in every common year and on 29 February in every leap year", () => {
    for (let birthYear = 1896; birthYear <= 2096; birthYear += 4) {
      if (daysInMonth(birthYear, 2) !== 29) continue;
      const birth = `${birthYear}-02-29`;
      for (let year = birthYear + 1; year <= birthYear + 20; year++) {
        const leap = daysInMonth(year, 2) === 29;
        expect(isBirthday(birth, `${year}-02-28`)).toBe(!leap);
        expect(isBirthday(birth, `${year}-03-01`)).toBe(false);
        expect(completedYears(birth, `${year}-02-28`)).toBe(year - birthYear - (leap ? 1 : 0));
        expect(completedYears(birth, `${year}-03-01`)).toBe(year - birthYear);
        if (leap) expect(isBirthday(birth, `${year}-02-29`)).toBe(true);
      }
    }
  });
});
