import { describeCondition } from "../guide/condition-text.js";
import { canonicalJson } from "../json/canonical-json.js";
import type { Citation } from "../model/citation.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { Condition } from "../model/condition.js";
import type { MatterFile } from "../model/matter.js";

/** What a change is about, in the checklist's own terms. */
export type ChangeArea =
  | "title"
  | "effective"
  | "basis"
  | "time-limit"
  | "fee"
  | "standard"
  | "material"
  | "referral"
  | "derived"
  | "input";

/** One change between two versions of a matter. */
export interface MatterChange {
  area: ChangeArea;
  change: "added" | "removed" | "changed";
  /** The standard, material, referral code, derived fact or input field concerned. */
  id?: string;
  /** Its title (the new one when changed), for people. */
  title?: string;
  /** For a changed item: each field that differs, with the old and new value in words. */
  fields?: Array<{ field: string; before: string; after: string }>;
}

/** Everything that differs between two versions of one matter. */
export interface MatterDiff {
  matter: string;
  before: { version: string; effective: MatterFile["effective"] };
  after: { version: string; effective: MatterFile["effective"] };
  changes: MatterChange[];
}

/**
 * Lists what changed between two versions of a matter in domain terms: effective dates, legal
 * basis, time limit, fee, standards / materials / referral codes / derived facts added,
 * removed or changed (with each changed field before and after, conditions in words), and
 * input fields added or removed. Items are matched by id; order alone is not a change.
 *
 * @example
 * diffMatters(v1, v2, { laws, locale: "zh-CN" }).changes;
 * // [{ area: "time-limit", change: "changed", fields: [{ field: "statutory", before: "3 working days", … }] }, …]
 */
export function diffMatters(
  before: MatterFile,
  after: MatterFile,
  context: { laws?: ReadonlyMap<string, LocalizedText>; locale: Locale },
): MatterDiff {
  const { locale } = context;
  const text = (t: LocalizedText | undefined) => (t ? (t[locale] ?? t["zh-CN"]) : "");
  const cite = (basis: readonly Citation[]) =>
    basis
      .map((c) => `${text(context.laws?.get(c.ref)) || c.ref} ${c.articles.join(", ")}`)
      .join("; ");
  const condition = (matter: MatterFile) => (c: Condition | undefined) =>
    c === undefined ? "—" : describeCondition(c, matter, locale);
  const changes: MatterChange[] = [];
  const field = (name: string, a: string, b: string) =>
    a === b ? [] : [{ field: name, before: a, after: b }];

  if (text(before.title) !== text(after.title)) {
    changes.push({
      area: "title",
      change: "changed",
      fields: field("title", text(before.title), text(after.title)),
    });
  }
  const window = (m: MatterFile) => `${m.effective.from} … ${m.effective.until ?? "open-ended"}`;
  if (window(before) !== window(after)) {
    changes.push({
      area: "effective",
      change: "changed",
      fields: field("effective", window(before), window(after)),
    });
  }
  const basisFields = [
    ...field("basis", cite(before.basis), cite(after.basis)),
    ...field("dataBasis", cite(before.dataBasis), cite(after.dataBasis)),
  ];
  if (basisFields.length > 0)
    changes.push({ area: "basis", change: "changed", fields: basisFields });

  const limit = (m: MatterFile) => {
    const { statutory, promised } = m.timeLimit;
    return {
      onTheSpot: String(statutory.onTheSpot),
      statutory: `${statutory.workingDays} working days`,
      extension: `${statutory.extensionWorkingDays ?? 0} working days`,
      promised: promised ? `${promised.workingDays} working days` : "—",
      basis: cite(m.timeLimit.basis),
    };
  };
  const limits = [limit(before), limit(after)] as const;
  const limitFields = (Object.keys(limits[0]) as Array<keyof (typeof limits)[0]>).flatMap((k) =>
    field(k, limits[0][k], limits[1][k]),
  );
  if (limitFields.length > 0) {
    changes.push({ area: "time-limit", change: "changed", fields: limitFields });
  }
  const feeFields = [
    ...field(
      "amount",
      `${before.fee.amount} ${before.fee.currency}`,
      `${after.fee.amount} ${after.fee.currency}`,
    ),
    ...field("basis", cite(before.fee.basis), cite(after.fee.basis)),
  ];
  if (feeFields.length > 0) changes.push({ area: "fee", change: "changed", fields: feeFields });

  changes.push(
    ...listChanges(
      "standard",
      before.standards,
      after.standards,
      (s) => s.id,
      (s) => text(s.title),
      (a, b) => [
        ...field("title", text(a.title), text(b.title)),
        ...field("when", condition(before)(a.when), condition(after)(b.when)),
        ...field("require", condition(before)(a.require), condition(after)(b.require)),
        ...field("onFail", onFail(a.onFail), onFail(b.onFail)),
        ...field("onUnknownEvidence", a.onUnknownEvidence ?? "—", b.onUnknownEvidence ?? "—"),
        ...field("message", text(a.message), text(b.message)),
        ...field(
          "detailedMessage",
          canonicalJson(a.detailedMessage ?? null),
          canonicalJson(b.detailedMessage ?? null),
        ),
        ...field("basis", cite(a.basis), cite(b.basis)),
      ],
    ),
    ...listChanges(
      "material",
      before.materials,
      after.materials,
      (m) => m.id,
      (m) => text(m.title),
      (a, b) => [
        ...field("title", text(a.title), text(b.title)),
        ...field(
          "requiredWhen",
          condition(before)(a.requiredWhen),
          condition(after)(b.requiredWhen),
        ),
        ...field("satisfiedBy", a.satisfiedBy.join(", "), b.satisfiedBy.join(", ")),
        ...field("deferrable", String(a.deferrable), String(b.deferrable)),
        ...field("followUp", canonicalJson(a.followUp ?? null), canonicalJson(b.followUp ?? null)),
        ...field(
          "detailedMessage",
          canonicalJson(a.detailedMessage ?? null),
          canonicalJson(b.detailedMessage ?? null),
        ),
        ...field("basis", cite(a.basis), cite(b.basis)),
      ],
    ),
    ...listChanges(
      "referral",
      before.referrals,
      after.referrals,
      (r) => r.code,
      (r) => text(r.title),
      (a, b) => [
        ...field("title", text(a.title), text(b.title)),
        ...field("basis", cite(a.basis), cite(b.basis)),
      ],
    ),
    ...listChanges(
      "derived",
      Object.entries(before.derived),
      Object.entries(after.derived),
      ([id]) => id,
      ([, d]) => d.function,
      ([, a], [, b]) => field("definition", canonicalJson(a), canonicalJson(b)),
    ),
  );
  for (const fact of ["data", "evidence"] as const) {
    const old = new Set(fieldPaths(before.input[fact]));
    const now = new Set(fieldPaths(after.input[fact]));
    for (const path of now)
      if (!old.has(path)) changes.push({ area: "input", change: "added", id: `${fact}.${path}` });
    for (const path of old)
      if (!now.has(path)) changes.push({ area: "input", change: "removed", id: `${fact}.${path}` });
    const same = canonicalJson(before.input[fact]) === canonicalJson(after.input[fact]);
    if (!same && [...now].every((p) => old.has(p)) && [...old].every((p) => now.has(p))) {
      changes.push({ area: "input", change: "changed", id: fact });
    }
  }
  return {
    matter: after.matter,
    before: { version: before.version, effective: before.effective },
    after: { version: after.version, effective: after.effective },
    changes,
  };
}

