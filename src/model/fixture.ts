import { z } from "zod";
import { OUTCOMES } from "./decision.js";

/**
 * A golden case: an application and the decision the law requires, reasoned from the SPEC rows
 * named in `description`. `missing` and `referrals` are compared as sets of ids and codes;
 * `followUps`, when given, as the list of follow-ups (kind, material, due date).
 *
 * A fixture is an archived application: it is decided as a replay, on the date it states,
 * unless it gives `decidedAt` — then it is decided as if received at that instant, with
 * `appliedOn` bounded by that day (China Standard Time), and may expect the application to be
 * refused (`outcome: "refused"`, with the problem codes in `refused`).
 */
export const FixtureFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().min(1),
    application: z.record(z.string(), z.unknown()),
    decidedAt: z.iso.datetime({ offset: true }).optional().meta({
      description:
        "decide at this instant, with appliedOn bounded by its day in China Standard Time, instead of replaying",
    }),
    expected: z.strictObject({
      outcome: z.enum([...OUTCOMES, "refused"]),
      refused: z.array(z.string()).default([]).meta({
        description:
          "with outcome refused: the codes of the problems the application is refused with",
      }),
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
