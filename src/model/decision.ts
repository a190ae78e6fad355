import { z } from "zod";
import { LocaleSchema } from "./common.js";

/** A citation as it appears in a decision: the law's title resolved in the decision's locale. */
export const DecisionCitationSchema = z.strictObject({
  ref: z.string(),
  law: z.string(),
  articles: z.array(z.string()),
});
export type DecisionCitation = z.infer<typeof DecisionCitationSchema>;

/**
 * One item of the one-time notice (一次性告知):
 * - `material`: a material to supply;
 * - `field`: data that is absent or malformed (the id is its dot path);
 * - `correction`: a standard the declared data does not meet (the id is the standard's).
 */
export const MissingItemSchema = z.strictObject({
  kind: z.enum(["material", "field", "correction"]),
  id: z.string(),
  field: z.string().optional(),
  message: z.string(),
  basis: z.array(DecisionCitationSchema),
  conditional: z.literal(true).optional().meta({
    description:
      "Needed only if the case turns out to apply: data the notice also asks for decides that (一次性告知)",
  }),
});
export type MissingItem = z.infer<typeof MissingItemSchema>;

/** One reason a human must decide. */
export const ReferralItemSchema = z.strictObject({
  code: z.string(),
  standard: z.string().optional(),
  message: z.string(),
  basis: z.array(DecisionCitationSchema),
});
export type ReferralItem = z.infer<typeof ReferralItemSchema>;

/** Three-valued result of a standard; `not-applicable` when its `when` does not hold. */
export const CHECK_STATUSES = ["pass", "fail", "unknown", "not-applicable"] as const;

export const CheckResultSchema = z.strictObject({
  id: z.string(),
  status: z.enum(CHECK_STATUSES),
  values: z.record(z.string(), z.unknown()),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/**
 * `undetermined`: whether the material is required depends on data or evidence that is
 * missing; the decision already asks for that data or refers, so it cannot approve.
 */
export const MATERIAL_STATUSES = [
  "satisfied",
  "committed",
  "deferred",
  "missing",
  "not-required",
  "undetermined",
] as const;

export const MaterialResultSchema = z.strictObject({
  id: z.string(),
  status: z.enum(MATERIAL_STATUSES),
  via: z.string().optional(),
});
export type MaterialResult = z.infer<typeof MaterialResultSchema>;

/** A consequence of a false or unfulfilled commitment, with its citations. */
export const ConsequenceSchema = z.strictObject({
  message: z.string(),
  basis: z.array(DecisionCitationSchema),
});

/**
 * Work left after the decision: verifying a commitment (告知承诺 核查) or receiving a deferred
 * material (容缺). `due` is `workingDays` after acceptance on the working-day calendar; when it
 * cannot be counted (no calendar, or a day outside its coverage) `due` is absent and `note`
 * says why — never an estimate.
 */
export const FollowUpSchema = z.strictObject({
  kind: z.enum(["verify-commitment", "receive-deferred-material"]),
  material: z.string(),
  message: z.string(),
  workingDays: z.int().optional(),
  due: z.string().optional(),
  note: z.string().optional(),
  method: z.string().optional().meta({ description: "核查方式, for a commitment" }),
  basis: z.array(DecisionCitationSchema).optional(),
  consequences: z.array(ConsequenceSchema).optional().meta({
    description: "What a false or unfulfilled commitment leads to (撤销, 信用记录)",
  }),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

const DueRangeSchema = z
  .strictObject({ earliest: z.string(), latest: z.string() })
  .meta({ description: "The earliest and the latest due date any legal arrangement gives." });

export const TimeLimitResultSchema = z.strictObject({
  acceptedOn: z.string(),
  onTheSpot: z.boolean(),
  statutoryDue: z.string().optional().meta({ description: "Present only when exact." }),
  statutoryDueExtended: z.string().optional().meta({ description: "Present only when exact." }),
  promisedDue: z.string().optional().meta({ description: "Present only when exact." }),
  provisional: z
    .strictObject({
      statutoryDue: DueRangeSchema.optional(),
      statutoryDueExtended: DueRangeSchema.optional(),
      promisedDue: DueRangeSchema.optional(),
    })
    .optional()
    .meta({
      description:
        "暂定: due dates counted into a year whose State Council notice is not published, as bounds (the exact field is then absent). Nothing automatic may hinge on them (e.g. 行政许可法 art 32(4)); a person acts on the earliest date until the notice is out.",
    }),
  workingDays: z
    .strictObject({
      statutory: z.int(),
      extension: z.int().optional(),
      promised: z.int().optional(),
    })
    .optional()
    .meta({
      description:
        "The working days counted, so that the due dates can be counted again on a new calendar revision (smart-approval deadlines).",
    }),
  calendar: z
    .strictObject({ id: z.string(), revision: z.string() })
    .optional()
    .meta({ description: "The working-day calendar and its revision the dates were counted on." }),
  note: z.string().optional(),
});
export type TimeLimitResult = z.infer<typeof TimeLimitResultSchema>;

export const OUTCOMES = ["approve", "incomplete", "refer"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The decision returned for every application: stable JSON, byte-identical on replay. */
export const DecisionSchema = z
  .strictObject({
    outcome: z.enum(OUTCOMES),
    applicationId: z.string().optional(),
    matter: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
    appliedOn: z.string(),
    locale: LocaleSchema,
    missing: z.array(MissingItemSchema),
    referrals: z.array(ReferralItemSchema),
    checks: z.array(CheckResultSchema),
    materials: z.array(MaterialResultSchema),
    followUps: z.array(FollowUpSchema),
    timeLimit: TimeLimitResultSchema.optional(),
    record: z.strictObject({
      inputSha256: z.string(),
      rulesSha256: z.string(),
      library: z.string().meta({
        description: "the library that decided, with its version: smart-approval@0.1.0",
      }),
      evaluator: z.enum(["compiled", "json-rules-engine"]).meta({
        description:
          "the evaluator of the conditions: the compiled one, or json-rules-engine (the engine of record)",
      }),
      decidedAt: z.string(),
      replay: z.literal(true).optional().meta({
        description:
          "decided as a replay of an archived application: its dates were not bounded by today",
      }),
    }),
  })
  .meta({ title: "smart-approval decision" });
export type Decision = z.infer<typeof DecisionSchema>;
