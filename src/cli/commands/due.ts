import { isCalendarCoverageError } from "../../calendar/coverage-error.js";
import { dueBounds } from "../../node/bundled-calendar.js";
import { isPlainDate } from "../../validators/plain-date.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";

/**
 * `due <YYYY-MM-DD> <working-days> [--extension N] [--format text|json]`: the due date on the
 * bundled calendar. Into a provisional year (its State Council notice not out) the date is
 * exact only where every legal arrangement gives the same day; otherwise both bounds are
 * printed, marked 暂定 / provisional. JSON:
 * `{"start","days","due","provisional","earliest","latest","calendar":{"revision"}}`, `due`
 * present only when exact; `days` counts the extension too.
 */
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
    const result = dueBounds(date, workingDays, { extensionWorkingDays: extension });
    if (format === "json") {
      const json = {
        start: result.acceptedOn,
        days: result.workingDays,
        ...(result.due !== undefined && { due: result.due }),
        provisional: result.provisional,
        earliest: result.earliest,
        latest: result.latest,
        calendar: { revision: result.calendar.revision },
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else if (result.due !== undefined) {
      io.stdout(`${result.due}\n`);
    } else {
      io.stdout(
        `暂定 / provisional: ${result.earliest} … ${result.latest} (the State Council notice for that year is not published: due between these dates, act by the earliest; calendar revision ${result.calendar.revision})\n`,
      );
    }
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
