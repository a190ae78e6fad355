import { z } from "zod";
import { BasisSchema } from "./citation.js";
import { IdSchema, LocalizedTextSchema, PlainDateSchema } from "./common.js";
import { ConditionSchema, FactRefSchema } from "./condition.js";

/** How an applicant may satisfy a material. */
export const MATERIAL_CHANNELS = ["upload", "e-sign", "shared", "commitment"] as const;
export const MaterialChannelSchema = z.enum(MATERIAL_CHANNELS);
export type MaterialChannel = z.infer<typeof MaterialChannelSchema>;

/**
 * A remark for rule authors and reviewers — sources, confidence ([V] verified, [T] from the
 * statute text, [M] from a ministry notice, [U] unverified), what is left configurable and why.
 * Never shown to applicants and never read by a decision; part of the version's hash like
 * every other byte of the file.
 */
export const NoteSchema = z.string().min(1).meta({
  description:
    "For rule authors: sources, confidence ([V]/[T]/[M]/[U]), what is unverified; never shown to applicants",
});

const ReferralCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]*$/, "expected an upper-case referral code such as R-AGE-16-17");

/** A reason a human must decide, declared once per matter and cited by standards. */
export const ReferralSchema = z.strictObject({
  code: ReferralCodeSchema,
  title: LocalizedTextSchema,
  basis: BasisSchema,
  note: NoteSchema.optional(),
});
export type Referral = z.infer<typeof ReferralSchema>;

/** What happens when a standard does not hold. */
export const OnFailSchema = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.literal("refer"),
    code: ReferralCodeSchema,
  }),
  z.strictObject({
    outcome: z.literal("correct"),
    field: z.string().min(1).meta({ description: "dot path of the data field to correct" }),
  }),
]);
export type OnFail = z.infer<typeof OnFailSchema>;

/**
 * A value a notice shows (see DetailedMessageSchema): the value at a fact path when the notice
 * is made — a text, a number, or a list whose items are quoted and joined in the notice's
 * language. `items` formats each item of a list of objects: the first template whose every
 * `{field}` the item has (a primitive item is `{value}`).
 */
export const MessageValueSchema = FactRefSchema.extend({
  items: z.array(LocalizedTextSchema).min(1).optional().meta({
    description:
      "Templates for each item of a list, `{field}` naming the item's fields (`{value}` for a text item); the first whose fields the item all has is used",
  }),
});
export type MessageValue = z.infer<typeof MessageValueSchema>;

/**
 * A notice that names the offending items (which word, which characters, which scope entry):
 * `text` with `{name}` placeholders, each filled from `values[name]`. Shown instead of the
 * standard's `message` when every value is present and not empty; otherwise `message` is
 * shown, so a notice is never left with a hole in it.
 */
export const DetailedMessageSchema = z.strictObject({
  text: LocalizedTextSchema,
  values: z.record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "expected a placeholder name such as words"),
    MessageValueSchema,
  ),
});
export type DetailedMessage = z.infer<typeof DetailedMessageSchema>;

/**
 * A review standard (审查标准), written in the positive form: `require` states what must hold
 * for the application to pass. `when` limits the standard to the cases it applies to.
 */
export const StandardSchema = z.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  basis: BasisSchema,
  when: ConditionSchema.optional(),
  require: ConditionSchema,
  onFail: OnFailSchema,
  onUnknownEvidence: ReferralCodeSchema.optional().meta({
    description:
      "Referral when evidence this standard reads is missing; default: the matter's unknownEvidenceReferral",
  }),
  message: LocalizedTextSchema.meta({
    description: "What the applicant must correct, or why a human must look",
  }),
  detailedMessage: DetailedMessageSchema.optional().meta({
    description:
      "The message naming the offending items, shown instead of `message` when all its values are present",
  }),
  note: NoteSchema.optional(),
});
export type Standard = z.infer<typeof StandardSchema>;

/**
 * What a material accepting `commitment` tells the applicant they commit to (证明内容, the
 * content part of the 告知: 国办发〔2020〕42号; SPEC-2 §4.2).
 */
export const MaterialCommitmentSchema = z.strictObject({
  content: LocalizedTextSchema.meta({
    description: "证明内容: what the applicant's written commitment states instead of the proof",
  }),
  note: NoteSchema.optional(),
});
export type MaterialCommitment = z.infer<typeof MaterialCommitmentSchema>;

/** A required material (申请材料) and the ways it may be satisfied. */
export const MaterialSchema = z.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  basis: BasisSchema,
  requiredWhen: ConditionSchema.optional().meta({ description: "absent = always required" }),
  satisfiedBy: z.array(MaterialChannelSchema).min(1),
  deferrable: z.boolean().default(false).meta({
    description: "容缺受理: may be supplied later; the case is accepted but not approved",
  }),
  followUp: z
    .strictObject({
      title: LocalizedTextSchema,
      workingDays: z.int().min(1).optional().meta({
        description:
          "Working days until the follow-up is due; for a commitment, overrides the matter's commitment.verification.workingDays",
      }),
    })
    .optional()
    .meta({ description: "Verification after a commitment (告知承诺) or deferral" }),
  detailedMessage: DetailedMessageSchema.optional().meta({
    description:
      "The notice asking for the material when it is missing, naming what makes it required; shown when all its values are present",
  }),
  commitment: MaterialCommitmentSchema.optional().meta({
    description: "Required when satisfiedBy lists commitment: the 告知 content for this material",
  }),
  note: NoteSchema.optional(),
});
export type Material = z.infer<typeof MaterialSchema>;

