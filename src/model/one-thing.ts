import { z } from "zod";
import { SubmittedMaterialSchema } from "./application.js";
import { BasisSchema } from "./citation.js";
import { DotPathSchema, IdSchema, LocalizedTextSchema, PlainDateSchema } from "./common.js";
import { DecisionCitationSchema, DecisionSchema, MissingItemSchema } from "./decision.js";
import { NoteSchema } from "./matter.js";

// 高效办成一件事 (国发〔2024〕3号; SPEC-2 §2): several matters applied for together with one form
// (一表申请), one set of materials (一套材料) and one notice (一次告知). A 一件事 file names its
// member matters and says how the one form fills each member's application; every member is
// still decided by its own rule file, and the combination never approves more than each member
// would on its own.

/** How a 一件事 file names one of its members (`registration`, `food-filing`). */
const MemberKeySchema = IdSchema.meta({ description: "the member's key within this 一件事" });

/** A member decided by its own rule file, from the data mapped onto it. */
export const RulesMemberSchema = z.strictObject({
  key: MemberKeySchema,
  matter: IdSchema.meta({ description: "the member matter's id (rules/matters/<matter>/)" }),
  decidedBy: z.literal("rules"),
  note: NoteSchema.optional(),
});

/**
 * 超时默认: the silent department's matter is treated as passed *for the workflow* once the
 * published time limit has run out. SPEC-2 §3: no national law provides it for parallel
 * approvals (行政许可法 art 50(2) covers only 延续); only local policy documents do, so the file
 * must cite that document and its time limit. It is recorded as deemed consent, never as the
 * department's approval of its licence.
 */
export const DeemedConsentSchema = z.strictObject({
  workingDays: z.int().min(1).meta({
    description: "the 超时默认 time limit the policy publishes, in working days after acceptance",
  }),
  authority: z.enum(["local-policy", "local-regulation"]).meta({
    description:
      "what the cited basis is: deemed consent on silence exists only in local policy documents or local regulations, never in national law (SPEC-2 §3)",
  }),
  basis: BasisSchema.meta({ description: "the local policy document that provides it" }),
  effect: LocalizedTextSchema.meta({
    description:
      "what the deemed consent lets happen (the workflow moves on; the department must still issue its document)",
  }),
  note: NoteSchema.optional(),
});
export type DeemedConsent = z.infer<typeof DeemedConsentSchema>;

/**
 * A member a department decides (a licence needing an on-site check): the 一件事 forwards it and
 * tracks it; it is `pending` until the department answers, due on the working-day calendar.
 */
export const DepartmentMemberSchema = z.strictObject({
  key: MemberKeySchema,
  matter: IdSchema.meta({ description: "an id naming the matter (no rule file is needed)" }),
  decidedBy: z.literal("department"),
  title: LocalizedTextSchema,
  department: LocalizedTextSchema.meta({ description: "the department that decides it" }),
  timeLimit: z.strictObject({
    workingDays: z.int().min(1),
    basis: BasisSchema,
  }),
  deemedConsent: DeemedConsentSchema.optional(),
  note: NoteSchema.optional(),
});

export const OneThingMemberSchema = z.discriminatedUnion("decidedBy", [
  RulesMemberSchema,
  DepartmentMemberSchema,
]);
export type OneThingMember = z.infer<typeof OneThingMemberSchema>;
export type DepartmentMember = z.infer<typeof DepartmentMemberSchema>;

/** A place in one member's application data or evidence. */
export const MemberPathSchema = z.strictObject({
  member: MemberKeySchema,
  path: DotPathSchema.meta({ description: "dot path in the member's data (or evidence)" }),
});

/**
 * One field of the one form and the places it fills (asked once, used by every member that
 * needs it: 条例 art 16(3), 国发〔2024〕3号 一表申请), or a fixed value the 一件事 itself implies
 * (the food filing is made together with the registration).
 */
export const FieldMappingSchema = z.union([
  z.strictObject({
    form: DotPathSchema.meta({ description: "dot path in the combined application" }),
    to: z.array(MemberPathSchema).min(1),
    note: NoteSchema.optional(),
  }),
  z.strictObject({
    value: z.json().meta({ description: "a value the 一件事 fixes for the member" }),
    to: z.array(MemberPathSchema).min(1),
    note: NoteSchema.optional(),
  }),
]);
export type FieldMapping = z.infer<typeof FieldMappingSchema>;

/**
 * A material of the one set of materials (一套材料): one signed form or one proof that serves
 * one or several members' materials. A member material no shared material serves is asked for
 * under its own id.
 */
export const SharedMaterialSchema = z.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  basis: BasisSchema,
  serves: z
    .array(z.strictObject({ member: MemberKeySchema, material: IdSchema }))
    .min(1)
    .meta({ description: "the member materials this one material is" }),
  note: NoteSchema.optional(),
});
export type SharedMaterial = z.infer<typeof SharedMaterialSchema>;

/** One version of a 一件事 (`rules/one-things/<id>/<version>.json`). */
export const OneThingFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    oneThing: IdSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "expected a semantic version such as 1.0.0"),
    effective: z.strictObject({
      from: PlainDateSchema,
      until: PlainDateSchema.optional().meta({ description: "last day in force (inclusive)" }),
    }),
    title: LocalizedTextSchema,
    note: NoteSchema.optional(),
    basis: BasisSchema,
    members: z.array(OneThingMemberSchema).min(2),
    mapping: z.strictObject({
      data: z.array(FieldMappingSchema).min(1),
      evidence: z.array(FieldMappingSchema).default([]),
    }),
    materials: z.array(SharedMaterialSchema).default([]),
  })
  .meta({ title: "smart-approval 一件事 file" });
