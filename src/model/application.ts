import { z } from "zod";
import { SUBMISSION_CHANNELS } from "./application-read.js";
import { IdSchema, PlainDateSchema } from "./common.js";

// The envelope's fast reader and the submission channels are in application-read.ts, which
// loads no zod (the evaluator and the browser entry need them without the schemas).
export {
  bySubmissionStrength,
  readApplication,
  SUBMISSION_CHANNELS,
  SUBMISSION_STRENGTH,
} from "./application-read.js";

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
