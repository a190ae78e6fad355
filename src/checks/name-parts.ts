/** A region as the name parser needs it. */
export interface NameRegion {
  code: string;
  name: string;
  shortName?: string | undefined;
  parent?: string | undefined;
  /** A 市辖区: its name must follow its city's name (企业名称登记管理规定 art 7). */
  cityDistrict?: boolean | undefined;
}

/** The parts of a business name: 行政区划 + 字号 + 行业或经营特点 + 组织形式. */
export interface NameParts {
  /** The regions named at the start, outermost first (`深圳市`, `南山区`). */
  regions: NameRegion[];
  tradeName: string;
  industry: string | undefined;
  organizationForm: string | undefined;
}

/**
 * Splits a business name into its four parts (企业名称登记管理规定 art 6) against word lists:
 * the longest known region names from the start (a region, then optionally one inside it),
 * the longest known organisation form at the end, the longest known industry term before it;
 * what remains in the middle is the 字号. Parts that are not found stay empty rather than
 * guessed, so the rules can ask for a correction or a person.
 *
 * @example
 * splitName("深圳市南山区丽华便利店", { regions, forms: ["店"], industries: ["便利"] });
 * // { regions: [深圳市, 南山区], tradeName: "丽华", industry: "便利", organizationForm: "店" }
 */
export function splitName(
  name: string,
  words: {
    regions: readonly NameRegion[];
    forms: readonly string[];
    industries: readonly string[];
  },
): NameParts {
  const regions: NameRegion[] = [];
  let rest = name;
  for (;;) {
    const previous = regions.at(-1);
    const candidates = words.regions.filter(
      (r) =>
        rest.startsWith(r.name) && (previous === undefined || isInside(r, previous, words.regions)),
    );
    const region = longest(candidates, (r) => r.name);
    if (region === undefined) break;
    regions.push(region);
    rest = rest.slice(region.name.length);
  }
  const organizationForm = longest(
    words.forms.filter((f) => rest.endsWith(f) && f.length < rest.length),
    (f) => f,
  );
  if (organizationForm !== undefined) rest = rest.slice(0, rest.length - organizationForm.length);
  const industry = longest(
    words.industries.filter((w) => rest.endsWith(w) && w.length < rest.length),
    (w) => w,
  );
  if (industry !== undefined) rest = rest.slice(0, rest.length - industry.length);
  return { regions, tradeName: rest, industry, organizationForm };
}

function isInside(inner: NameRegion, outer: NameRegion, all: readonly NameRegion[]): boolean {
  let parent = inner.parent;
  for (let depth = 0; parent !== undefined && depth < 4; depth++) {
    if (parent === outer.code) return true;
    parent = all.find((r) => r.code === parent)?.parent;
  }
  return false;
}

function longest<T>(items: readonly T[], text: (item: T) => string): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || text(item).length > text(best).length ? item : best),
    undefined,
  );
}

/** Counts the Han characters (规范汉字 candidates) of a text, by code point. */
export function hanLength(text: string): number {
  return [...text].filter((c) => /\p{Script=Han}/u.test(c)).length;
}

/** Whether a text is Han characters only: no letters, digits, pinyin or punctuation. */
export function isHanOnly(text: string): boolean {
  return /^\p{Script=Han}+$/u.test(text);
}
