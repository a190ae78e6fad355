import type { FieldMapping, OneThingFile } from "../model/one-thing.js";

/** One change between two versions of a 一件事, in its terms. */
export interface OneThingChange {
  kind: "added" | "removed" | "changed";
  part: "version" | "effective" | "basis" | "member" | "mapping" | "material";
  id: string;
  detail?: string;
}

/**
 * What changed between two versions of a 一件事: its window and basis, members (added,
 * removed, decided otherwise, time limits, deemed consent), form fields and where they go, and
 * the materials of the one set. A change of the members' own rules is their matters' diff.
 *
 * @example
 * diffOneThings(v1, v2); // [{ kind: "added", part: "mapping", id: "data:foodItems", … }]
 */
export function diffOneThings(before: OneThingFile, after: OneThingFile): OneThingChange[] {
  const out: OneThingChange[] = [];
  const json = (v: unknown) => JSON.stringify(v);
  if (before.version !== after.version) {
    out.push({
      kind: "changed",
      part: "version",
      id: "version",
      detail: `${before.version} → ${after.version}`,
    });
  }
  if (json(before.effective) !== json(after.effective)) {
    out.push({
      kind: "changed",
      part: "effective",
      id: "effective",
      detail: `${json(before.effective)} → ${json(after.effective)}`,
    });
  }
  if (json(before.basis) !== json(after.basis))
    out.push({ kind: "changed", part: "basis", id: "basis" });
  compare(
    out,
    "member",
    keyed(before.members, (m) => m.key),
    keyed(after.members, (m) => m.key),
  );
  for (const kind of ["data", "evidence"] as const) {
    compare(
      out,
      "mapping",
      keyed(before.mapping[kind], (e) => `${kind}:${source(e)}`),
      keyed(after.mapping[kind], (e) => `${kind}:${source(e)}`),
    );
  }
  compare(
    out,
    "material",
    keyed(before.materials, (m) => m.id),
    keyed(after.materials, (m) => m.id),
  );
  return out;
}

/**
 * The changes as text lines, one each.
 *
 * @example
 * formatOneThingDiff(changes); // "+ mapping data:foodItems\n"
 */
export function formatOneThingDiff(changes: readonly OneThingChange[]): string {
  if (changes.length === 0) return "no changes\n";
  const sign = { added: "+", removed: "-", changed: "~" } as const;
  return changes
    .map((c) => `${sign[c.kind]} ${c.part} ${c.id}${c.detail ? `: ${c.detail}` : ""}\n`)
    .join("");
}

function source(entry: FieldMapping): string {
  return "form" in entry
    ? entry.form
    : `value ${JSON.stringify(entry.value)} → ${entry.to.map((t) => `${t.member}.${t.path}`).join(", ")}`;
}

function keyed<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function compare<T>(
  out: OneThingChange[],
  part: OneThingChange["part"],
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
): void {
  for (const [id, item] of after) {
    const old = before.get(id);
    if (old === undefined) out.push({ kind: "added", part, id });
    else if (JSON.stringify(old) !== JSON.stringify(item)) out.push({ kind: "changed", part, id });
  }
  for (const id of before.keys()) if (!after.has(id)) out.push({ kind: "removed", part, id });
}
