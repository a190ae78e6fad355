import type { SourceLocator } from "../json/json-document.js";
import { toPointer } from "../json/json-pointer.js";
import type { CatalogEntry, CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { type RuleFileIssueCode, ruleFileIssue } from "./issue-codes.js";

// Catalogs are rule files too: a decision reads their entries as it reads a matter's standards,
// so a defect in one is a defect in the rules. A duplicate id would let the later entry win (a
// pasted line clearing `preApproval` turns a referral into an approval); a flag written as the
// string "false", or left out, reads as "not set"; an entry citing a law or naming a parent that
// does not exist points nowhere. Each is a located error, all of them, in `validate`,
// `loadRules` and bundles alike.

/** A catalog and where its entries are, for located issues. */
export interface LocatedCatalog {
  catalog: CatalogFile;
  document: SourceLocator;
  /** The pointer of the catalog inside the document ("" for a catalog file, `/catalogs/3` in a bundle). */
  at?: string;
}

/**
 * The problems of one catalog on its own: duplicate ids (`duplicate-id`), a field whose JSON
 * type differs between entries (`catalog-field-type`; a flag — a field that is a boolean in any
 * entry — must be a boolean in every entry), a flag some entry lacks (`catalog-flag-missing`:
 * a look-up would read the missing flag as not set), a malformed legal basis (`invalid-basis`),
 * a `references` declaration naming an entry field no entry has (`unknown-reference-field`),
 * and a `characterSets` declaration naming a field no entry has or one that is not a text
 * wherever it is given (`character-set-field`).
 *
 * @example
 * checkCatalog({ catalog, document }); // [{ code: "duplicate-id", pointer: "/entries/7/id", … }]
 */
export function checkCatalog({ catalog, document, at = "" }: LocatedCatalog): Issue[] {
  const issues: Issue[] = [];
  const error = (code: RuleFileIssueCode, message: string, segments: (string | number)[]) =>
    issues.push(ruleFileIssue(document, code, message, at + toPointer(segments)));
  const { entries } = catalog;
  // Duplicate ids: every later one, naming the first.
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const earlier = first.get(entry.id);
    if (earlier === undefined) first.set(entry.id, i);
    else {
      error(
        "duplicate-id",
        `"${entry.id}" is already the id of entries[${earlier}] in catalog "${catalog.catalog}": a look-up would take only one of them`,
        ["entries", i, "id"],
      );
    }
  });
  // The JSON type of each field, entry by entry.
  const types = new Map<string, Map<string, number[]>>();
  entries.forEach((entry, i) => {
    for (const field of Object.keys(entry)) {
      if (field === "id" || field === "title") continue;
      const byType = types.get(field) ?? new Map<string, number[]>();
      types.set(field, byType);
      const type = jsonType(entry[field]);
      byType.set(type, [...(byType.get(type) ?? []), i]);
    }
  });
  for (const [field, byType] of types) {
    const flag = byType.has("boolean");
    // A flag must be a boolean everywhere; any other field takes its most common type.
    const expected = flag ? "boolean" : mostCommon(byType);
    for (const [type, indexes] of byType) {
      if (type === expected) continue;
      for (const i of indexes) {
        const value = JSON.stringify((entries[i] as CatalogEntry)[field]);
        error(
          "catalog-field-type",
          flag
            ? `"${field}" is a flag (a boolean in ${count(byType.get("boolean"))} entries) but here is ${type} ${value}: a look-up would read it as not set; write true or false`
            : `"${field}" is ${expected} in ${count(byType.get(expected))} entries but here is ${type} ${value}`,
          ["entries", i, field],
        );
      }
    }
    if (flag) {
      const present = [...byType.values()].reduce((n, list) => n + list.length, 0);
      if (present === entries.length) continue;
      entries.forEach((entry, i) => {
        if (Object.hasOwn(entry, field)) return;
        error(
          "catalog-flag-missing",
          `entry "${entry.id}" has no "${field}", a flag of this catalog: a look-up would read it as not set; give every entry every flag (true or false)`,
          ["entries", i],
        );
      });
    }
  }
  entries.forEach((entry, i) => {
    if (Object.hasOwn(entry, "basis")) basisShape(entry.basis, i, error);
  });
  for (const field of Object.keys(catalog.references ?? {})) {
    if (!types.has(field)) {
      error(
        "unknown-reference-field",
        `no entry of catalog "${catalog.catalog}" has a field "${field}"`,
        ["references", field],
      );
    }
  }
  (catalog.characterSets ?? []).forEach((field, k) => {
    const byType = types.get(field);
    if (byType === undefined) {
      error(
        "character-set-field",
        `no entry of catalog "${catalog.catalog}" has a field "${field}"`,
        ["characterSets", k],
      );
    } else if (byType.size !== 1 || !byType.has("a string")) {
      error(
        "character-set-field",
        `"${field}" is declared a set of characters but is not a text in every entry that has it`,
        ["characterSets", k],
      );
    }
  });
  return issues;
}