function listChanges<T>(
  area: ChangeArea,
  before: readonly T[],
  after: readonly T[],
  idOf: (item: T) => string,
  titleOf: (item: T) => string,
  compare: (a: T, b: T) => Array<{ field: string; before: string; after: string }>,
): MatterChange[] {
  const old = new Map(before.map((item) => [idOf(item), item]));
  const now = new Map(after.map((item) => [idOf(item), item]));
  const changes: MatterChange[] = [];
  for (const [id, item] of now) {
    const previous = old.get(id);
    if (previous === undefined) {
      changes.push({ area, change: "added", id, title: titleOf(item) });
      continue;
    }
    if (canonicalJson(previous) === canonicalJson(item)) continue;
    const fields = compare(previous, item);
    changes.push({
      area,
      change: "changed",
      id,
      title: titleOf(item),
      fields: fields.length > 0 ? fields : [{ field: "details", before: "", after: "changed" }],
    });
  }
  for (const [id, item] of old) {
    if (!now.has(id)) changes.push({ area, change: "removed", id, title: titleOf(item) });
  }
  return changes;
}

function onFail(value: MatterFile["standards"][number]["onFail"]): string {
  return value.outcome === "refer" ? `refer ${value.code}` : `correct ${value.field}`;
}

/** The dot paths of the fields a JSON Schema declares (through `properties` and `items`). */
function fieldPaths(schema: unknown, prefix = "", depth = 0): string[] {
  if (typeof schema !== "object" || schema === null || depth > 16) return [];
  const node = schema as Record<string, unknown>;
  const out: string[] = [];
  const properties = node.properties;
  if (typeof properties === "object" && properties !== null) {
    for (const [key, child] of Object.entries(properties)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      out.push(path, ...fieldPaths(child, path, depth + 1));
    }
  }
  if (typeof node.items === "object" && node.items !== null) {
    out.push(...fieldPaths(node.items, prefix === "" ? "0" : `${prefix}.0`, depth + 1));
  }
  return out;
}
