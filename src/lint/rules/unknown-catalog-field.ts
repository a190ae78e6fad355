import { booleanKeys } from "../../evaluate/derived/catalog-match.js";
import type { CatalogFile } from "../../model/catalog.js";
import type { Issue } from "../../model/issue.js";
import { conditionRoots, isFactRef, leavesOf } from "../conditions/condition-roots.js";
import type { Segments } from "../conditions/normal-form.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `unknown-catalog-field` (error): a reference to a field no entry of the catalog has —
 * `derived.<x>.anyTrue.<flag>` / `allTrue.<flag>` of a `catalog-match` whose catalog has no
 * boolean `<flag>`, or a `business-name` whose `entityType` is not a boolean field of its
 * forms catalog. The value would always be missing, so the standard could never pass.
 * (Unknown catalogs, laws and referral codes are reported by the loader's own checks.)
 */
export const unknownCatalogField: MatterRule = ({ matter, catalogs, issue }) => {
  const issues: Issue[] = [];
  const flags = (name: unknown) => booleanFields(catalogs.get(String(name)));
  for (const [id, derived] of Object.entries(matter.derived)) {
    if (derived.function !== "business-name") continue;
    const known = flags(derived.options.forms);
    const entityType = derived.options.entityType;
    if (known && typeof entityType === "string" && !known.has(entityType)) {
      issues.push(
        issue(
          "unknown-catalog-field",
          `no entry of catalog "${String(derived.options.forms)}" has a boolean "${entityType}" (it has ${list(known)})`,
          ["derived", id, "options", "entityType"],
        ),
      );
    }
  }
  const checkPath = (path: string, at: Segments) => {
    const [id = "", summary, flag] = path.split(".");
    const derived = matter.derived[id];
    if (derived?.function !== "catalog-match" || flag === undefined) return;
    if (summary !== "anyTrue" && summary !== "allTrue") return;
    const known = flags(derived.options.catalog);
    if (known && !known.has(flag)) {
      issues.push(
        issue(
          "unknown-catalog-field",
          `no entry of catalog "${String(derived.options.catalog)}" has a boolean "${flag}" (it has ${list(known)}), so derived.${path} is always missing`,
          at,
        ),
      );
    }
  };
  for (const { condition, at } of conditionRoots(matter)) {
    for (const { leaf, at: leafAt } of leavesOf(condition, at)) {
      if (leaf.fact === "derived") checkPath(leaf.path, [...leafAt, "path"]);
      if (isFactRef(leaf.value) && leaf.value.fact === "derived") {
        checkPath(leaf.value.path, [...leafAt, "value", "path"]);
      }
    }
  }
  return issues;
};

/** The boolean fields of each catalog, found once per catalog (catalogs are shared). */
const booleanFieldsOf = new WeakMap<CatalogFile, Set<string>>();

function booleanFields(catalog: CatalogFile | undefined): Set<string> | undefined {
  if (catalog === undefined) return undefined;
  let fields = booleanFieldsOf.get(catalog);
  if (fields === undefined) {
    fields = new Set(catalog.entries.flatMap(booleanKeys));
    booleanFieldsOf.set(catalog, fields);
  }
  return fields;
}

function list(fields: ReadonlySet<string>): string {
  return fields.size === 0 ? "none" : [...fields].sort().join(", ");
}
