// The word checks of a business name (企业名称登记管理规定 arts 11–12, and the sole
// proprietorship's 有限/公司 words, 个人独资企业法 art 11) cannot be escaped by writing the name
// in other forms of the same characters: for any name the rules refer or correct for a word,
// replacing any of its characters by a traditional, regional, compatibility, Kangxi-radical or
// fullwidth form, or inserting invisible characters, never yields approve — the same word
// findings stay, and the 规范汉字 check (art 5) asks for the name as written to be corrected.
import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Decision } from "../../src/index.js";
import { bundledRules } from "../helpers.js";

const catalogFile = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../rules/catalogs/${name}.json`, import.meta.url), "utf8"));

/** Every other form of each character the family knows, by the character it stands for. */
const FORMS = new Map<string, string[]>();
const addForm = (standard: string, form: string) => {
  const list = FORMS.get(standard) ?? [];
  if (!list.includes(form)) list.push(form);
  FORMS.set(standard, list);
};
for (const entry of catalogFile("character-variants").entries as Array<{ pairs: string }>) {
  for (const pair of entry.pairs.split(" ")) {
    const [form, standard] = [...pair];
    if (form && standard) addForm(standard, form);
  }
}
// CJK compatibility ideographs, their supplement, and the Kangxi radicals: the characters
// Unicode folds (NFKC) to an ordinary one.
for (const [from, to] of [
  [0xf900, 0xfaff],
  [0x2f800, 0x2fa1f],
  [0x2f00, 0x2fdf],
]) {
  for (let cp = from as number; cp <= (to as number); cp++) {
    const form = String.fromCodePoint(cp);
    const standard = form.normalize("NFKC");
    if (standard !== form && [...standard].length === 1) addForm(standard, form);
  }
}
// Fullwidth forms of ASCII letters and digits.
for (let cp = 0x21; cp <= 0x7e; cp++)
  addForm(String.fromCodePoint(cp), String.fromCodePoint(cp + 0xfee0));

const INVISIBLE = [
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
  "\u034F",
  "\uFE0F",
  "\u{E0100}",
  "\u180E",
  "\u3164",
];

/** What a word check found: referrals of N-09 / N-10, and the sole proprietorship's word correction. */
const WORD_CHECKS = new Set([
  "N-09-no-barred-content",
  "N-10-no-restricted-words",
  "N-08-no-limited-liability-words",
]);
const wordFindings = (d: Decision) =>
  [
    ...d.referrals
      .filter((r) => WORD_CHECKS.has(r.standard ?? ""))
      .map((r) => `${r.standard}:${r.code}`),
    ...d.missing.filter((m) => WORD_CHECKS.has(m.id)).map((m) => m.id),
  ].sort();

/** An approvable application of each matter and how its name is put together. */
const MATTERS = [
  {
    matter: "individual-business.establishment",
    fixture: "name-tc-a02-name-approve",
    region: "深圳市南山区",
    rest: ["丽华便利店", "丽华超市"],
    lexicons: ["name-lexicon"],
  },
  {
    matter: "sole-proprietorship.establishment",
    fixture: "tc-b01-investor-personal-property-approve",
    region: "贵阳市南明区",
    rest: ["明远咨询服务中心", "明远咨询服务部"],
    lexicons: ["name-lexicon", "name-words-sole-proprietorship"],
  },
  {
    matter: "single-shareholder-company.establishment",
    fixture: "name-full-llc-form-approve",
    region: "深圳市南山区",
    rest: ["明远科技有限责任公司", "明远科技有限公司"],
    lexicons: ["name-lexicon"],
  },
];

type Op = { insert: boolean; at: number; pick: number };

/** The name with each operation applied: a character replaced by one of its forms, or an invisible one inserted. */
function mutate(name: string, ops: readonly Op[]): string {
  const chars = [...name];
  for (const { insert, at, pick } of ops) {
    if (insert) {
      chars.splice(at % (chars.length + 1), 0, INVISIBLE[pick % INVISIBLE.length] as string);
    } else {
      const i = at % chars.length;
      const forms = FORMS.get(chars[i] as string);
      if (forms) chars[i] = forms[pick % forms.length] as string;
    }
  }
  return chars.join("");
}

describe.each(MATTERS)(
  "name words in other forms: $matter",
  ({ matter, fixture, region, rest, lexicons }) => {
    const base = JSON.parse(
      readFileSync(new URL(`../../fixtures/${matter}/${fixture}.json`, import.meta.url), "utf8"),
    ).application;
    const words: string[] = lexicons.flatMap((name) =>
      (catalogFile(name).entries as Array<{ title: { "zh-CN": string } }>).map(
        (e) => e.title["zh-CN"],
      ),
    );
    const decide = async (name: string) =>
      (await bundledRules()).decide({ ...base, data: { ...base.data, name } }, { replay: true });

    const op = fc.record({ insert: fc.boolean(), at: fc.nat(), pick: fc.nat() });
    test.prop(
      [
        fc.constantFrom(...words),
        fc.constantFrom(...rest),
        fc.boolean(),
        fc.array(op, { minLength: 1, maxLength: 5 }),
      ],
      { numRuns: 60 },
    )(
      "a name referred or corrected for a word is never approved in another form",
      async (word, tail, first, ops) => {
        const name = first
          ? `${region}${word}${tail}`
          : `${region}${tail.slice(0, 2)}${word}${tail.slice(2)}`;
        const original = await decide(name);
        const found = wordFindings(original);
        // Only names a word check catches are the family's members.
        fc.pre(found.length > 0);
        const changed = mutate(name, ops);
        fc.pre(changed !== name);
        const decision = await decide(changed);
        expect(decision.outcome).not.toBe("approve");
        expect(wordFindings(decision)).toEqual(expect.arrayContaining(found));
        expect(decision.missing.map((m) => m.id)).toContain("N-02-standard-characters");
      },
    );

    test.prop([fc.constantFrom(...words), fc.constantFrom(...rest)], { numRuns: 30 })(
      "every word of the lists, put in a name, is caught by a word check",
      async (word, tail) => {
        const decision = await decide(`${region}${word}${tail}`);
        expect(wordFindings(decision)).not.toEqual([]);
      },
    );
  },
);
