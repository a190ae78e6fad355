import { dueDate } from "../../calendar/bundled-calendar.js";
import { isCalendarCoverageError } from "../../calendar/coverage-error.js";
import { isPlainDate } from "../../calendar/plain-date.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";

/** `due <YYYY-MM-DD> <working-days> [--extension N] [--format text|json]` */
export function dueCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): number {
  const format = oneOf("format", options.format, ["text", "json"], "text");
  const [date, days, ...extra] = args;
  if (date === undefined || days === undefined || extra.length > 0) {
    throw new UsageError("due needs exactly a date (YYYY-MM-DD) and a number of working days");
  }
  if (!isPlainDate(date)) throw new UsageError(`not a date (YYYY-MM-DD): ${date}`);
  const workingDays = count("working days", days);
  const extension =
    options.extension === undefined ? undefined : count("--extension", options.extension);
  try {
    const result = dueDate(date, workingDays, { extensionWorkingDays: extension });
    io.stdout(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : `${result.due}\n`);
    return EXIT.ok;
  } catch (error) {
    if (isCalendarCoverageError(error) || error instanceof RangeError)
      throw new UsageError(error.message);
    throw error;
  }
}

function count(name: string, text: string): number {
  if (!/^\d{1,5}$/.test(text))
    throw new UsageError(`${name} must be a whole number of days (got "${text}")`);
  return Number(text);
}
