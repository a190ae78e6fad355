import { z } from "zod";
import { DecisionSchema } from "../index.js";
import { ProblemSchema } from "./problem.js";

// The service's response bodies, in zod like the library's own contracts: the OpenAPI document
// is generated from them (openapi.ts), never written by hand.

/** One item of a batch's results: its decision, or the problem that kept it from one. */
export const BatchItemSchema = z
  .union([
    z.strictObject({ index: z.int(), decision: DecisionSchema }),
    z.strictObject({ index: z.int(), problem: ProblemSchema }),
  ])
  .meta({ title: "Batch result item" });

export const BatchResponseSchema = z
  .strictObject({ results: z.array(BatchItemSchema) })
  .meta({ title: "Batch results, one per item in order" });

export const MatterVersionSchema = z.strictObject({
  version: z.string(),
  from: z.string(),
  until: z.string().optional(),
});

export const MatterSummarySchema = z
  .strictObject({
    id: z.string(),
    title: z.strictObject({ "zh-CN": z.string(), en: z.string().optional() }),
    versions: z.array(MatterVersionSchema),
  })
  .meta({ title: "Matter and its versions" });

export const MatterListSchema = z.strictObject({ matters: z.array(MatterSummarySchema) });

export const MatterDetailSchema = z
  .strictObject({
    id: z.string(),
    title: z.strictObject({ "zh-CN": z.string(), en: z.string().optional() }),
    versions: z.array(MatterVersionSchema),
    inForce: z
      .strictObject({
        date: z.string(),
        version: z.string(),
        from: z.string(),
        until: z.string().optional(),
        sha256: z.string(),
      })
      .optional()
      .meta({ description: "The version in force on ?date= (when given)" }),
  })
  .meta({ title: "Matter detail" });

export const HealthSchema = z.strictObject({
  status: z.enum(["ok", "unavailable"]),
  rulesSha256: z.string().optional(),
  version: z.string(),
  reasons: z.array(z.string()).optional(),
});

export const ReloadResponseSchema = z.strictObject({
  reloaded: z.literal(true),
  previousSha256: z.string(),
  rulesSha256: z.string(),
});
