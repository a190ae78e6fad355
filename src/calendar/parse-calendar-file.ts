import { toPointer } from "../json/json-pointer.js";
import { type CalendarFile, CalendarFileSchema } from "./calendar-file.js";
import type { CalendarIssue } from "./calendar-issue.js";
import { checkCalendarFile } from "./check-calendar-file.js";

/** The outcome of reading a calendar file: the file, or every problem found in it. */
export type CalendarFileResult =
  | { readonly ok: true; readonly value: CalendarFile }
  | { readonly ok: false; readonly issues: readonly [CalendarIssue, ...CalendarIssue[]] };

/**
 * Validates parsed JSON as a calendar file: first its shape (`CalendarFileSchema`), then, if the
 * shape holds, the rules that span fields (`checkCalendarFile`). Never throws on bad data; a
 * failure lists every problem found, each with a JSON Pointer. Structural problems are reported
 * alone, because the cross-field checks need a well-formed file.
 *
 * @example
 * const result = parseCalendarFile(JSON.parse(text));
 * if (result.ok) createCalendar(result.value);
 * else for (const issue of result.issues) console.error(issue.pointer, issue.message);
 */
export function parseCalendarFile(data: unknown): CalendarFileResult {
  const parsed = CalendarFileSchema.safeParse(data);
  if (parsed.success) {
    return failure(checkCalendarFile(parsed.data)) ?? { ok: true, value: parsed.data };
  }
  const issues = parsed.error.issues.map(
    (issue): CalendarIssue => ({
      code: "schema",
      message: issue.message,
      pointer: toPointer(issue.path.map(String)),
    }),
  );
  // zod always reports at least one issue on failure; the fallback keeps the type honest.
  return (
    failure(issues) ?? {
      ok: false,
      issues: [{ code: "schema", message: parsed.error.message, pointer: "" }],
    }
  );
}

function failure(issues: CalendarIssue[]): CalendarFileResult | undefined {
  const [first, ...rest] = issues;
  return first === undefined ? undefined : { ok: false, issues: [first, ...rest] };
}
