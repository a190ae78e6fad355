import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { type Sha256, sha256Hex } from "../json/canonical-json.js";
import type { Locale } from "../model/common.js";
import type { Decision, MissingItem, Outcome, ReferralItem } from "../model/decision.js";
import type { Standard } from "../model/matter.js";
import { VERSION } from "../version.js";
import type { ApplicationDateOptions } from "./application-date.js";
import { assessMaterials } from "./assess-materials.js";
import { assessStandards } from "./assess-standards.js";
import { cite } from "./citations.js";
import type { CompiledMatter } from "./compile-matter.js";
import type { ConditionTrees } from "./condition-evaluator.js";
import type { EvidenceOptions } from "./evidence-provider.js";
import { type FieldProblem, fieldProblemIn } from "./field-messages.js";
import { followUpDue } from "./follow-up-due.js";
import { prepareFacts, setKey } from "./input-facts.js";
import { localize, MESSAGES } from "./messages.js";
import { isAbsent } from "./operators.js";
import { resolvePath } from "./path-resolver.js";
import type { ReceivedApplication } from "./receive-application.js";
import { timeLimit } from "./time-limit.js";

/** The referral code for anything the library itself could not do. */
export const INTERNAL_ERROR = "internal-error";

/**
 * Options of `decide`; see `EvidenceOptions` for evidence fetched while deciding and
 * `ApplicationDateOptions` for the bounds on `appliedOn` (`replay`, `backdateDays`).
 */
export interface DecideOptions extends EvidenceOptions, ApplicationDateOptions {
  locale?: Locale;
  /**
   * The time recorded as `decidedAt`, and the today (China Standard Time) `appliedOn` is
   * bounded by; the only clock a decision reads.
   */
  now?: Date;
}

/** The earliest and latest clock a decision takes: its dates are written as YYYY-MM-DD. */
const EARLIEST_NOW = Date.UTC(1970, 0, 1);
const LATEST_NOW = Date.UTC(9999, 11, 30);

/**
 * The options of `decide` as a plain object read once, each checked: `null` or `undefined` is
 * no options; anything else outside its domain — not an object, an unsupported `locale`, a `now`
 * that is not a valid Date (from 1970 to 9999), a `replay` that is not a boolean, an `evidence`
 * that is not a function, an option whose getter throws — is a `RangeError` naming the option
 * (the caller's mistake, never the application's; see SECURITY.md). The ranges of
 * `backdateDays` and `evidenceTimeoutMs` are checked where they are used.
 *
 * @example
 * decideOptions(null); // {}
 * decideOptions({ locale: "fr" }); // throws RangeError: options.locale must be "zh-CN" or "en", not "fr"
 */
export function decideOptions(options: unknown): DecideOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new RangeError(`options must be an object, not ${shown(options)}`);
  }
  let read: Record<string, unknown>;
  try {
    const { locale, now, replay, backdateDays, evidence, evidenceTimeoutMs } = options as Record<
      string,
      unknown
    >;
    read = { locale, now, replay, backdateDays, evidence, evidenceTimeoutMs };
  } catch (error) {
    throw new RangeError(`options could not be read: ${shown(error)}`);
  }
  const checked: DecideOptions = {};
  const { locale, now, replay, backdateDays, evidence, evidenceTimeoutMs } = read;
  if (locale !== undefined) {
    if (locale !== "zh-CN" && locale !== "en") {
      throw new RangeError(`options.locale must be "zh-CN" or "en", not ${shown(locale)}`);
    }
    checked.locale = locale;
  }
  if (now !== undefined) {
    let time = Number.NaN;
    try {
      // The Date's own time, not a getTime it may have been given.
      time = Date.prototype.getTime.call(now);
    } catch {
      // Not a Date.
    }
    if (!(time >= EARLIEST_NOW && time <= LATEST_NOW)) {
      throw new RangeError(`options.now must be a valid Date from 1970 to 9999, not ${shown(now)}`);
    }
    checked.now = new Date(time);
  }
  if (replay !== undefined) {
    if (typeof replay !== "boolean") {
      throw new RangeError(`options.replay must be true or false, not ${shown(replay)}`);
    }
    checked.replay = replay;
  }
  if (backdateDays !== undefined) {
    // Its range is checked with the dates (application-date.ts).
    if (typeof backdateDays !== "number") {
      throw new RangeError(`options.backdateDays must be a number, not ${shown(backdateDays)}`);
    }
    checked.backdateDays = backdateDays;
  }
  if (evidence !== undefined) {
    if (typeof evidence !== "function") {
      throw new RangeError(`options.evidence must be a function, not ${shown(evidence)}`);
    }
    checked.evidence = evidence as NonNullable<DecideOptions["evidence"]>;
  }
  if (evidenceTimeoutMs !== undefined) {
    if (typeof evidenceTimeoutMs !== "number") {
      throw new RangeError(
        `options.evidenceTimeoutMs must be a number, not ${shown(evidenceTimeoutMs)}`,
      );
    }
    checked.evidenceTimeoutMs = evidenceTimeoutMs;
  }
  return checked;
}

