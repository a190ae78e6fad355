import type { Application, SubmittedMaterial } from "../model/application.js";
import type { CombinedApplication, FieldMapping, OneThingFile } from "../model/one-thing.js";

// 一表申请: the one form is asked once and copied onto each member's application. Nothing is
// guessed: a member gets exactly the fields the 一件事 file maps onto it, the fixed values it
// sets, and the materials of the one set that serve it.

/**
 * The application of one member made from a combined application: the mapped data and
 * evidence, and the materials that serve the member (a shared material under the member's own
 * id; a member material supplied under its own id as it is). `ownMaterials` are the ids of the
 * member version's materials.
 *
 * @example
 * memberApplication(file, "food-filing", combined, new Set(["FD-M01"])).data.registration; // "simultaneous"
 */
export function memberApplication(
  file: OneThingFile,
  member: { key: string; matter: string },
  combined: CombinedApplication,
  ownMaterials: ReadonlySet<string>,
): Application {
  const materials: SubmittedMaterial[] = [];
  for (const submitted of combined.materials) {
    const shared = file.materials.find((m) => m.id === submitted.id);
    const served = shared?.serves.filter((s) => s.member === member.key) ?? [];
    for (const { material } of served) materials.push({ ...submitted, id: material });
    if (shared === undefined && ownMaterials.has(submitted.id)) materials.push({ ...submitted });
  }
  return {
    ...(combined.id !== undefined && { id: combined.id }),
    matter: member.matter,
    appliedOn: combined.appliedOn,
    ...(combined.acceptedOn !== undefined && { acceptedOn: combined.acceptedOn }),
    data: mapped(file.mapping.data, member.key, combined.data),
    evidence: mapped(file.mapping.evidence, member.key, combined.evidence),
    materials,
  };
}

function mapped(
  entries: readonly FieldMapping[],
  member: string,
  source: Record<string, unknown>,
): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const entry of entries) {
    const value = "form" in entry ? valueAt(source, entry.form) : entry.value;
    if (value === undefined) continue;
    for (const to of entry.to) {
      if (to.member === member) setAt(target, to.path, copy(value));
    }
  }
  return target;
}

/**
 * The form paths that fill a member's path: the entry mapped onto it or onto a whole that holds
 * it (`operator` → `operator.name`), or the entries mapped onto its parts when the member asks
 * for a whole. Empty when no form field fills it (a fixed value, or nothing mapped).
 *
 * @example
 * formPaths(file, "food-filing", "operator.name"); // ["operator.name"]
 */
export function formPaths(file: OneThingFile, member: string, path: string): string[] {
  const found: string[] = [];
  for (const entry of file.mapping.data) {
    if (!("form" in entry)) continue;
    for (const to of entry.to) {
      if (to.member !== member) continue;
      if (path === to.path || path.startsWith(`${to.path}.`)) {
        found.push(entry.form + path.slice(to.path.length));
      } else if (to.path.startsWith(`${path}.`)) {
        found.push(entry.form);
      }
    }
  }
  return [...new Set(found)];
}

/**
 * The paths of the combined form's data that no mapping reads (a field the form does not have):
 * never silently dropped, since a member that was given it directly would have seen it. A
 * field the 一件事 fixes (a `value` mapping, e.g. the filing made `simultaneous`ly) may be
 * given as a member names it when it says the same; saying otherwise is `contradicts`.
 *
 * @example
 * unmappedPaths(file, { operator: {}, colour: "red" }); // [{ path: "colour" }]
 * unmappedPaths(file, { entity: { registration: "existing" } }); // [{ path: "entity.registration", fixed: "simultaneous" }]
 */
export function unmappedPaths(
  file: OneThingFile,
  data: Record<string, unknown>,
): Array<{ path: string; fixed?: unknown }> {
  const forms = file.mapping.data.flatMap((e) => ("form" in e ? [e.form] : []));
  const fixed = new Map<string, unknown>();
  for (const e of file.mapping.data) {
    if ("value" in e) for (const t of e.to) fixed.set(t.path, e.value);
  }
  const out: Array<{ path: string; fixed?: unknown }> = [];
  const walk = (value: Record<string, unknown>, prefix: string): void => {
    for (const key of Object.keys(value).sort()) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (forms.some((f) => path === f || path.startsWith(`${f}.`))) continue;
      const child = value[key];
      if (fixed.has(path)) {
        if (JSON.stringify(child) !== JSON.stringify(fixed.get(path))) {
          out.push({ path, fixed: fixed.get(path) });
        }
        continue;
      }
      const inside =
        forms.some((f) => f.startsWith(`${path}.`)) ||
        [...fixed.keys()].some((f) => f.startsWith(`${path}.`));
      if (inside && isRecord(child)) walk(child, path);
      else out.push({ path });
    }
  };
  walk(data, "");
  return out;
}

function valueAt(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const segment of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split(".");
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (!isRecord(next)) {
      const created: Record<string, unknown> = {};
      define(node, segment, created);
      node = created;
    } else node = next;
  }
  define(node, segments.at(-1) as string, value);
}

/** Own data property (a key such as `__proto__` is refused by the path schema already). */
function define(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function copy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
