import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  foldText,
  type HanziTables,
  hanziTables,
  nonStandardCharacters,
} from "../../src/validators/hanzi-fold.js";

interface Entry {
  id: string;
  characters?: string;
  pairs?: string;
  count?: number;
}
const catalog = (name: string): Entry[] =>
  JSON.parse(readFileSync(new URL(`../../rules/catalogs/${name}.json`, import.meta.url), "utf8"))
    .entries;
const levels = catalog("standard-characters");
const variantGroups = catalog("character-variants");
const built = hanziTables(
  levels.map((e) => e.characters ?? ""),
  variantGroups.map((e) => e.pairs ?? ""),
);
const tables: HanziTables = built.tables;

/** Every 规范汉字 a name generator may use: the table in its own order. */
const STANDARD = levels.flatMap((e) => [...(e.characters ?? "")]);

describe("the 《通用规范汉字表》 catalog", () => {
  it("holds exactly 8,105 distinct characters, 3,500 / 3,000 / 1,605 by level", () => {
    expect(levels.map((e) => [e.id, [...(e.characters ?? "")].length])).toEqual([
      ["level-1", 3500],
      ["level-2", 3000],
      ["level-3", 1605],
    ]);
    expect(tables.standard.size).toBe(8105);
    for (const e of levels) expect(e.count).toBe([...(e.characters ?? "")].length);
  });

  it("has the characters the table places at the levels' edges (spot checks)", () => {
    const [one, two, three] = levels.map((e) => [...(e.characters ?? "")]);
    // Each level is in stroke order: its first character has one or two strokes.
    expect([one?.[0], one?.at(-1)]).toEqual(["一", "矗"]);
    expect([two?.[0], two?.at(-1)]).toEqual(["乂", "齉"]);
    expect([three?.[0], three?.at(-1)]).toEqual(["亍", "蠼"]);
    for (const c of "国区澜恒赌博人大中华乾著𫚭") expect(tables.standard.has(c)).toBe(true);
    for (const c of "國區瀾恆賭囯A１⼈") expect(tables.standard.has(c)).toBe(false);
  });

  it("is one code point per character, all of them Han and unchanged by NFKC", () => {
    const odd = STANDARD.filter((c) => !/^\p{Script=Han}$/u.test(c) || c.normalize("NFKC") !== c);
    expect(odd).toEqual([]);
  });
});

describe("the variants catalog", () => {
  it("has only pairs whose form is not a 规范汉字 and whose 规范汉字 is one, each form once", () => {
    expect(built.problems).toEqual([]);
    const pairs = variantGroups.flatMap((e) => (e.pairs ?? "").split(" "));
    expect(tables.variants.size).toBe(pairs.length);
    for (const e of variantGroups) expect(e.count).toBe((e.pairs ?? "").split(" ").length);
  });

  it("maps the traditional and regional forms of the issue to their 规范汉字", () => {
    const expected: Record<string, string> = { 國: "国", 區: "区", 瀾: "澜", 恆: "恒", 賭: "赌" };
    for (const [form, standard] of Object.entries(expected)) {
      expect(tables.variants.get(form)).toBe(standard);
    }
    expect(tables.variants.get("発")).toBe("发"); // Japanese shinjitai, via 發
    expect(tables.variants.has("乾")).toBe(false); // itself a 规范汉字 (乾坤), never folded
  });
});

describe("hanziTables", () => {
  it("keeps the pairs it can use and leaves out the others", () => {
    const { tables: t, problems } = hanziTables(["国区"], ["國国 區区區 国区 國区 囯国"]);
    expect(problems).toHaveLength(3);
    expect(t.variants.get("國")).toBe("国");
    expect(t.variants.get("囯")).toBe("国");
    expect(t.variants.has("區")).toBe(false);
    expect(t.variants.has("国")).toBe(false);
  });

  it("names each kind of bad pair", () => {
    expect(hanziTables(["国区"], ["區区區"]).problems).toEqual([
      '"區区區" is not a pair of two characters',
    ]);
    expect(hanziTables(["国区"], ["国区"]).problems).toEqual([
      '"国" is itself a standard character; it cannot fold to "区"',
    ]);
    expect(hanziTables(["国区"], ["國国 國区"]).problems).toEqual([
      '"國" folds to both "国" and "区"',
    ]);
    expect(hanziTables(["国"], ["區区"]).problems).toEqual([
      '"区" (for "區") is not a standard character',
    ]);
  });
});

describe("foldText", () => {
  const fold = (text: string) => foldText(text, tables.variants);

  it("maps traditional forms, Kangxi radicals and compatibility ideographs to 规范汉字", () => {
    expect(fold("中國")).toBe("中国");
    expect(fold("賭博")).toBe("赌博");
    expect(fold("\u2F08大")).toBe("人大"); // ⼈ KANGXI RADICAL MAN
    expect(fold("\uF92C")).toBe("郎"); // CJK COMPATIBILITY IDEOGRAPH-F92C
    expect(fold("\u{2F800}")).toBe("丽"); // CJK COMPATIBILITY IDEOGRAPH-2F800
    expect(fold("ＡＢ１")).toBe("AB1"); // fullwidth forms
  });

  it("removes invisible, format and separating characters a word could be split with", () => {
    for (const gap of ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u034F"]) {
      expect(fold(`赌${gap}博`)).toBe("赌博");
    }
    expect(fold("赌\uFE0F博\u{E0100}")).toBe("赌博"); // variation selectors
    expect(fold("中 国·中-华")).toBe("中国中华");
  });

  test.prop([fc.array(fc.constantFrom(...STANDARD), { maxLength: 12 })])(
    "leaves a text of 规范汉字 as it is, and folding twice is folding once",
    (chars) => {
      const text = chars.join("");
      expect(fold(text)).toBe(text);
      expect(fold(fold(`${text}國\u200B⼈`))).toBe(fold(`${text}國\u200B⼈`));
    },
  );
});

describe("nonStandardCharacters", () => {
  it("names each character outside the table once, with its 规范汉字 where one is known", () => {
    expect(nonStandardCharacters("中國國A\u200B囯⼈", tables)).toEqual([
      { character: "國", standard: "国" },
      { character: "A" },
      { character: "U+200B", invisible: "U+200B" },
      { character: "囯" },
      { character: "⼈", standard: "人" },
    ]);
  });

  it("finds none in a name of 规范汉字, and reads the name as written, not folded", () => {
    expect(nonStandardCharacters("深圳市南山区丽华便利店", tables)).toEqual([]);
    expect(nonStandardCharacters("\uF92C", tables)).toEqual([
      { character: "\uF92C", standard: "郎" },
    ]);
  });
});