/**
 * The references of catalogs to what exists elsewhere: each entry's `basis` must cite laws of
 * the laws catalog (`unknown-law`), and each field a catalog declares in `references` must
 * name entries of the catalog it names (`unknown-reference`; `unknown-catalog` when that
 * catalog is not loaded). A field referring to its own catalog (an administrative division's
 * `parent`) must not lead round in a circle (`reference-cycle`).
 *
 * @example
 * checkCatalogReferences(located, allCatalogs); // [{ code: "unknown-law", … }]
 */
export function checkCatalogReferences(
  located: readonly LocatedCatalog[],
  catalogs: ReadonlyMap<string, CatalogFile>,
): Issue[] {
  const issues: Issue[] = [];
  const laws = new Set(catalogs.get("laws")?.entries.map((e) => e.id) ?? []);
  const hasLaws = catalogs.has("laws");
  for (const { catalog, document, at = "" } of located) {
    const error = (code: RuleFileIssueCode, message: string, segments: (string | number)[]) =>
      issues.push(ruleFileIssue(document, code, message, at + toPointer(segments)));
    catalog.entries.forEach((entry, i) => {
      if (!hasLaws || !Array.isArray(entry.basis)) return;
      entry.basis.forEach((citation: unknown, k: number) => {
        const ref = (citation as { ref?: unknown } | null)?.ref;
        if (typeof ref === "string" && !laws.has(ref)) {
          error("unknown-law", `"${ref}" is not in the laws catalog`, [
            "entries",
            i,
            "basis",
            k,
            "ref",
          ]);
        }
      });
    });
    for (const [field, target] of Object.entries(catalog.references ?? {})) {
      const other = catalogs.get(target);
      if (other === undefined) {
        error("unknown-catalog", `no catalog named "${target}" is loaded`, ["references", field]);
        continue;
      }
      const ids = new Set(other.entries.map((e) => e.id));
      catalog.entries.forEach((entry, i) => {
        if (!Object.hasOwn(entry, field)) return;
        const value = entry[field];
        const list = Array.isArray(value) ? value : [value];
        list.forEach((id: unknown, k: number) => {
          const segments = Array.isArray(value) ? ["entries", i, field, k] : ["entries", i, field];
          if (typeof id !== "string") {
            error(
              "unknown-reference",
              `"${field}" refers to entries of catalog "${target}" by id (a string), not ${JSON.stringify(id)}`,
              segments,
            );
          } else if (!ids.has(id)) {
            error(
              "unknown-reference",
              `"${id}" is not an entry of catalog "${target}"${target === catalog.catalog ? "" : ` (${field})`}`,
              segments,
            );
          }
        });
      });
      if (target === catalog.catalog) cycles(catalog, field, error);
    }
  }
  return issues;
}

/** Entries whose chain of `field` (a single id in the same catalog) comes back to them. */
function cycles(
  catalog: CatalogFile,
  field: string,
  error: (code: RuleFileIssueCode, message: string, segments: (string | number)[]) => void,
): void {
  const next = new Map<string, string>();
  for (const entry of catalog.entries) {
    const value = entry[field];
    if (typeof value === "string" && !next.has(entry.id)) next.set(entry.id, value);
  }
  catalog.entries.forEach((entry, i) => {
    const seen = new Set<string>([entry.id]);
    for (let id = next.get(entry.id); id !== undefined; id = next.get(id)) {
      if (id === entry.id) {
        error(
          "reference-cycle",
          `following "${field}" from "${entry.id}" leads back to it (${[...seen, id].join(" → ")})`,
          ["entries", i, field],
        );
        return;
      }
      if (seen.has(id)) return; // a cycle further on, reported at its own entries
      seen.add(id);
    }
  });
}

/** `basis` as in matter files: a non-empty list of `{ ref, articles: [..] }`. */
function basisShape(
  basis: unknown,
  i: number,
  error: (code: RuleFileIssueCode, message: string, segments: (string | number)[]) => void,
): void {
  if (!Array.isArray(basis) || basis.length === 0) {
    error("invalid-basis", "basis must be a non-empty list of { ref, articles }", [
      "entries",
      i,
      "basis",
    ]);
    return;
  }
  basis.forEach((citation: unknown, k: number) => {
    const c = citation as { ref?: unknown; articles?: unknown } | null;
    const articles = c?.articles;
    const valid =
      typeof c === "object" &&
      c !== null &&
      typeof c.ref === "string" &&
      c.ref.length > 0 &&
      Array.isArray(articles) &&
      articles.length > 0 &&
      articles.every((a) => typeof a === "string" && a.length > 0);
    if (!valid) {
      error("invalid-basis", "a citation is { ref: <law id>, articles: [<article>, …] }", [
        "entries",
        i,
        "basis",
        k,
      ]);
    }
  });
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return "a number";
    case "string":
      return "a string";
    default:
      return "an object";
  }
}

function mostCommon(byType: ReadonlyMap<string, number[]>): string {
  let best = "";
  let most = -1;
  for (const [type, indexes] of byType) {
    if (indexes.length > most) {
      best = type;
      most = indexes.length;
    }
  }
  return best;
}

function count(list: readonly number[] | undefined): number {
  return list?.length ?? 0;
}