/** A consequence of a false or unfulfilled commitment, stated in the 告知 and every follow-up. */
export const CommitmentConsequenceSchema = z.strictObject({
  text: LocalizedTextSchema,
  basis: BasisSchema,
});

/**
 * What happens when the applicant's credit status cannot be told (the evidence is missing):
 * the commitment is never relied on, and either a person decides (`refer`, with a declared
 * referral code) or the applicant is asked for the material by another channel (`ask-proof`).
 */
export const OnUnknownCreditSchema = z.discriminatedUnion("outcome", [
  z.strictObject({ outcome: z.literal("refer"), code: ReferralCodeSchema }),
  z.strictObject({ outcome: z.literal("ask-proof") }),
]);
export type OnUnknownCredit = z.infer<typeof OnUnknownCreditSchema>;

/**
 * The matter's settings for 告知承诺 (国办发〔2020〕42号): required when any material lists
 * `commitment`. `available: false` excludes commitment for every material of the matter (42号:
 * matters touching 国家安全、公共安全、人身健康… are excluded); per material, leaving
 * `commitment` out of `satisfiedBy` excludes it for that material.
 */
export const CommitmentSettingsSchema = z.discriminatedUnion("available", [
  z.strictObject({
    available: z.literal(false),
    reason: LocalizedTextSchema.meta({ description: "Why the matter excludes commitment" }),
    basis: BasisSchema,
    note: NoteSchema.optional(),
  }),
  z.strictObject({
    available: z.literal(true),
    basis: BasisSchema.meta({ description: "设定依据 of 告知承诺 for this matter" }),
    eligibility: z.strictObject({
      require: ConditionSchema.meta({
        description:
          "Positive form: the applicant may rely on a commitment when this holds. Reads evidence only (verified credit status), never the applicant's declaration",
      }),
      basis: BasisSchema,
      message: LocalizedTextSchema.meta({
        description:
          "Why the commitment is not accepted when the condition fails (信用修复前不适用告知承诺制)",
      }),
      onUnknown: OnUnknownCreditSchema,
      note: NoteSchema.optional(),
    }),
    method: LocalizedTextSchema.meta({ description: "承诺方式: how the applicant commits" }),
    verification: z.strictObject({
      workingDays: z.int().min(1).meta({
        description:
          "核查 due this many working days after the decision; no national count exists — a local setting",
      }),
      method: LocalizedTextSchema.meta({
        description: "核查方式 and the authority's power to check",
      }),
      basis: BasisSchema,
      note: NoteSchema.optional(),
    }),
    consequences: z.array(CommitmentConsequenceSchema).min(1).meta({
      description: "不实承诺或未履行承诺的法律责任和后果 (撤销, 信用记录, penalties)",
    }),
    disclosure: LocalizedTextSchema.meta({
      description: "承诺内容是否公开及范围和时限",
    }),
    note: NoteSchema.optional(),
  }),
]);
export type CommitmentSettings = z.infer<typeof CommitmentSettingsSchema>;

/** A value computed from other facts by a named library function. */
export const DerivedFactSchema = z.strictObject({
  function: z.string().min(1),
  input: FactRefSchema,
  with: z.record(IdSchema, FactRefSchema).optional().meta({
    description:
      "Further named inputs, for functions that relate two facts (a name's industry term and the business scope)",
  }),
  options: z.record(z.string(), z.json()).default({}),
  note: NoteSchema.optional(),
});
export type DerivedFact = z.infer<typeof DerivedFactSchema>;

const JsonSchemaObject = z
  .record(z.string(), z.unknown())
  .meta({ description: "A JSON Schema (draft-07) object" });

const TimeLimitSchema = z.strictObject({
  statutory: z.strictObject({
    onTheSpot: z.boolean().meta({ description: "当场办结 when everything is in order" }),
    workingDays: z.int().min(0),
    extensionWorkingDays: z.int().min(0).optional(),
  }),
  promised: z.strictObject({ workingDays: z.int().min(0) }).optional(),
  basis: BasisSchema,
});

/** One version of one matter's standard checklist (审批标准清单). */
export const MatterFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    matter: IdSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "expected a semantic version such as 1.0.0"),
    effective: z.strictObject({
      from: PlainDateSchema,
      until: PlainDateSchema.optional().meta({ description: "last day in force (inclusive)" }),
    }),
    title: LocalizedTextSchema,
    note: NoteSchema.optional(),
    codes: z.record(z.string(), z.string()).optional(),
    basis: BasisSchema,
    dataBasis: BasisSchema.meta({
      description:
        "Legal basis for the data the application collects (cited when a field is missing)",
    }),
    timeLimit: TimeLimitSchema,
    fee: z.strictObject({
      amount: z.number().min(0),
      currency: z.literal("CNY"),
      basis: BasisSchema,
    }),
    input: z.strictObject({ data: JsonSchemaObject, evidence: JsonSchemaObject }),
    derived: z.record(IdSchema, DerivedFactSchema).default({}),
    referrals: z.array(ReferralSchema).min(1),
    unknownEvidenceReferral: ReferralCodeSchema.meta({
      description: "Referral used when evidence a correctable standard needs is missing",
    }),
    standards: z.array(StandardSchema).min(1),
    materials: z.array(MaterialSchema),
    commitment: CommitmentSettingsSchema.optional().meta({
      description: "告知承诺 settings; required when a material lists commitment in satisfiedBy",
    }),
  })
  .meta({ title: "smart-approval matter rule file" });
export type MatterFile = z.infer<typeof MatterFileSchema>;