export type OneThingFile = z.infer<typeof OneThingFileSchema>;

/** A combined application: one form, one set of evidence, one set of materials. */
export const CombinedApplicationSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().optional().meta({ description: "the caller's case id, echoed in the decision" }),
    oneThing: IdSchema,
    appliedOn: PlainDateSchema,
    acceptedOn: PlainDateSchema.optional(),
    data: z.record(z.string(), z.unknown()),
    evidence: z.record(z.string(), z.unknown()).default({}),
    materials: z.array(SubmittedMaterialSchema).default([]),
  })
  .meta({ title: "smart-approval combined application (一件事)" });
export type CombinedApplication = z.infer<typeof CombinedApplicationSchema>;

/**
 * One item of the combined notice, asked once however many members need it: a form field (its
 * id is the form path), a correction of a form field (id: the form path; the members' messages
 * joined), or a material of the one set (its id in the 一件事).
 */
export const CombinedMissingItemSchema = MissingItemSchema.extend({
  members: z.array(z.string()).min(1).meta({ description: "the members that need it" }),
  standards: z.array(z.string()).optional().meta({
    description: "for a correction: the members' standards, as member:standard",
  }),
});
export type CombinedMissingItem = z.infer<typeof CombinedMissingItemSchema>;

export const CombinedReferralSchema = z.strictObject({
  member: z.string(),
  matter: z.string(),
  code: z.string(),
  standard: z.string().optional(),
  message: z.string(),
  basis: z.array(DecisionCitationSchema),
});
export type CombinedReferral = z.infer<typeof CombinedReferralSchema>;

const RulesMemberResultSchema = z.strictObject({
  key: z.string(),
  matter: z.string(),
  decidedBy: z.literal("rules"),
  outcome: z.enum(["approve", "incomplete", "refer"]),
  decision: DecisionSchema.optional().meta({
    description: "the member's own decision; absent when the member could not be decided",
  }),
});

const DeemedConsentResultSchema = z.strictObject({
  workingDays: z.int(),
  due: z.string().optional().meta({ description: "the day after which silence counts" }),
  authority: z.string(),
  basis: z.array(DecisionCitationSchema),
  effect: z.string(),
  note: z.string().optional(),
});

const DepartmentMemberResultSchema = z.strictObject({
  key: z.string(),
  matter: z.string(),
  decidedBy: z.literal("department"),
  title: z.string(),
  department: z.string(),
  status: z.enum(["pending", "not-forwarded"]).meta({
    description:
      "pending: forwarded to the department, which decides; not-forwarded: the combined application is incomplete, so no time runs",
  }),
  workingDays: z.int(),
  due: z.string().optional(),
  note: z.string().optional(),
  basis: z.array(DecisionCitationSchema),
  deemedConsent: DeemedConsentResultSchema.optional(),
});

export const MemberResultSchema = z.discriminatedUnion("decidedBy", [
  RulesMemberResultSchema,
  DepartmentMemberResultSchema,
]);
export type MemberResult = z.infer<typeof MemberResultSchema>;

/**
 * `pending`: every member the rules decide approves, and at least one member is with its
 * department — nothing a department decides is ever counted as approved.
 */
export const COMBINED_OUTCOMES = ["approve", "incomplete", "refer", "pending"] as const;

/** The one decision on a combined application. */
export const CombinedDecisionSchema = z
  .strictObject({
    outcome: z.enum(COMBINED_OUTCOMES),
    applicationId: z.string().optional(),
    oneThing: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
    appliedOn: z.string(),
    locale: z.enum(["zh-CN", "en"]),
    missing: z.array(CombinedMissingItemSchema),
    referrals: z.array(CombinedReferralSchema),
    members: z.array(MemberResultSchema),
    timeLimit: z
      .strictObject({
        acceptedOn: z.string(),
        due: z.string().optional().meta({ description: "the latest member due date, when exact" }),
        member: z.string().optional().meta({ description: "the member whose limit is longest" }),
        note: z.string().optional(),
      })
      .optional()
      .meta({ description: "the longest time limit of the members (absent when incomplete)" }),
    record: z.strictObject({
      inputSha256: z.string(),
      rulesSha256: z.string(),
      members: z.array(
        z.strictObject({
          member: z.string(),
          matter: z.string(),
          version: z.string(),
          sha256: z.string(),
          inputSha256: z.string(),
        }),
      ),
      library: z.string(),
      decidedAt: z.string(),
      replay: z.literal(true).optional(),
    }),
  })
  .meta({ title: "smart-approval combined decision (一件事)" });
export type CombinedDecision = z.infer<typeof CombinedDecisionSchema>;

/**
 * A golden case for a 一件事: a combined application and the combined decision the law
 * requires, reasoned from the articles named in `description`. `missing` is compared as the set
 * of notice ids (form paths and material ids of the one set) — and must hold no id twice;
 * `referrals` as the set of `member:code`; `members`, when given, as each member's outcome (or
 * a department member's status); `due`, when given, as the longest time limit's date.
 */
export const OneThingFixtureSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().min(1),
    application: z.record(z.string(), z.unknown()),
    expected: z.strictObject({
      outcome: z.enum([...COMBINED_OUTCOMES, "refused"]),
      refused: z.array(z.string()).default([]),
      missing: z.array(z.string()).default([]),
      referrals: z.array(z.string()).default([]).meta({
        description: "member:code, e.g. registration:R-AGE-16-17",
      }),
      members: z
        .record(z.string(), z.enum(["approve", "incomplete", "refer", "pending", "not-forwarded"]))
        .optional(),
      due: z.string().optional(),
    }),
  })
  .meta({ title: "smart-approval 一件事 fixture (golden case)" });
export type OneThingFixture = z.infer<typeof OneThingFixtureSchema>;
