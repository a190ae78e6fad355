import type { CatalogEntry } from "../../model/catalog.js";
import type { DerivedContext, DerivedFunction } from "./derived-function.js";

/** How an industry term relates to one scope entry, as the terms catalog records it. */
export type Coverage = "covers" | "may-cover" | "not-covered";

/** The three answers of the check; `undetermined` always goes to a person. */
export type Fit = "consistent" | "inconsistent" | "undetermined";

/** Why a fit could not be determined, for the check's values and the guide. */
export type UndeterminedReason = "term-not-in-relation" | "scope-unknown" | "judgement" | "main";

/** Which scope entries may carry the name's industry: see nameScopeFit. */
export type MainBusiness = "any-entry" | "first-entry";

/**
 * Whether the industry term of a business name fits the business scope (企业名称登记管理规定
 * art 9: the 行业 is stated by the 主营业务; art 11(8): no misleading name; 个人独资企业法
 * art 11: the name fits the business carried on). The input is the scope list; `with.industry`
 * is the name's industry term. Options: `terms` (the industry-term catalog, whose entries give
 * `scopeCovers` and `scopeMayCover`, lists of scope ids), `scope` (the scope catalog), `key`
 * (the scope items' code field) and `mainBusiness`.
 *
 * Which entry is the 主营业务: the application does not say. 细则 art 12 has the applicant
 * choose entries by the main industry, but names no order, and a decision never depends on the
 * order of a list; so by default (`any-entry`) the term fits when it covers at least one entry
 * — the name then states a business the entity registers, whichever is the main one. The term
 * does not fit when it covers no entry and the catalog marks none for judgement. Everything
 * else is `undetermined`: a term with no relation in the catalog (a 经营特点 word that states
 * no industry), an entry not in the scope catalog that the term might cover, or a pair the
 * catalog marks for judgement (`scopeMayCover`). `first-entry` is for input whose first entry
 * is declared the main business: the term must then cover the first entry, and a term that
 * covers only later ones is `undetermined`.
 */
export const nameScopeFit: DerivedFunction = {
  name: "name-scope-fit",
  description: "Checks a name's industry term against the business scope entries",
  outputs: {
    industry: "string",
    termInRelation: "boolean",
    fit: "string",
    determined: "boolean",
    consistent: "boolean",
    reason: "string",
    scopeTitles: "array",
    scopeText: "string",
    coveredTitles: "array",
  },
  checkOptions(options, catalogs) {
    const problems: string[] = [];
    for (const key of ["terms", "scope"]) {
      const name = options[key];
      if (typeof name !== "string") problems.push(`option "${key}" (a catalog name) is required`);
      else if (!catalogs.has(name)) problems.push(`no catalog named "${name}" is loaded`);
    }
    if (options.key !== undefined && typeof options.key !== "string")
      problems.push('option "key" must be a string');
    const main = options.mainBusiness;
    if (main !== undefined && main !== "any-entry" && main !== "first-entry")
      problems.push('option "mainBusiness" must be "any-entry" or "first-entry"');
    return problems;
  },
  compute(input, context) {
    const industry = context.with?.industry;
    if (!Array.isArray(input) || input.length === 0 || typeof industry !== "string") return {};
    const { terms, scope } = relation(context);
    const key = typeof context.options.key === "string" ? context.options.key : undefined;
    const codes = input.map((item) =>
      key && typeof item === "object" && item !== null
        ? (item as Record<string, unknown>)[key]
        : item,
    );
    const entries = codes.map((code) => (typeof code === "string" ? scope.get(code) : undefined));
    const titleOf = (i: number) =>
      entries[i]?.title["zh-CN"] ?? (typeof codes[i] === "string" ? (codes[i] as string) : "—");
    const term = terms.get(industry);
    const coverage = entries.map((entry) =>
      entry === undefined || term === undefined ? undefined : coverageOf(term, entry.id),
    );
    const main = context.options.mainBusiness === "first-entry" ? "first-entry" : "any-entry";
    const { fit, reason } = judge(term !== undefined, coverage, main);
    // Sorted: a decision never depends on the order of a list, its notices included.
    const scopeTitles = codes.map((_, i) => titleOf(i)).sort(byCodeUnits);
    return {
      industry,
      termInRelation: term !== undefined,
      fit,
      determined: fit !== "undetermined",
      ...(fit !== "undetermined" && { consistent: fit === "consistent" }),
      ...(reason !== undefined && { reason }),
      scopeTitles,
      // Entries such as 技术服务、技术开发… contain 、 themselves: list them with ；.
      scopeText: scopeTitles.join("；"),
      coveredTitles: codes
        .flatMap((_, i) => (coverage[i] === "covers" ? [titleOf(i)] : []))
        .sort(byCodeUnits),
    };
  },
};

