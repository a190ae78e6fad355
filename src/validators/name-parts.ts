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
  /** The same words indexed (see nameIndex), when names are split against them often. */
  index?: NameIndex,
): NameParts {
  const regions: NameRegion[] = [];
  let rest = name;
  for (;;) {
    const previous = regions.at(-1);
    // The longest region the rest starts with (the first of equals), inside the previous one.
    let region: NameRegion | undefined;
    for (const r of index ? index.regions.at(rest.charCodeAt(0)) : words.regions) {
      if (!rest.startsWith(r.name)) continue;
      if (previous !== undefined && !isInside(r, previous, words.regions)) continue;
      if (region === undefined || r.name.length > region.name.length) region = r;
    }
    if (region === undefined) break;
    regions.push(region);
    rest = rest.slice(region.name.length);
  }
  const forms = index ? index.forms.at(rest.charCodeAt(rest.length - 1)) : words.forms;
  const organizationForm = longestSuffix(forms, rest);
  if (organizationForm !== undefined) rest = rest.slice(0, rest.length - organizationForm.length);
  const industries = index
    ? index.industries.at(rest.charCodeAt(rest.length - 1))
    : words.industries;
  const industry = longestSuffix(industries, rest);
  if (industry !== undefined) rest = rest.slice(0, rest.length - industry.length);
  return { regions, tradeName: rest, industry, organizationForm };
}

/** splitName's words grouped by the character they start (regions) or end (forms, industries) with. */
export interface NameIndex {
  regions: WordIndex<NameRegion>;
  forms: WordIndex<string>;
  industries: WordIndex<string>;
}

/**
 * Indexes the words splitName matches against, for word lists that do not change: it then
 * tries only the words that can match at all, the same ones in the same order.
 */
export function nameIndex(words: {
  regions: readonly NameRegion[];
  forms: readonly string[];
  industries: readonly string[];
}): NameIndex {
  return {
    regions: new WordIndex(words.regions, (r) => r.name, "first"),
    forms: new WordIndex(words.forms, (f) => f, "last"),
    industries: new WordIndex(words.industries, (w) => w, "last"),
  };
}

/**
 * Items grouped by the UTF-16 code unit their text starts (or ends) with: a text can start
 * (end) with an item's text only if that code unit is the same, or the item's text is empty.
 * Groups are made when first asked for and keep the items' order.
 */
export class WordIndex<T> {
  readonly #items: readonly T[];
  readonly #text: (item: T) => string;
  readonly #end: boolean;
  readonly #groups = new Map<number, readonly T[]>();

  constructor(items: readonly T[], text: (item: T) => string, at: "first" | "last") {
    this.#items = items;
    this.#text = text;
    this.#end = at === "last";
  }

  /** The items whose text is empty or starts (ends) with `code`; none match for NaN but "". */
  at(code: number): readonly T[] {
    let group = this.#groups.get(code);
    if (group === undefined) {
      group = this.#items.filter((item) => {
        const text = this.#text(item);
        if (text.length === 0) return true;
        return (this.#end ? text.charCodeAt(text.length - 1) : text.charCodeAt(0)) === code;
      });
      // Bounded: a hostile name can ask for every code unit.
      if (this.#groups.size < 4096) this.#groups.set(code, group);
    }
    return group;
  }
}

/** The longest word (the first of equals) that ends `text` and is shorter than it. */
function longestSuffix(words: readonly string[], text: string): string | undefined {
  let best: string | undefined;
  for (const word of words) {
    if (word.length >= text.length || !text.endsWith(word)) continue;
    if (best === undefined || word.length > best.length) best = word;
  }
  return best;
}

function isInside(inner: NameRegion, outer: NameRegion, all: readonly NameRegion[]): boolean {
  let parent = inner.parent;
  for (let depth = 0; parent !== undefined && depth < 4; depth++) {
    if (parent === outer.code) return true;
    parent = all.find((r) => r.code === parent)?.parent;
  }
  return false;
}

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/** Counts the Han characters (规范汉字 candidates) of a text, by code point. */
export function hanLength(text: string): number {
  let count = 0;
  for (const c of text) if (HAN.test(c)) count++;
  return count;
}

/** Whether a text is Han characters only: no letters, digits, pinyin or punctuation. */
export function isHanOnly(text: string): boolean {
  return HAN_ONLY.test(text);
}
