import { isPlainDate } from "../checks/plain-date.js";
import type { Application, SubmittedMaterial } from "./application.js";

// The envelope's fast reader and the submission channels, apart from the schemas in
// application.ts: what the evaluator and the browser entry need, without loading zod.

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

// What `readApplication` checks by hand: the same patterns as IdSchema and PlainDateSchema.
const ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const PLAIN_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  "$schema",
  "id",
  "matter",
  "appliedOn",
  "acceptedOn",
  "data",
  "evidence",
  "materials",
]);
const CHANNELS: ReadonlySet<string> = new Set(SUBMISSION_CHANNELS);

/**
 * `ApplicationSchema.parse(input)` for the envelopes it accepts at a glance, without zod's
 * machinery: the same result (the same fields in the same order; `data` and `evidence` shallow
 * copies of the input's, each material a copy with only its fields), or `undefined` whenever
 * anything is unusual — a missing or malformed field, an unknown key, a key set to `undefined`,
 * an object that is not plain — so that the caller falls back to the schema, which then decides
 * and explains. `test/model/application.test.ts` holds the two to the same results.
 *
 * @example
 * readApplication({ matter: "m", appliedOn: "2025-06-30", data: {} });
 * // { matter: "m", appliedOn: "2025-06-30", data: {}, evidence: {}, materials: [] }
 */
export function readApplication(input: unknown): Application | undefined {
  if (!isPlainRecord(input)) return undefined;
  for (const key in input) {
    if (!Object.hasOwn(input, key) || !ENVELOPE_KEYS.has(key) || input[key] === undefined) {
      return undefined;
    }
  }
  const { $schema, id, matter, appliedOn, acceptedOn } = input;
  if ($schema !== undefined && typeof $schema !== "string") return undefined;
  if (id !== undefined && typeof id !== "string") return undefined;
  if (typeof matter !== "string" || !ID.test(matter)) return undefined;
  if (!isDate(appliedOn)) return undefined;
  if (acceptedOn !== undefined && !isDate(acceptedOn)) return undefined;
  const data = copyRecord(input.data);
  if (data === undefined) return undefined;
  const evidence = input.evidence === undefined ? {} : copyRecord(input.evidence);
  if (evidence === undefined) return undefined;
  const materials = input.materials === undefined ? [] : copyMaterials(input.materials);
  if (materials === undefined) return undefined;
  const application: Record<string, unknown> = {};
  if ($schema !== undefined) application.$schema = $schema;
  if (id !== undefined) application.id = id;
  application.matter = matter;
  application.appliedOn = appliedOn;
  if (acceptedOn !== undefined) application.acceptedOn = acceptedOn;
  application.data = data;
  application.evidence = evidence;
  application.materials = materials;
  return application as Application;
}

function isDate(value: unknown): value is string {
  return typeof value === "string" && PLAIN_DATE.test(value) && isPlainDate(value);
}

/** A plain object (Object.prototype or none) with no own `constructor`: what zod takes as one. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) && !Object.hasOwn(value, "constructor")
  );
}

/**
 * z.record(z.string(), z.unknown()): a copy of the own enumerable string keys, in order (zod
 * skips hidden keys too). Symbols and an own `__proto__` are left to zod to judge.
 */
function copyRecord(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainRecord(value) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return undefined;
    copy[key] = value[key];
  }
  return copy;
}

function copyMaterials(value: unknown): SubmittedMaterial[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const copies: SubmittedMaterial[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isPlainRecord(item)) return undefined;
    for (const key in item) {
      if (!Object.hasOwn(item, key) || item[key] === undefined) return undefined;
      if (key !== "id" && key !== "via" && key !== "ref") return undefined;
    }
    const { id, via, ref } = item;
    if (typeof id !== "string" || !ID.test(id)) return undefined;
    if (typeof via !== "string" || !CHANNELS.has(via)) return undefined;
    if (ref !== undefined && typeof ref !== "string") return undefined;
    copies.push(ref === undefined ? { id, via: via as Channel } : { id, via: via as Channel, ref });
  }
  return copies;
}
