import type { CatalogEntry } from "../../model/catalog.js";
import {
  foldText,
  type HanziTables,
  hanziTables,
  nonStandardCharacters,
} from "../../validators/hanzi-fold.js";
import {
  hanLength,
  isHanOnly,
  type NameRegion,
  nameIndex,
  splitName,
  WordIndex,
} from "../../validators/name-parts.js";
import type { DerivedContext, DerivedFunction } from "./derived-function.js";

const CATALOG_OPTIONS = ["regions", "forms", "industries", "lexicon"] as const;
/** Catalogs a rule file may leave out (older files): without them the outputs they feed are absent. */
const OPTIONAL_CATALOG_OPTIONS = ["characters", "variants"] as const;

/**
 * Parses a business name (企业名称登记管理规定 arts 5–12, applied to 个体工商户 by art 25)
 * against catalogs — options `regions` (administrative divisions), `forms` (organisation
 * forms, with a boolean per entity type), `industries`, `lexicon` (barred and restricted
 * words) and `entityType` (the forms' flag to read, e.g. `individualBusiness`) — and reports
 * the facts the name standards test: each part, whether it was found, and every hit.
 *
 * Every part and word is found in the name's folded form (validators/hanzi-fold.ts: NFKC, invisible
 * characters, punctuation and symbols removed, traditional and variant forms mapped to their
 * 规范汉字 by the `variants` catalog), so 中國 or 赌\u200B博 meets the same word checks as 中国
 * and 赌博 (arts 11–12). Whether the name as written uses 规范汉字 only (art 5) is read from the
 * raw name against the `characters` catalog (《通用规范汉字表》): `standardCharactersOnly` and
 * `nonStandardCharacters`, each with the 规范汉字 it stands for, given only with that option.
 */
