/**
 * 规范汉字 (企业名称登记管理规定 art 5) and the folded form every word check of a name runs on.
 *
 * A name may be written with characters that look like, or stand for, the 规范汉字 a word list
 * holds: traditional forms (國), regional and Japanese forms (発), CJK compatibility ideographs
 * (U+F900–FAFF, U+2F800–2FA1F), Kangxi radicals (⼈, U+2F00–2FDF), fullwidth forms, or the
 * word split by invisible characters (U+200B, variation selectors, soft hyphens). Matching the
 * raw text would let 中國 or 赌\u200B博 past a check that catches 中国 and 赌博; the fold maps
 * them all to one form first. Whether the raw name uses 规范汉字 only is a separate question
 * (nonStandardCharacters), answered on the raw text.
 */

/** The two tables the fold and the 规范汉字 check read; build once per catalog (hanziTables). */
export interface HanziTables {
  /** The 规范汉字 (《通用规范汉字表》): one code point each. */
  readonly standard: ReadonlySet<string>;
  /** A non-规范 form (one code point) and the 规范汉字 it stands for. */
  readonly variants: ReadonlyMap<string, string>;
}

/**
 * What the fold removes: code points that are invisible or only shape or separate other text —
 * default-ignorable code points (zero-width characters, variation selectors, soft hyphen,
 * Hangul fillers), format and control characters, combining marks, separators (spaces), and
 * punctuation and symbols (a word split by 中·国 or 赌-博 is still the word). None of them can be
 * part of a 规范汉字 name (the raw name is checked for them separately), so removing them can
 * only make a word check find more, never less.
 */
const REMOVED =
  /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{M}\p{Z}\p{P}\p{S}]/u;

/** Code points shown by their number in a notice, since they cannot be seen. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{M}\p{Z}]/u;

/**
 * Builds the tables from their text form: `standard` strings whose code points are the
 * 规范汉字, `variants` strings of space-separated pairs (the form, then its 规范汉字). A pair
 * that is not two code points is reported, not guessed; so is a form that is itself a
 * 规范汉字, or a pair whose 规范汉字 is not one, or a form given twice.
 *
 * @example
 * const { tables, problems } = hanziTables(["国区"], ["國国 區区"]);
 * // tables.variants.get("國") === "国", problems = []
 */
export function hanziTables(
  standard: readonly string[],
  variants: readonly string[],
): { tables: HanziTables; problems: string[] } {
  const problems: string[] = [];
  const set = new Set<string>();
  for (const text of standard) for (const c of text) set.add(c);
  const map = new Map<string, string>();
  for (const text of variants) {
    for (const pair of text.split(" ")) {
      if (pair === "") continue;
      const [form, to, ...rest] = [...pair];
      if (form === undefined || to === undefined || rest.length > 0) {
        problems.push(`"${pair}" is not a pair of two characters`);
      } else if (set.has(form)) {
        problems.push(`"${form}" is itself a standard character; it cannot fold to "${to}"`);
      } else if (!set.has(to)) {
        problems.push(`"${to}" (for "${form}") is not a standard character`);
      } else if (map.has(form) && map.get(form) !== to) {
        problems.push(`"${form}" folds to both "${map.get(form)}" and "${to}"`);
      } else {
        map.set(form, to);
      }
    }
  }
  return { tables: { standard: set, variants: map }, problems };
}

/**
 * The folded form of a text, for word matching: Unicode NFKC (compatibility ideographs, Kangxi
 * radicals and fullwidth forms to their ordinary characters), then what REMOVED names is
 * dropped and each non-规范 form the table knows is replaced by its 规范汉字.
 *
 * @example
 * foldText("中國\u200B⼈民", variants); // "中国人民"
 */
export function foldText(text: string, variants: ReadonlyMap<string, string>): string {
  let out = "";
  for (const c of text.normalize("NFKC")) {
    if (REMOVED.test(c)) continue;
    out += variants.get(c) ?? c;
  }
  return out;
}

/** A character of a name that is not a 规范汉字, with the 规范汉字 it stands for if known. */
export interface NonStandardCharacter {
  /** The character, or `U+XXXX` for one that cannot be seen. */
  character: string;
  /** The 规范汉字 the character folds to, when it folds to exactly one. */
  standard?: string;
  /** `U+XXXX`, given only for a character that cannot be seen, so a notice can say so. */
  invisible?: string;
}

/**
 * The distinct characters of a raw text that are not 规范汉字, in order of first occurrence —
 * checked on the text as written, not folded: 國 is not a 规范汉字 even though it folds to 国.
 * Each is given with the 规范汉字 it folds to, when there is exactly one.
 *
 * @example
 * nonStandardCharacters("中國A", tables);
 * // [{ character: "國", standard: "国" }, { character: "A" }]
 * nonStandardCharacters("丽\u200B华", tables);
 * // [{ character: "U+200B", invisible: "U+200B" }]
 */
export function nonStandardCharacters(text: string, tables: HanziTables): NonStandardCharacter[] {
  const found: NonStandardCharacter[] = [];
  const seen = new Set<string>();
  for (const c of text) {
    if (tables.standard.has(c) || seen.has(c)) continue;
    seen.add(c);
    const folded = foldText(c, tables.variants);
    if (INVISIBLE.test(c)) {
      const label = codePointLabel(c);
      found.push({ character: label, invisible: label });
    } else {
      found.push(
        tables.standard.has(folded) ? { character: c, standard: folded } : { character: c },
      );
    }
  }
  return found;
}

/** "U+200B" for "\u200b". */
function codePointLabel(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
