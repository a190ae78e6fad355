import { parsePlainDate } from "../../checks/plain-date.js";
import type { DerivedFunction } from "./derived-function.js";

const DAY_MS = 86_400_000;

/**
 * The distance in calendar days from the application date to a date: positive when the date
 * is later, negative when earlier (an approval issued 91 days before gives -91). Used for
 * validity windows such as the 90-day rule of 细则 art 22.
 */
export const dateDistance: DerivedFunction = {
  name: "date-distance",
  description: "Calendar days from the application date to the input date",
  outputs: { daysAfterApplication: "number" },
  compute(input, { appliedOn }) {
    const date = typeof input === "string" ? dayNumber(input) : undefined;
    const applied = dayNumber(appliedOn);
    if (date === undefined || applied === undefined) return {};
    return { daysAfterApplication: date - applied };
  },
};

function dayNumber(value: string): number | undefined {
  const date = parsePlainDate(value);
  return date && Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}
