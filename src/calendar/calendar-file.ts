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

const PublishedYearSchema = z
  .strictObject({
    year: z.int().min(1900).max(9999),
    status: z.literal("published").meta({
      description: "The State Council notice for this year is out; its days are listed below.",
    }),
    source: NoticeSchema,
    amendments: z.array(NoticeSchema).optional().meta({
      description:
        "Later notices that changed this year's arrangement (as in 2015, 2019, 2020); offDays and makeupWorkDays are the amended state.",
    }),
    offDays: z.array(CalendarDaySchema).meta({
      description:
        "Every day off (放假) of the notice, weekends inside a holiday included. Weekends not listed are ordinary rest days.",
    }),
    makeupWorkDays: z.array(CalendarDaySchema).meta({
      description:
        "Weekend days that are working days (调休上班), each with the holiday it makes up for.",
    }),
  })
  .meta({ description: "A year whose State Council notice is published." });

const ProvisionalHolidaySchema = z
  .strictObject({
    holiday: z.string().min(1).meta({ description: "The holiday as the law names it, e.g. 春节." }),
    statutory: z.array(CalendarDateSchema).min(1).meta({
      description:
        "The statutory days (《全国年节及纪念日放假办法》 art 2); two holidays that the notice will join (国庆 and 中秋 a few days apart) are one entry, their days in one block. Lunar dates are reviewed data, never computed with Intl's Chinese calendar.",
    }),
    window: z.strictObject({ from: CalendarDateSchema, until: CalendarDateSchema }).meta({
      description:
        "Where the coming notice may place this holiday's 补假, extra days off and 调休上班 weekends: both ends are rest days whatever the notice says (a weekend day or a statutory day), and windows do not overlap.",
    }),
    review: z.string().min(1).meta({
      description: "How the statutory dates were established and checked (source, method).",
    }),
  })
  .meta({
    description:
      "One holiday of a provisional year: what the law fixes, and where the notice may act.",
  });

const ProvisionalYearSchema = z
  .strictObject({
    year: z.int().min(1900).max(9999),
    status: z.literal("provisional").meta({
      description:
        "The State Council notice is not out: only what the law fixes is known, and due dates into this year are given as bounds unless every legal arrangement gives the same day.",
    }),
    note: z.string().min(1).meta({ description: "Why the year is provisional and what to check." }),
    maxConsecutiveWorkingDays: z.int().min(1).max(14).meta({
      description:
        "The longest run of working days an arrangement may make around a holiday (《全国年节及纪念日放假办法》 art 7: 一般不超过6天).",
    }),
    holidays: z.array(ProvisionalHolidaySchema).min(1).meta({
      description:
        "Every statutory holiday whose arrangement the coming notice decides, in date order; a holiday of the next year whose 补假 or 调休 may fall in this year (元旦 on a weekend) belongs here too.",
    }),
  })
  .meta({ description: "A year whose State Council notice is not published yet." });

const CalendarYearSchema = z.discriminatedUnion("status", [
  PublishedYearSchema,
  ProvisionalYearSchema,
]);

/**
 * The model of a working-day calendar file (`rules/calendars/*.json`): which days of the week
 * are the weekend, its revision, and year by year either the official days off and makeup
 * working days with the notice that sets them (`published`), or, before the notice is out,
 * what the law fixes and where the notice may act (`provisional`). The calendar covers whole years, stated explicitly in `covers`; a
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
    revision: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(?:\.\d+)?$/)
      .meta({
        description:
          "The revision of this calendar: the date of the edit (YYYY-MM-DD, then .2, .3 for a second edit that day). Change it with every edit of the data; every decision records it, and `smart-approval deadlines` lists the open deadlines a new revision changes.",
      }),
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
/** One year of a calendar file: published (with its notice) or provisional. */
export type CalendarYear = z.infer<typeof CalendarYearSchema>;
/** A year whose notice is published. */
export type PublishedYear = z.infer<typeof PublishedYearSchema>;
/** A year whose notice is not out yet. */
export type ProvisionalYear = z.infer<typeof ProvisionalYearSchema>;
/** One holiday of a provisional year. */
export type ProvisionalHoliday = z.infer<typeof ProvisionalHolidaySchema>;
