import { z } from "zod";
import { OUTCOMES } from "./decision.js";

/**
 * A golden case: an application and the decision the law requires, reasoned from the SPEC rows
 * named in `description`. `missing` and `referrals` are compared as sets of ids and codes;
 * `followUps`, when given, as the list of follow-ups (kind, material, due date).
 */
export const FixtureFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().min(1),
    application: z.record(z.string(), z.unknown()),
    expected: z.strictObject({
      outcome: z.enum(OUTCOMES),
      missing: z.array(z.string()).default([]),
      referrals: z.array(z.string()).default([]),
      statutoryDue: z.string().optional(),
      followUps: z
        .array(
          z.strictObject({
            kind: z.enum(["verify-commitment", "receive-deferred-material"]),
            material: z.string(),
            due: z
              .string()
              .optional()
              .meta({ description: "absent: no due date (a note says why)" }),
          }),
        )
        .optional()
        .meta({ description: "compared when given: each follow-up's kind, material and due date" }),
    }),
  })
  .meta({ title: "smart-approval fixture (golden case)" });
export type FixtureFile = z.infer<typeof FixtureFileSchema>;