/**
 * The fit of a term with a scope list, from the relation of the term to each entry (undefined:
 * the entry is not in the scope catalog).
 *
 * @example
 * judge(true, ["not-covered", "covers"]); // { fit: "consistent" }
 * judge(true, ["not-covered", "may-cover"]); // { fit: "undetermined", reason: "judgement" }
 * judge(true, ["not-covered", "covers"], "first-entry"); // { fit: "undetermined", reason: "main" }
 */
export function judge(
  termInRelation: boolean,
  coverage: ReadonlyArray<Coverage | undefined>,
  main: MainBusiness = "any-entry",
): { fit: Fit; reason?: UndeterminedReason } {
  if (!termInRelation) return { fit: "undetermined", reason: "term-not-in-relation" };
  if (main === "first-entry" && coverage[0] !== "covers" && coverage.includes("covers"))
    return { fit: "undetermined", reason: "main" };
  if (coverage.includes("covers")) return { fit: "consistent" };
  if (coverage.includes(undefined)) return { fit: "undetermined", reason: "scope-unknown" };
  if (coverage.includes("may-cover")) return { fit: "undetermined", reason: "judgement" };
  return { fit: "inconsistent" };
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The term entry's relation to one scope id; a term entry has one only if it lists covers. */
export function coverageOf(term: CatalogEntry, scopeId: string): Coverage {
  if (ids(term.scopeCovers).includes(scopeId)) return "covers";
  if (ids(term.scopeMayCover).includes(scopeId)) return "may-cover";
  return "not-covered";
}

function ids(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

interface Relation {
  /** Terms that have a relation (a `scopeCovers` list), by their zh-CN text and by id. */
  terms: Map<string, CatalogEntry>;
  scope: Map<string, CatalogEntry>;
}

// Catalogs and options are fixed once loaded: index them once per (catalogs, options) pair.
const cache = new WeakMap<object, WeakMap<object, Relation>>();

function relation({ catalogs, options }: DerivedContext): Relation {
  let byOptions = cache.get(catalogs);
  if (byOptions === undefined) {
    byOptions = new WeakMap();
    cache.set(catalogs, byOptions);
  }
  let found = byOptions.get(options);
  if (found === undefined) {
    const terms = new Map<string, CatalogEntry>();
    for (const entry of catalogs.get(String(options.terms)) ?? []) {
      // A term without a covers list has no relation: every scope is undetermined for it.
      if (!Array.isArray(entry.scopeCovers)) continue;
      if (!terms.has(entry.id)) terms.set(entry.id, entry);
      if (!terms.has(entry.title["zh-CN"])) terms.set(entry.title["zh-CN"], entry);
    }
    const scope = new Map<string, CatalogEntry>();
    for (const entry of catalogs.get(String(options.scope)) ?? []) {
      // The first of duplicate ids: a later pasted entry must not change an earlier one.
      if (!scope.has(entry.id)) scope.set(entry.id, entry);
    }
    found = { terms, scope };
    byOptions.set(options, found);
  }
  return found;
}
