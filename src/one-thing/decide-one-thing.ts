import { applicationDateProblems } from "../evaluate/application-date.js";
import { ApplicationError, type ApplicationProblem } from "../evaluate/application-error.js";
import { cite } from "../evaluate/citations.js";
import { type DecideOptions, decideOptions } from "../evaluate/decide.js";
import { localize, MESSAGES } from "../evaluate/messages.js";
import { receiveJson } from "../evaluate/receive-application.js";
import { type Sha256, sha256Hex } from "../json/canonical-json.js";
import { toPointer } from "../json/json-pointer.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { Decision } from "../model/decision.js";
import {
  type CombinedApplication,
  CombinedApplicationSchema,
  type CombinedDecision,
  type CombinedReferral,
  type MemberResult,
} from "../model/one-thing.js";
import type { RuleSet } from "../rule-set/rule-set.js";
import { VERSION } from "../version.js";
import { combineNotice, type MemberNotice } from "./combine-notice.js";
import { departmentResult } from "./department.js";
import { memberApplication, unmappedPaths } from "./map-application.js";
import { OneThingRegistry, type ValidOneThing } from "./registry.js";

/** Referral codes of the combination itself (each member's own codes come from its rule file). */
export const ONE_THING_CODES = {
  /** A member could not be decided at all (no version in force on the date, not loaded). */
  memberUndecidable: "member-undecidable",
  /** A member needs a field the one form does not collect. */
  unmappedField: "one-thing-unmapped-field",
  /** A fault in the combination: fail safe. */
  internalError: "internal-error",
} as const;

/** Options of `decideOneThing`: those of `decide`, and the hash of the record. */
export interface DecideOneThingOptions extends DecideOptions {
  sha256?: Sha256;
}

// Problems of the combined envelope's dates: every member would report them the same way.
const DATE_PROBLEMS: ReadonlySet<ApplicationProblem["code"]> = new Set([
  "applied-on-in-future",
  "applied-on-too-old",
  "accepted-before-applied",
]);

/**
 * Decides a combined application (一件事, 一表申请): maps the one form onto each member's
 * application, decides every member the rules decide with its own rule file, and combines them
 * into one decision — `refer` if any member refers (each referral naming its member), else
 * `incomplete` if anything must be supplied or corrected (one notice: each field and each
 * material of the one set once, however many members need it), else `approve` when every member
 * approves, or `pending` when members a department decides remain (never counted as approved).
 * Each member's own decision is inside; the time limit is the longest of the members'.
 *
 * Throws `ApplicationError` when the combined application cannot be decided at all (malformed
 * envelope, unknown 一件事, no version in force, dates outside their bounds), as `decide` does.
 *
 * @example
 * const decision = await decideOneThing(rules, { oneThing: "individual-business-with-food-filing", appliedOn: "2025-06-30", data, evidence, materials });
 * decision.outcome; // "approve" | "incomplete" | "refer" | "pending"
 */
