import { z } from "zod";
import { IdSchema, LocalizedTextSchema } from "./common.js";

/**
 * A data catalog shared by matters (`rules/catalogs/<name>.json`): laws, business-scope
 * entries, administrative divisions. Each entry has a unique id and a title; other fields are
 * the catalog's own, each of one JSON type in every entry — a flag (a boolean) present in
 * every entry — and `basis`, where given, cites laws as matter files do. `references` declares
 * the fields that name entries of a catalog (its own, e.g. a division's `parent`, or another):
 * each such id must exist. `characterSets` declares the fields that are sets of characters
 * (which characters a text holds matters, not their order or repeats): a tool may ship them
 * reordered, as the browser rules do, smaller. See src/load/check-catalog.ts.
 */
export const CatalogFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    catalog: IdSchema,
    title: LocalizedTextSchema,
    note: z.string().optional().meta({ description: "sources, confidence, what is unverified" }),
    references: z.record(z.string().min(1), IdSchema).optional().meta({
      description:
        "entry fields that name entries of a catalog (an id or a list of ids), by field: the catalog named",
    }),
    characterSets: z.array(z.string().min(1)).optional().meta({
      description:
        "entry fields that are sets of characters (a text whose characters matter, not their order or repeats)",
    }),
    entries: z.array(z.looseObject({ id: z.string().min(1), title: LocalizedTextSchema })).min(1),
  })
  .meta({ title: "smart-approval catalog file" });
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type CatalogEntry = CatalogFile["entries"][number];
