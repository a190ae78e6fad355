import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type DeadlineChange,
  deadlineChanges,
  formatDueValue,
} from "../../calendar/deadline-changes.js";
import { parseCalendarFile } from "../../calendar/parse-calendar-file.js";
import { compileCalendar, type WorkingCalendar } from "../../calendar/working-calendar.js";
import { chinaToday } from "../../evaluate/application-date.js";
import { parseJsonDocument } from "../../json/json-document.js";
import { calendarIssueCode } from "../../load/issue-codes.js";
import { type Decision, DecisionSchema } from "../../model/decision.js";
import { bundledCalendar } from "../../node/bundled-calendar.js";
import { printableLines } from "../../report/printable.js";
import { isPlainDate } from "../../validators/plain-date.js";
import { type CliIo, EXIT, IoError, ioReason, oneOf, UsageError } from "../io.js";

/**
 * `deadlines <decisions.ndjson> [--calendar FILE] [--date YYYY-MM-DD] [--format text|json]`:
 * the open deadlines of recorded decisions (one decision per line, as `batch` writes them)
 * that the calendar — the bundled one, or `--calendar` — counts differently from the revision
 * each decision records: what changes when the State Council notice for a provisional year is
 * added, or a published year is amended. Open: not passed on `--date` (default: today in
 * Beijing). Lines that are not decisions (batch error records) are skipped; malformed lines
 * are reported on stderr, exit 2.
 */
export function deadlinesCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): number {
  const format = oneOf("format", options.format, ["text", "json"], "text");
  if (args.length !== 1)
    throw new UsageError("deadlines needs exactly one NDJSON file of decisions");
  const openOn = options.date ?? chinaToday(new Date());
  if (!isPlainDate(openOn)) throw new UsageError(`--date is not a date (YYYY-MM-DD): ${openOn}`);
  const calendar = options.calendar ? readCalendar(options.calendar, io) : bundledCalendar();
  if (calendar === undefined) return EXIT.checksFailed;
  const { decisions, lines, bad } = readDecisions(args[0] as string, io);
  const { changes, uncounted } = deadlineChanges(decisions, calendar, { openOn });
  const line = (index: number) => lines[index] as number;
  if (format === "json") {
    io.stdout(
      `${JSON.stringify(
        {
          calendar: { id: calendar.id, revision: calendar.revision },
          openOn,
          changes: changes.map(({ index, ...c }) => ({ line: line(index), ...c })),
          uncounted: uncounted.map(({ index, ...u }) => ({ line: line(index), ...u })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    // Application ids come from the decisions file: shown, never obeyed by the terminal.
    const say = (text: string) => io.stdout(printableLines(text));
    say(
      `${changes.length} open deadline(s) changed on calendar ${calendar.id} revision ${calendar.revision} (open on ${openOn})\n`,
    );
    for (const c of changes) say(`${describe(c, line(c.index))}\n`);
    for (const u of uncounted) {
      say(
        `line ${line(u.index)}${u.applicationId ? ` (${u.applicationId})` : ""}: cannot count again: ${u.reason}\n`,
      );
    }
  }
  for (const b of bad) io.stderr(printableLines(`${args[0]}:${b.line}: ${b.message}\n`));
  return bad.length > 0 ? EXIT.checksFailed : EXIT.ok;
}

function describe(c: DeadlineChange, line: number): string {
  const who = c.applicationId ? ` (${c.applicationId})` : "";
  const revisions = `${c.revision.before ?? "unrecorded"} → ${c.revision.after}`;
  return `line ${line}${who} ${c.matter.id} ${c.matter.version}, accepted ${c.acceptedOn}: ${c.field} ${formatDueValue(c.before)} → ${formatDueValue(c.after)} [revision ${revisions}]`;
}

function readDecisions(
  path: string,
  io: CliIo,
): { decisions: Decision[]; lines: number[]; bad: Array<{ line: number; message: string }> } {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${ioReason(error)}`);
  }
  const decisions: Decision[] = [];
  const lines: number[] = [];
  const bad: Array<{ line: number; message: string }> = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      bad.push({ line: i + 1, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    // A batch error record ({ line, error }) has no decision to look at.
    if (typeof value === "object" && value !== null && "error" in value) return;
    const parsed = DecisionSchema.safeParse(value);
    if (!parsed.success) {
      bad.push({
        line: i + 1,
        message: `not a decision: ${parsed.error.issues[0]?.message ?? ""}`,
      });
      return;
    }
    decisions.push(parsed.data);
    lines.push(i + 1);
  });
  return { decisions, lines, bad };
}

function readCalendar(path: string, io: CliIo): WorkingCalendar | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${ioReason(error)}`);
  }
  const parsed = parseJsonDocument(text, path);
  if (!parsed.ok) {
    for (const i of parsed.issues)
      io.stderr(printableLines(`${path}:${i.line}:${i.column}: ${i.message}\n`));
    return undefined;
  }
  const result = parseCalendarFile(parsed.document.value);
  if (!result.ok) {
    for (const i of result.issues) {
      const at = parsed.document.issue(calendarIssueCode(i.code), i.message, i.pointer);
      io.stderr(printableLines(`${path}:${at.line}:${at.column}: ${i.message} (${i.pointer})\n`));
    }
    return undefined;
  }
  return compileCalendar(result.value);
}
