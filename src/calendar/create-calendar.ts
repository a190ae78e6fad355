import type { CalendarFile } from "./calendar-file.js";
import { parseCalendarFile } from "./parse-calendar-file.js";
import { compileCalendar, type WorkingCalendar } from "./working-calendar.js";

// Apart from working-calendar.ts: validating a calendar file takes the zod schemas, which a
// calendar validated beforehand (loaded rules, a bundle, the browser's rules) does without.

/**
 * Compiles a calendar file once into a {@link WorkingCalendar} whose look-ups are
 * constant-time. The file is validated as `parseCalendarFile` validates it: an invalid file is
 * a `RangeError` listing its first problems (read it through `parseCalendarFile` for all of
 * them, as data), or use `bundledCalendar()` for the official mainland calendar.
 *
 * @example
 * const result = parseCalendarFile(JSON.parse(text));
 * if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join("\n"));
 * const calendar = createCalendar(result.value);
 * calendar.addWorkingDays("2025-01-24", 1); // "2025-01-26" (a Sunday, 调休上班)
 * calendar.dueDate("2025-01-24", 3).due; // "2025-02-05"
 */
export function createCalendar(file: CalendarFile): WorkingCalendar {
  return compileCalendar(guardCalendarFile("file", file));
}

/**
 * A calendar file for `createCalendar`, validated as `parseCalendarFile` validates one (shape,
 * then the rules across fields): an invalid file, or one whose getters throw, is a
 * `RangeError` listing its problems, instead of a calendar that answers wrongly. Returns the
 * validated copy, which is what is compiled.
 */
function guardCalendarFile(name: string, value: unknown): CalendarFile {
  let result: ReturnType<typeof parseCalendarFile>;
  try {
    result = parseCalendarFile(value);
  } catch {
    throw new RangeError(`${name} could not be read`);
  }
  if (!result.ok) {
    const problems = result.issues
      .slice(0, 5)
      .map((issue) => `${issue.pointer || "/"}: ${issue.message}`);
    const more = result.issues.length > 5 ? ` (and ${result.issues.length - 5} more)` : "";
    throw new RangeError(
      `${name} is not a valid calendar file: ${problems.join("; ")}${more} — read it with parseCalendarFile for every problem`,
    );
  }
  return result.value;
}