export async function decideOneThing(
  rules: RuleSet,
  raw: unknown,
  given?: DecideOneThingOptions | null,
): Promise<CombinedDecision> {
  const registry = oneThingsOf(rules);
  // The options of decide, checked as decide checks them, with one clock for the combined
  // record and every member's; and the record's hash function.
  const checked = decideOptions(given);
  const options = { ...checked, now: checked.now ?? new Date() };
  const sha256 = given?.sha256;
  if (sha256 !== undefined && typeof sha256 !== "function") {
    throw new RangeError("options.sha256 must be a function");
  }
  const locale = options.locale ?? "zh-CN";
  const { text: inputJson, input } = receiveJson(raw);
  const parsed = CombinedApplicationSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApplicationError(
      parsed.error.issues.map((issue) => ({
        code: "invalid-envelope",
        message: issue.message,
        pointer: toPointer(issue.path.map(String)),
      })),
    );
  }
  const combined = parsed.data;
  // The envelope's dates, bounded once for the whole 一件事 (application-date.ts).
  const dateProblems = applicationDateProblems(combined, options);
  if (dateProblems.length > 0) throw new ApplicationError(dateProblems);
  if (!registry.has(combined.oneThing)) {
    const known = registry.list().map((o) => o.id);
    throw new ApplicationError([
      {
        code: "unknown-matter",
        message: `unknown 一件事 "${combined.oneThing}"; loaded: ${known.join(", ") || "none"}`,
        pointer: "/oneThing",
      },
    ]);
  }
  const version = registry.versionInForce(combined.oneThing, combined.appliedOn);
  if (version === undefined) {
    throw new ApplicationError([
      {
        code: "no-version-in-force",
        message: `no version of ${combined.oneThing} is in force on ${combined.appliedOn}`,
        pointer: "/appliedOn",
      },
    ]);
  }
  const hashed = (sha256 ?? sha256Hex)(inputJson);
  const inputSha256 = typeof hashed === "string" ? hashed : await hashed;
  const laws = lawTitles(rules);
  const decided: Array<{ key: string; matter: string; decision?: Decision; problem?: string }> = [];
  for (const member of version.file.members) {
    if (member.decidedBy !== "rules") continue;
    const own = rules.versionInForce(member.matter, combined.appliedOn);
    const ids = new Set(own?.file.materials.map((m) => m.id) ?? []);
    const application = memberApplication(version.file, member, combined, ids);
    try {
      decided.push({ ...member, decision: await rules.decide(application, options) });
    } catch (error) {
      if (!(error instanceof ApplicationError)) throw error;
      if (error.problems.some((p) => DATE_PROBLEMS.has(p.code))) {
        throw new ApplicationError(error.problems.filter((p) => DATE_PROBLEMS.has(p.code)));
      }
      decided.push({ ...member, problem: error.message });
    }
  }
  const record = {
    inputSha256,
    rulesSha256: version.sha256,
    members: decided.flatMap(({ key, matter, decision }) =>
      decision
        ? [
            {
              member: key,
              matter,
              version: decision.matter.version,
              sha256: decision.matter.sha256,
              inputSha256: decision.record.inputSha256,
            },
          ]
        : [],
    ),
    library: `smart-approval@${VERSION}`,
    decidedAt: options.now.toISOString(),
    ...(options.replay === true && { replay: true as const }),
  };
  const head = {
    ...(combined.id !== undefined && { applicationId: combined.id }),
    oneThing: { id: version.file.oneThing, version: version.file.version, sha256: version.sha256 },
    appliedOn: combined.appliedOn,
    locale,
  };
  try {
    return { ...head, ...combine(rules, version, combined, decided, laws, locale), record };
  } catch (error) {
    // Fail safe: a fault in the combination refers the whole application to a person.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      outcome: "refer",
      ...head,
      missing: [],
      referrals: [
        {
          member: version.file.oneThing,
          matter: version.file.oneThing,
          code: ONE_THING_CODES.internalError,
          message: localize(MESSAGES.internalError({ detail }), locale),
          basis: [],
        },
      ],
      members: decided.map(({ key, matter, decision }) => ({
        key,
        matter,
        decidedBy: "rules" as const,
        outcome: decision?.outcome ?? ("refer" as const),
        ...(decision && { decision }),
      })),
      record,
    };
  }
}

function combine(
  rules: RuleSet,
  version: ValidOneThing,
  combined: CombinedApplication,
  decided: ReadonlyArray<{ key: string; matter: string; decision?: Decision; problem?: string }>,
  laws: ReadonlyMap<string, LocalizedText>,
  locale: Locale,
): Pick<CombinedDecision, "outcome" | "missing" | "referrals" | "members" | "timeLimit"> {
  const file = version.file;
  const referrals: CombinedReferral[] = [];
  const notices: MemberNotice[] = [];
  for (const { key, matter, decision, problem } of decided) {
    if (decision === undefined) {
      referrals.push({
        member: key,
        matter,
        code: ONE_THING_CODES.memberUndecidable,
        message: localize(UNDECIDABLE({ matter, detail: problem ?? "" }), locale),
        basis: cite(file.basis, laws, locale),
      });
      continue;
    }
    for (const r of decision.referrals) {
      referrals.push({
        member: key,
        matter,
        code: r.code,
        ...(r.standard !== undefined && { standard: r.standard }),
        message: r.message,
        basis: r.basis,
      });
    }
    notices.push({ key, matter, items: decision.missing });
  }
  const notice = combineNotice(file, notices, laws, locale);
  referrals.push(...notice.referrals);
  for (const { path, fixed } of unmappedPaths(file, combined.data)) {
    notice.missing.push({
      kind: "field",
      id: path,
      field: path,
      message: localize(
        fixed === undefined
          ? NOT_A_FIELD({ path })
          : FIXED_FIELD({ path, value: JSON.stringify(fixed) }),
        locale,
      ),
      basis: cite(file.basis, laws, locale),
      members: decided.map((d) => d.key),
    });
  }
  const rulesApprove = decided.every((d) => d.decision?.outcome === "approve");
  const departments = file.members.filter((m) => m.decidedBy === "department");
  let outcome: CombinedDecision["outcome"];
  if (referrals.length > 0) outcome = "refer";
  else if (notice.missing.length > 0) outcome = "incomplete";
  else if (!rulesApprove) {
    // A member that did not approve yet left nothing to refer or ask cannot happen; if it ever
    // did, the combination must still not approve.
    outcome = "refer";
    referrals.push({
      member: file.oneThing,
      matter: file.oneThing,
      code: ONE_THING_CODES.internalError,
      message: localize(MESSAGES.internalError({ detail: "a member did not approve" }), locale),
      basis: [],
    });
  } else outcome = departments.length > 0 ? "pending" : "approve";
  const acceptedOn = combined.acceptedOn ?? combined.appliedOn;
  const forwarded = outcome !== "incomplete";
  const members: MemberResult[] = file.members.map((member) => {
    if (member.decidedBy === "department") {
      return departmentResult(member, acceptedOn, forwarded, rules.calendar, laws, locale);
    }
    const d = decided.find((x) => x.key === member.key);
    return {
      key: member.key,
      matter: member.matter,
      decidedBy: "rules",
      outcome: d?.decision?.outcome ?? "refer",
      ...(d?.decision && { decision: d.decision }),
    };
  });
  const timeLimit = forwarded ? longest(members, acceptedOn, locale) : undefined;
  return {
    outcome,
    missing: notice.missing,
    referrals,
    members,
    ...(timeLimit && { timeLimit }),
  };
}