/** A value as a message shows it, whatever it is (a symbol, an object without toString…). */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Error) return value.message;
  if (value instanceof Date) {
    const time = Date.prototype.getTime.call(value);
    return Number.isNaN(time) ? "an invalid Date" : `a Date outside that range`;
  }
  if (value === null || typeof value !== "object") {
    return typeof value === "symbol"
      ? "a symbol"
      : typeof value === "function"
        ? "a function"
        : String(value);
  }
  return Array.isArray(value) ? "an array" : "an object";
}

/** What a rule set gives every decision besides the options. */
export interface DecideContext {
  calendar?: WorkingCalendar | undefined;
  /** How the record's input hash is computed; Web Crypto when not given. */
  sha256?: Sha256 | undefined;
  /** Referrals found before the decision (evidence providers that failed). */
  referrals?: readonly ReferralItem[] | undefined;
}

/**
 * Decides one application against one compiled matter version. Every standard and material is
 * evaluated (never stopping at the first problem); the outcome is `refer` if anything needs a
 * person, else `incomplete` if anything must be supplied or corrected, else `approve`. Any
 * error inside becomes a referral with code `internal-error`, and the rest is still reported.
 *
 * @example
 * const decision = await decideMatter(compiled, receiveApplication(raw), { locale: "en" });
 */
export async function decideMatter(
  matter: CompiledMatter,
  { application, text }: ReceivedApplication,
  options: DecideOptions = {},
  context: DecideContext = {},
): Promise<Decision> {
  const locale = options.locale ?? "zh-CN";
  const hashed = (context.sha256 ?? sha256Hex)(text);
  const inputSha256 = typeof hashed === "string" ? hashed : await hashed;
  const { facts, fieldProblems, derivedErrors, unreadable } = prepareFacts(matter, application);
  const referrals: ReferralItem[] = [
    ...(context.referrals ?? []),
    ...derivedErrors.map(({ id, message }) => internalError(`${id}: ${message}`, locale)),
  ];
  let trees: ConditionTrees = [];
  try {
    // Synchronous with the compiled evaluator, a promise with json-rules-engine.
    const ran = matter.evaluator.run(facts);
    trees = ran instanceof Promise ? await ran : ran;
  } catch (error) {
    referrals.push(internalError(error instanceof Error ? error.message : String(error), locale));
  }
  // Facts are read in place, not copied (input-facts.ts): the decision gets its own copy of
  // any object a check read (copyJson), so that it never shares state with the caller's
  // application.
  const evaluation = { trees, unreadable };
  const standards = assessStandards(matter, evaluation, locale, copyJson, facts);
  const materials = assessMaterials(matter, evaluation, application.materials, locale, facts);
  referrals.push(...standards.referrals, ...materials.referrals);

  const fields = fieldItems(matter, fieldProblems, locale);
  const materialData = materials.unknowns.filter((u) => u.leaf.fact === "data");
  const unknownData: Array<{ path: string; standard?: Standard; conditional?: true }> = [
    ...standards.unknownData,
    ...materialData.map((u) => ({ path: u.leaf.path })),
  ];
  for (const { path, standard, conditional } of unknownData) {
    if (covered(path, fields, standards.corrections)) continue;
    if (isAbsent(resolvePath(facts.data, path))) {
      fields.push(
        fieldItem(
          matter,
          { path, problem: "absent", keyword: "required", params: {} },
          locale,
          standard?.basis,
          conditional,
        ),
      );
    } else if (!conditional) {
      // Present, yet the standard could not be evaluated on it: a person must look.
      referrals.push({
        code: standard?.onUnknownEvidence ?? matter.file.unknownEvidenceReferral,
        ...(standard && { standard: standard.id }),
        message: localize(
          MESSAGES.undetermined({ title: standard ? localize(standard.title, locale) : path }),
          locale,
        ),
        basis: cite(standard?.basis ?? matter.file.basis, matter.laws, locale),
      });
    }
  }
  // Evidence a material's condition needs matters only once the applicant's data is complete.
  // A material already supplied needs no decision on whether it was required.
  const undetermined = new Set(
    materials.materials.filter((m) => m.status === "undetermined").map((m) => m.id),
  );
  const materialEvidence = materials.unknowns.filter(
    (u) =>
      u.leaf.fact !== "data" &&
      undetermined.has(u.material.id) &&
      !materialData.some((d) => d.material === u.material),
  );
  for (const { material } of materialEvidence) {
    referrals.push({
      code: matter.file.unknownEvidenceReferral,
      message: localize(
        MESSAGES.evidenceUnavailable({ title: localize(material.title, locale) }),
        locale,
      ),
      basis: cite(material.basis, matter.laws, locale),
    });
  }
  if (trees.length === 0 && referrals.every((r) => r.code !== INTERNAL_ERROR)) {
    referrals.push(internalError("no rule results", locale));
  }

  const missing = [...materials.missing, ...standards.corrections, ...dedupeFields(fields)];
  const outcome: Outcome =
    referrals.length > 0 ? "refer" : missing.length > 0 ? "incomplete" : "approve";
  const acceptedOn = application.acceptedOn ?? application.appliedOn;
  const limit = timeLimit(matter.file, outcome, acceptedOn, context.calendar, locale);
  return {
    outcome,
    ...(application.id !== undefined && { applicationId: application.id }),
    matter: { id: matter.file.matter, version: matter.file.version, sha256: matter.sha256 },
    appliedOn: application.appliedOn,
    locale,
    missing,
    referrals: dedupeReferrals(referrals),
    checks: standards.checks,
    materials: materials.materials,
    followUps: materials.followUps.map((f) => ({
      ...f,
      ...followUpDue(acceptedOn, f.workingDays, context.calendar, locale),
    })),
    ...(limit !== undefined && { timeLimit: limit }),
    record: {
      inputSha256,
      rulesSha256: matter.sha256,
      library: LIBRARY,
      evaluator: matter.evaluator.kind,
      decidedAt: options.now ? options.now.toISOString() : nowIso(),
      // A replayed archive is marked so: its dates were not bounded by the clock.
      ...(options.replay === true && { replay: true as const }),
    },
  };
}

