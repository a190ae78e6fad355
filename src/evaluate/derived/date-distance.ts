import { daysInMonth, parsePlainDate } from "../../validators/plain-date.js";
import type { DerivedFunction } from "./derived-function.js";

const DAY_MS = 86_400_000;
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;

/**
 * The distance from the application date to a date: in calendar days (positive when the date
 * is later: an approval issued 91 days before gives -91), and, with the option `years`,
 * whether the date falls on or before the same calendar day that many years after the
 * application (29 February counts to 28 February, the earlier and stricter day). Used for
 * validity windows such as the 90-day rule of 细则 art 22 and the five-year capital rule of
 * 公司法 art 47.
 */
export const dateDistance: DerivedFunction = {
  name: "date-distance",
  description: "Calendar days, and optionally a years window, from the application date to a date",
  outputs: { daysAfterApplication: "number", withinYears: "boolean" },
  checkOptions(options) {
    const years = options.years;
    return years === undefined || (Number.isInteger(years) && (years as number) > 0)
      ? []
      : ['option "years" must be a positive whole number'];
  },
  compute(input, { appliedOn, options }) {
    const date = typeof input === "string" ? parsePlainDate(input) : undefined;
    const applied = parsePlainDate(appliedOn);
    if (date === undefined || applied === undefined) return {};
    const out: Record<string, unknown> = {
      daysAfterApplication:
        day(date.year, date.month, date.day) - day(applied.year, applied.month, applied.day),
    };
    if (typeof options.years === "number") {
      const year = applied.year + options.years;
      const limit = day(
        year,
        applied.month,
        Math.min(applied.day, daysInMonth(year, applied.month)),
      );
      out.withinYears = day(date.year, date.month, date.day) <= limit;
    }
    return out;
  },
};
