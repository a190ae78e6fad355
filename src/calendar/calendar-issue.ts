/**
 * What is wrong with a calendar file; one code per kind of problem. Rule-file validation
 * reports each as `calendar-<code>`, listed in the table of rule-file issue codes
 * (src/load/issue-codes.ts), which is typed by this union: a code added here and not there
 * fails to compile.
 */
export type CalendarIssueCode =
  | "schema"
  | "duplicate-weekday"
  | "duplicate-year"
  | "years-not-contiguous"
  | "covers-mismatch"
  | "date-outside-year"
  | "duplicate-date"
  | "off-and-makeup"
  | "makeup-not-weekend"
  | "provisional-before-published"
  | "window-invalid"
  | "window-edge-not-rest"
  | "window-overlap"
  | "window-no-arrangement"
  | "published-coverage-ending";

/**
 * One problem in a calendar file, as plain data: a code, a message for people, and a JSON
 * Pointer (RFC 6901) to the offending value. Problems are reported all at once, never thrown.
 */
export interface CalendarIssue {
  readonly code: CalendarIssueCode;
  readonly message: string;
  readonly pointer: string;
}