/** The record's `library`, made once rather than on every decision. */
const LIBRARY = `smart-approval@${VERSION}`;

let lastMs = Number.NaN;
let lastIso = "";

/** `new Date().toISOString()`, formatted once per millisecond (many decisions share one). */
function nowIso(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/**
 * A deep copy of JSON data (what facts hold), cheaper than structuredClone for small values.
 * Keys are sorted: the application is decided on a copy of its canonical text (keys sorted)
 * while an evidence provider's answer keeps its own order, and a decision must not depend on
 * either (deterministic byte for byte).
 */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    setKey(copy, key, copyJson((value as Record<string, unknown>)[key]));
  }
  return copy;
}

function internalError(detail: string, locale: Locale): ReferralItem {
  return {
    code: INTERNAL_ERROR,
    message: localize(MESSAGES.internalError({ detail }), locale),
    basis: [],
  };
}

function fieldItems(
  matter: CompiledMatter,
  problems: readonly FieldProblem[],
  locale: Locale,
): MissingItem[] {
  return problems.map((p) => fieldItem(matter, p, locale));
}

function fieldItem(
  matter: CompiledMatter,
  problem: FieldProblem,
  locale: Locale,
  basis = matter.file.dataBasis,
  conditional = false,
): MissingItem {
  const path = problem.path === "" ? "data" : problem.path;
  const message = fieldProblemIn(matter.file.input.data, problem, locale);
  return {
    kind: "field",
    id: path,
    field: path,
    message: conditional ? localize(MESSAGES.ifApplicable({ text: message }), locale) : message,
    basis: cite(basis, matter.laws, locale),
    ...(conditional && { conditional: true as const }),
  };
}

/** One entry per field, in path order; a field needed outright beats the same one if applicable. */
function dedupeFields(fields: MissingItem[]): MissingItem[] {
  const sorted = [...fields].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : Number(a.conditional ?? 0) - Number(b.conditional ?? 0),
  );
  return sorted.filter((f, i) => sorted.findIndex((g) => g.id === f.id) === i);
}

function dedupeReferrals(referrals: ReferralItem[]): ReferralItem[] {
  const seen = new Set<string>();
  return referrals.filter((r) => {
    const key = `${r.code}\u0000${r.standard ?? ""}\u0000${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a field or correction already asks about `path` (or a part or a whole of it). */
function covered(
  path: string,
  fields: readonly MissingItem[],
  corrections: readonly MissingItem[],
): boolean {
  for (const m of fields) if (overlaps(m.field ?? m.id, path)) return true;
  for (const m of corrections) if (overlaps(m.field ?? m.id, path)) return true;
  return false;
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