/** The latest due date of the members; unknown (with a note) if any member's is not exact. */
function longest(
  members: readonly MemberResult[],
  acceptedOn: string,
  locale: Locale,
): NonNullable<CombinedDecision["timeLimit"]> {
  let latest: { due: string; member: string } | undefined;
  for (const m of members) {
    const due = m.decidedBy === "rules" ? m.decision?.timeLimit?.statutoryDue : m.due;
    const note = m.decidedBy === "rules" ? m.decision?.timeLimit?.note : m.note;
    if (m.decidedBy === "rules" && m.decision?.timeLimit === undefined) continue;
    if (due === undefined) {
      return {
        acceptedOn,
        member: m.key,
        note: localize(UNKNOWN_DUE({ member: m.key, note: note ?? "" }), locale),
      };
    }
    if (latest === undefined || due > latest.due) latest = { due, member: m.key };
  }
  return latest ? { acceptedOn, ...latest } : { acceptedOn };
}

const registries = new WeakMap<RuleSet, OneThingRegistry>();

/**
 * The 一件事 loaded with a rule set (`rules/one-things/`), as a registry that picks the version
 * in force on a date; made once per rule set.
 *
 * @example
 * oneThingsOf(await loadRules()).list().map((o) => o.id);
 */
export function oneThingsOf(rules: RuleSet): OneThingRegistry {
  let registry = registries.get(rules);
  if (registry === undefined) {
    registry = new OneThingRegistry(rules.oneThings);
    registries.set(rules, registry);
  }
  return registry;
}

const lawsOf = new WeakMap<RuleSet, ReadonlyMap<string, LocalizedText>>();

/** The law titles of a rule set's laws catalog, by id: made once per rule set, not per decision. */
function lawTitles(rules: RuleSet): ReadonlyMap<string, LocalizedText> {
  let laws = lawsOf.get(rules);
  if (laws === undefined) {
    laws = new Map(rules.catalogs.get("laws")?.entries.map((e) => [e.id, e.title]) ?? []);
    lawsOf.set(rules, laws);
  }
  return laws;
}

const UNDECIDABLE = ({ matter, detail }: { matter: string; detail: string }) => ({
  "zh-CN": `成员事项 ${matter} 无法办理：${detail}，需人工处理`,
  en: `The member matter ${matter} cannot be decided: ${detail}; a person must handle it`,
});

const NOT_A_FIELD = ({ path }: { path: string }) => ({
  "zh-CN": `请更正：申请表没有“${path}”这一项，请删除或改填正确的栏目`,
  en: `Please correct: the form has no field "${path}"; remove it or use the right field`,
});

const FIXED_FIELD = ({ path, value }: { path: string; value: string }) => ({
  "zh-CN": `请更正：“${path}”在本一件事中固定为 ${value}，请删除该项或按此填写`,
  en: `Please correct: "${path}" is fixed to ${value} in this one thing; remove it or give that value`,
});

const UNKNOWN_DUE = ({ member, note }: { member: string; note: string }) => ({
  "zh-CN": `成员 ${member} 的办理期限无法确定：${note}`,
  en: `The time limit of member ${member} cannot be determined: ${note}`,
});
