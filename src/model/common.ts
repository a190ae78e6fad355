import { z } from "zod";
import { isPlainDate } from "../validators/plain-date.js";

/** The locales every message is written in; zh-CN is the legal text, en a courtesy. */
export const LOCALES = ["zh-CN", "en"] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/**
 * Text in each locale. zh-CN is required because notices are issued in Chinese; a missing `en`
 * is allowed by the schema and reported by the validator as a warning.
 */
export const LocalizedTextSchema = z
  .strictObject({
    "zh-CN": z.string().min(1),
    en: z.string().min(1).optional(),
  })
  .meta({ description: "Text per locale; zh-CN is required, en is recommended." });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * The shape of a civil date, `YYYY-MM-DD` (month 01–12, day 01–31; whether the day exists is
 * `isPlainDate`'s to say). The one copy: the envelope's fast read and the service import it.
 */
export const PLAIN_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A civil date `YYYY-MM-DD` with no time zone; impossible dates (2025-02-30) are refused. */
export const PlainDateSchema = z
  .string()
  .regex(PLAIN_DATE_PATTERN, "expected a date as YYYY-MM-DD")
  .refine(isPlainDate, "no such calendar date")
  .meta({ description: "A calendar date, YYYY-MM-DD", format: "date" });

/** The shape of an identifier: a letter, then letters, digits, `-`, `_` and `.` (the one copy). */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Identifiers of standards, materials, matters: letters, digits, `-`, `_` and `.`. */
export const IdSchema = z
  .string()
  .regex(ID_PATTERN, "expected an id of letters, digits, '-', '_' or '.'");

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A dot path into a fact (`operator.document.number`, `members.0.name`). No JSONPath, no
 * brackets, no prototype segments: the path resolver never evaluates anything.
 */
export const DotPathSchema = z
  .string()
  .regex(
    /^[A-Za-z_$][A-Za-z0-9_$-]*(\.([A-Za-z_$][A-Za-z0-9_$-]*|\d+))*$/,
    "expected a dot path such as operator.document.number",
  )
  .refine(
    // The same set as isForbiddenKey, segment by segment: not a second list in a regex.
    (path) => !path.split(".").some(isForbiddenKey),
    "__proto__, constructor and prototype are not allowed in paths",
  );

/** Whether a key may appear in rule or application JSON (prototype keys never may). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_SEGMENTS.has(key);
}
