import { z } from "zod";
import { LocalizedTextSchema } from "./common.js";

/**
 * A legal basis: a law from the laws catalog and the articles relied on. Every standard,
 * material, referral code, time limit and fee carries at least one.
 */
export const CitationSchema = z.strictObject({
  ref: z.string().min(1).meta({ description: "id of a law in rules/catalogs/laws.json" }),
  articles: z.array(z.string().min(1)).min(1),
  note: LocalizedTextSchema.optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** A non-empty list of citations. */
export const BasisSchema = z.array(CitationSchema).min(1, "a legal basis is required");
