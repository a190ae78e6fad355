import { z } from "zod";
import { IdSchema, LocalizedTextSchema } from "./common.js";

/**
 * A data catalog shared by matters (`rules/catalogs/<name>.json`): laws, business-scope
 * entries, administrative divisions. Each entry has an id and a title; other fields are the
 * catalog's own.
 */
export const CatalogFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    catalog: IdSchema,
    title: LocalizedTextSchema,
    note: z.string().optional().meta({ description: "sources, confidence, what is unverified" }),
    entries: z.array(z.looseObject({ id: z.string().min(1), title: LocalizedTextSchema })).min(1),
  })
  .meta({ title: "smart-approval catalog file" });
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type CatalogEntry = CatalogFile["entries"][number];
