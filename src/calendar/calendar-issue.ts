/** What is wrong with a calendar file; one code per kind of problem. */
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

/**
 * Builds a JSON Pointer from a path of keys and indexes, escaping `~` and `/` as RFC 6901
 * requires. The empty path points at the whole document.
 *
 * @example
 * toPointer(["years", 1, "offDays", 3, "date"]); // "/years/1/offDays/3/date"
 * toPointer([]); // ""
 */
export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
