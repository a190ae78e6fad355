// The shapes of identifiers and dates, as regular expressions: the one copy, apart from the zod
// schemas of common.ts, so that the envelope's fast read (application-read.ts), the service and
// the browser entry use them without loading zod.

/**
 * The shape of a civil date, `YYYY-MM-DD` (month 01–12, day 01–31; whether the day exists is
 * `isPlainDate`'s to say).
 */
export const PLAIN_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The shape of an identifier: a letter, then letters, digits, `-`, `_` and `.`. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
