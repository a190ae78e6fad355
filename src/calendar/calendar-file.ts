import { z } from "zod";

const CalendarDateSchema = z.iso.date().meta({ description: "A civil date, YYYY-MM-DD." });

const CalendarDaySchema = z.strictObject({
  date: CalendarDateSchema,
  holiday: z.string().min(1).meta({
    description: "The holiday as the notice names it, e.g. 春节 or 国庆节、中秋节.",
  }),
});

const NoticeSchema = z
  .strictObject({
    title: z.string().min(1).meta({ description: "The notice's title as published." }),
    number: z
      .string()
      .min(1)
      .nullable()
      .meta({ description: "文号, e.g. 国办发明电〔2024〕12号; null while it is not confirmed." }),
    url: z.url().meta({ description: "Where the notice is published (gov.cn)." }),
    published: CalendarDateSchema.meta({ description: "The date on the notice." }),
    note: z.string().min(1).optional().meta({
      description: "What is uncertain about this source and how to resolve it.",
    }),
  })
  .meta({ description: "The State Council notice that sets this year's holidays." });

const CalendarYearSchema = z.strictObject({
  year: z.int().min(1900).max(9999),
  source: NoticeSchema,
  offDays: z.array(CalendarDaySchema).meta({
    description:
      "Every day off (放假) of the notice, weekends inside a holiday included. Weekends not listed are ordinary rest days.",
  }),
  makeupWorkDays: z.array(CalendarDaySchema).meta({
    description:
      "Weekend days that are working days (调休上班), each with the holiday it makes up for.",
  }),
});

/**
 * The model of a working-day calendar file (`rules/calendars/*.json`): which days of the week
 * are the weekend, and year by year the official days off and makeup working days with the
 * notice that sets them. The calendar covers whole years, stated explicitly in `covers`; a
 * date outside it is an error, never a guess. The JSON Schema `schemas/calendar.schema.json`
 * is generated from this schema; the checks that span fields (dates inside their year, no
 * duplicates, makeup days on weekends, contiguous years) live in `checkCalendarFile`.
 */
export const CalendarFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .meta({ description: "kebab-case id; the file is rules/calendars/<id>.json." }),
    title: z.strictObject({ "zh-CN": z.string().min(1), en: z.string().min(1) }),
    weekend: z
      .array(z.int().min(0).max(6))
      .max(6)
      .meta({ description: "Weekly rest days, 0 = Sunday … 6 = Saturday (国家机关: [6, 0])." }),
    covers: z.strictObject({ from: CalendarDateSchema, until: CalendarDateSchema }).meta({
      description: "The covered range: 1 January of the first year to 31 December of the last.",
    }),
    years: z
      .array(CalendarYearSchema)
      .min(1)
      .meta({ description: "One entry per year, ascending." }),
  })
  .meta({
    title: "Working-day calendar",
    description: "Official days off and makeup working days, year by year, with their sources.",
  });

/** A working-day calendar file, as described by {@link CalendarFileSchema}. */
export type CalendarFile = z.infer<typeof CalendarFileSchema>;
