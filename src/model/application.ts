import { z } from "zod";
import { IdSchema, PlainDateSchema } from "./common.js";

/** How the applicant supplied a material; `deferred` asks for 容缺受理. */
export const SUBMISSION_CHANNELS = [
  "upload",
  "e-sign",
  "shared",
  "commitment",
  "deferred",
] as const;

/**
 * When a material is submitted several ways, the strongest counts, whatever the order:
 * the material itself, then a commitment (告知承诺), then a deferral (容缺).
 */
export const SUBMISSION_STRENGTH: Readonly<Record<(typeof SUBMISSION_CHANNELS)[number], number>> = {
  upload: 3,
  "e-sign": 3,
  shared: 3,
  commitment: 2,
  deferred: 1,
};

/**
 * Orders submissions strongest first, then by channel, so that the one that counts never
 * depends on the order the application lists them in.
 *
 * @example
 * [{ id: "M", via: "upload" }, { id: "M", via: "e-sign" }].sort(bySubmissionStrength)[0].via; // "upload"
 */
export function bySubmissionStrength(a: { via: Channel }, b: { via: Channel }): number {
  return (
    SUBMISSION_STRENGTH[b.via] - SUBMISSION_STRENGTH[a.via] ||
    SUBMISSION_CHANNELS.indexOf(a.via) - SUBMISSION_CHANNELS.indexOf(b.via)
  );
}

type Channel = (typeof SUBMISSION_CHANNELS)[number];

/** A material the application says it supplies. */
export const SubmittedMaterialSchema = z.strictObject({
  id: IdSchema,
  via: z.enum(SUBMISSION_CHANNELS),
  ref: z.string().optional().meta({ description: "the caller's reference: file id, licence no." }),
});
export type SubmittedMaterial = z.infer<typeof SubmittedMaterialSchema>;

/**
 * The application envelope. Matter-specific fields live in `data` (what the applicant
 * declared) and `evidence` (what the calling system verified), each checked against the
 * matter's input schema.
 */
export const ApplicationSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().optional().meta({ description: "the caller's case id, echoed in the decision" }),
    matter: IdSchema,
    appliedOn: PlainDateSchema,
    acceptedOn: PlainDateSchema.optional().meta({
      description: "start of the time limit when it is not appliedOn",
    }),
    data: z.record(z.string(), z.unknown()),
    evidence: z.record(z.string(), z.unknown()).default({}),
    materials: z.array(SubmittedMaterialSchema).default([]),
  })
  .meta({ title: "smart-approval application" });
export type Application = z.infer<typeof ApplicationSchema>;
export type ApplicationInput = z.input<typeof ApplicationSchema>;
