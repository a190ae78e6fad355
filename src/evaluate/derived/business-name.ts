import { hanLength, isHanOnly, type NameRegion, splitName } from "../../checks/name-parts.js";
import type { CatalogEntry } from "../../model/catalog.js";
import type { DerivedContext, DerivedFunction } from "./derived-function.js";

const CATALOG_OPTIONS = ["regions", "forms", "industries", "lexicon"] as const;

/**
 * Parses a business name (企业名称登记管理规定 arts 5–12, applied to 个体工商户 by art 25)
 * against catalogs — options `regions` (administrative divisions), `forms` (organisation
 * forms, with a boolean per entity type), `industries`, `lexicon` (barred and restricted
 * words) and `entityType` (the forms' flag to read, e.g. `individualBusiness`) — and reports
 * the facts the name standards test: each part, whether it was found, and every hit.
 */
export const businessName: DerivedFunction = {
  name: "business-name",
  description: "Splits a business name into region, trade name, industry and form, and checks each",
  outputs: {
    hanOnly: "boolean",
    regionFound: "boolean",
    regionCode: "string",
    regionCodePrefix: "string",
    regionOrderValid: "boolean",
    tradeName: "string",
    tradeNameHanLength: "number",
    tradeNameIsRegion: "boolean",
    tradeNameIsIndustry: "boolean",
    industry: "string",
    industryFound: "boolean",
    organizationForm: "string",
    organizationFormFound: "boolean",
    organizationFormAllowed: "boolean",
    restrictedHits: "array",
    restrictedHitCount: "number",
    forbiddenHits: "array",
    forbiddenHitCount: "number",
  },
  checkOptions(options, catalogs) {
    const problems = CATALOG_OPTIONS.flatMap((key) => {
      const name = options[key];
      if (typeof name !== "string") return [`option "${key}" (a catalog name) is required`];
      return catalogs.has(name) ? [] : [`no catalog named "${name}" is loaded`];
    });
    if (typeof options.entityType !== "string") problems.push('option "entityType" is required');
    return problems;
  },
  compute(input, context) {
    if (typeof input !== "string" || input.length === 0) return {};
    const { regions, forms, industries, lexicon, entityType } = words(context);
    const parts = splitName(input, { regions, forms: forms.map((f) => f.id), industries });
    const deepest = parts.regions.at(-1);
    const form = forms.find((f) => f.id === parts.organizationForm);
    const trade = parts.tradeName;
    const hits = lexicon.filter((w) => input.includes(String(w.title["zh-CN"])));
    const restricted = hits.filter((w) => w.category === "restricted-prefix").map((w) => w.id);
    const forbidden = hits.filter((w) => w.category !== "restricted-prefix").map((w) => w.id);
    return {
      hanOnly: isHanOnly(input),
      regionFound: deepest !== undefined,
      ...(deepest && {
        regionCode: deepest.code,
        regionCodePrefix: significantPrefix(deepest.code),
      }),
      // A 市辖区 named first, without its city before it, breaks art 7.
      regionOrderValid: !(parts.regions[0]?.cityDistrict === true),
      tradeName: trade,
      tradeNameHanLength: hanLength(trade),
      tradeNameIsRegion: regions.some((r) => r.name === trade || r.shortName === trade),
      tradeNameIsIndustry: industries.includes(trade),
      ...(parts.industry !== undefined && { industry: parts.industry }),
      industryFound: parts.industry !== undefined,
      ...(parts.organizationForm !== undefined && { organizationForm: parts.organizationForm }),
      organizationFormFound: form !== undefined,
      organizationFormAllowed: form !== undefined && form[entityType] === true,
      restrictedHits: restricted,
      restrictedHitCount: restricted.length,
      forbiddenHits: forbidden,
      forbiddenHitCount: forbidden.length,
    };
  },
};

/** 440000 → "44", 440300 → "4403", 440305 → "440305": the code's own level. */
function significantPrefix(code: string): string {
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

type Words = ReturnType<typeof readWords>;

// Catalogs and a derived fact's options are fixed once loaded: read the word lists once per
// (catalogs, options) pair, not on every decision.
const cache = new WeakMap<object, WeakMap<object, Words>>();

function words(context: DerivedContext): Words {
  let byOptions = cache.get(context.catalogs);
  if (byOptions === undefined) {
    byOptions = new WeakMap();
    cache.set(context.catalogs, byOptions);
  }
  let found = byOptions.get(context.options);
  if (found === undefined) {
    found = readWords(context);
    byOptions.set(context.options, found);
  }
  return found;
}

function readWords({ options, catalogs }: DerivedContext) {
  const entries = (key: string): readonly CatalogEntry[] =>
    catalogs.get(String(options[key])) ?? [];
  const regions: NameRegion[] = entries("regions").map((e) => ({
    code: e.id,
    name: e.title["zh-CN"],
    shortName: typeof e.shortName === "string" ? e.shortName : undefined,
    parent: typeof e.parent === "string" ? e.parent : undefined,
    cityDistrict: e.cityDistrict === true,
  }));
  return {
    regions,
    forms: entries("forms"),
    industries: entries("industries").map((e) => e.title["zh-CN"]),
    lexicon: entries("lexicon"),
    entityType: String(options.entityType),
  };
}