export const businessName: DerivedFunction = {
  name: "business-name",
  description: "Splits a business name into region, trade name, industry and form, and checks each",
  outputs: {
    hanOnly: "boolean",
    standardCharactersOnly: "boolean",
    nonStandardCharacters: "array",
    folded: "string",
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
    for (const key of OPTIONAL_CATALOG_OPTIONS) {
      const name = options[key];
      if (name === undefined) continue;
      if (typeof name !== "string") problems.push(`option "${key}" must be a catalog name`);
      else if (!catalogs.has(name)) problems.push(`no catalog named "${name}" is loaded`);
    }
    if (typeof options.entityType !== "string") problems.push('option "entityType" is required');
    return problems;
  },
  prepare(context) {
    words(context);
  },
  compute(input, context) {
    if (typeof input !== "string" || input.length === 0) return {};
    // Not destructured with a rest element: that would copy the cached object on every call.
    const sets = words(context);
    const { regions, formIds, industries, lexicon, lexiconWords, entityType } = sets;
    const name = foldText(input, sets.tables.variants);
    const parts = splitName(name, { regions, forms: formIds, industries }, sets.index);
    const deepest = parts.regions.at(-1);
    const form =
      parts.organizationForm === undefined
        ? undefined
        : sets.formByWord.get(parts.organizationForm);
    const trade = parts.tradeName;
    const restricted: string[] = [];
    const forbidden: string[] = [];
    // A word can occur in the name only where its first character does: try those words only,
    // in lexicon order.
    const candidates: number[] = [];
    for (let i = 0; i < name.length; i++) {
      for (const index of sets.lexiconIndex.at(name.charCodeAt(i))) candidates.push(index);
    }
    candidates.sort((a, b) => a - b);
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k] as number;
      if (k > 0 && candidates[k - 1] === i) continue;
      const word = lexiconWords[i] as string;
      // A word that folds to nothing (punctuation only) cannot be told in a folded name.
      if (word === "" || !name.includes(word)) continue;
      const w = lexicon[i] as CatalogEntry;
      (w.category === "restricted-prefix" ? restricted : forbidden).push(w.id);
    }
    const nonStandard = sets.checksCharacters
      ? nonStandardCharacters(input, sets.tables)
      : undefined;
    return {
      hanOnly: isHanOnly(input),
      ...(nonStandard && {
        standardCharactersOnly: nonStandard.length === 0,
        nonStandardCharacters: nonStandard,
      }),
      folded: name,
      regionFound: deepest !== undefined,
      ...(deepest && {
        regionCode: deepest.code,
        regionCodePrefix: significantPrefix(deepest.code),
      }),
      // A 市辖区 named first, without its city before it, breaks art 7.
      regionOrderValid: !(parts.regions[0]?.cityDistrict === true),
      tradeName: trade,
      tradeNameHanLength: hanLength(trade),
      tradeNameIsRegion: sets.regionNames.has(trade),
      tradeNameIsIndustry: sets.industrySet.has(trade),
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

// The 规范汉字 and variants tables are large and shared by every business-name fact reading the
// same catalogs: built once per pair of catalogs.
const tableCache = new WeakMap<object, WeakMap<object, HanziTables>>();

function tablesOf(
  characters: readonly CatalogEntry[],
  variants: readonly CatalogEntry[],
  texts: (key: string, field: string) => string[],
): HanziTables {
  let byVariants = tableCache.get(characters);
  if (byVariants === undefined) {
    byVariants = new WeakMap();
    tableCache.set(characters, byVariants);
  }
  let tables = byVariants.get(variants);
  if (tables === undefined) {
    // Pairs the tables cannot use are left out (see hanziTables), which can only make the fold
    // do less, never map a character wrongly; the catalog's own test reports them.
    tables = hanziTables(texts("characters", "characters"), texts("variants", "pairs")).tables;
    byVariants.set(variants, tables);
  }
  return tables;
}

// Catalogs and a derived fact's options are fixed once loaded: read the word lists once per
// (catalogs, options) pair, not on every decision.
const cache = new WeakMap<object, WeakMap<object, Words>>();

function words(context: Omit<DerivedContext, "appliedOn">): Words {
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

function readWords({ options, catalogs }: Omit<DerivedContext, "appliedOn">) {
  const entries = (key: string): readonly CatalogEntry[] =>
    catalogs.get(String(options[key])) ?? [];
  const texts = (key: string, field: string): string[] =>
    entries(key).flatMap((e) => (typeof e[field] === "string" ? [e[field]] : []));
  const tables = tablesOf(entries("characters"), entries("variants"), texts);
  // The word lists are folded like the name, so that a word written in a variant form (or with
  // punctuation) in a catalog still meets the folded name.
  const fold = (text: string) => foldText(text, tables.variants);
  const regions: NameRegion[] = entries("regions").map((e) => ({
    code: e.id,
    name: fold(e.title["zh-CN"]),
    shortName: typeof e.shortName === "string" ? fold(e.shortName) : undefined,
    parent: typeof e.parent === "string" ? e.parent : undefined,
    cityDistrict: e.cityDistrict === true,
  }));
  const forms = entries("forms");
  const formIds = forms.map((f) => fold(f.id));
  /** Each form by its folded word (the first of equals, as splitName prefers). */
  const formByWord = new Map<string, CatalogEntry>();
  forms.forEach((f, i) => {
    const word = formIds[i] as string;
    if (!formByWord.has(word)) formByWord.set(word, f);
  });
  const industries = entries("industries").map((e) => fold(e.title["zh-CN"]));
  const lexicon = entries("lexicon");
  const lexiconWords = lexicon.map((w) => fold(String(w.title["zh-CN"])));
  return {
    tables,
    /** Whether the `characters` option names the 规范汉字 table to check the raw name against. */
    checksCharacters: typeof options.characters === "string" && tables.standard.size > 0,
    formByWord,
    regions,
    index: nameIndex({ regions, forms: formIds, industries }),
    /** Every region's name and short name, for `tradeNameIsRegion`. */
    regionNames: new Set(
      regions.flatMap((r) => (r.shortName === undefined ? [r.name] : [r.name, r.shortName])),
    ),
    forms,
    formIds,
    industries,
    industrySet: new Set(industries),
    lexicon,
    lexiconWords,
    /** The lexicon words' indexes by the code unit each word starts with. */
    lexiconIndex: new WordIndex(
      lexiconWords.map((_, index) => index),
      (index) => lexiconWords[index] as string,
      "first",
    ),
    entityType: String(options.entityType),
  };
}
