import { z } from "zod";
import { isPlainDate } from "../checks/plain-date.js";

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

/** A civil date `YYYY-MM-DD` with no time zone; impossible dates (2025-02-30) are refused. */
export const PlainDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "expected a date as YYYY-MM-DD")
  .refine(isPlainDate, "no such calendar date")
  .meta({ description: "A calendar date, YYYY-MM-DD", format: "date" });

/** Identifiers of standards, materials, matters: letters, digits, `-`, `_` and `.`. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, "expected an id of letters, digits, '-', '_' or '.'");

const FORBIDDEN_PATH_SEGMENT = /(?:^|\.)(?:__proto__|constructor|prototype)(?:\.|$)/;

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
    (path) => !FORBIDDEN_PATH_SEGMENT.test(path),
    "__proto__, constructor and prototype are not allowed in paths",
  );

export { isForbiddenKey } from "./forbidden-key.js";
