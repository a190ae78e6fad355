import { describe, expect, it } from "vitest";
import { businessName } from "../../src/evaluate/derived/business-name.js";
import { bundledRules } from "../helpers.js";

const OPTIONS = {
  regions: "administrative-divisions",
  forms: "organization-forms",
  industries: "industry-terms",
  lexicon: "name-lexicon",
  entityType: "individualBusiness",
  characters: "standard-characters",
  variants: "character-variants",
};

async function parser(options: Record<string, unknown> = OPTIONS) {
  const rules = await bundledRules();
  const catalogs = new Map([...rules.catalogs].map(([name, c]) => [name, c.entries]));
  return (name: string) =>
    businessName.compute(name, { appliedOn: "2025-06-30", options, catalogs });
}

describe("business-name on names in other forms of their characters", () => {
  it("finds every part and word of the folded name, and reports the raw name's non-规范 characters", async () => {
    const parse = await parser();
    expect(parse("深圳市南山區中國麗華便利店")).toMatchObject({
      folded: "深圳市南山区中国丽华便利店",
      regionCode: "440305",
      tradeName: "中国丽华",
      industry: "便利",
      organizationForm: "店",
      organizationFormAllowed: true,
      restrictedHits: ["中国"],
      hanOnly: true,
      standardCharactersOnly: false,
      nonStandardCharacters: [
        { character: "區", standard: "区" },
        { character: "國", standard: "国" },
        { character: "麗", standard: "丽" },
        { character: "華", standard: "华" },
      ],
    });
    expect(parse("深圳市南山区丽华\u2F08大赌\u200B博便利店")).toMatchObject({
      forbiddenHits: expect.arrayContaining(["人大", "赌博"]),
      hanOnly: false,
      standardCharactersOnly: false,
    });
  });

  it("passes a name of 规范汉字 only, rare ones included", async () => {
    const parse = await parser();
    expect(parse("深圳市南山区喆鑫便利店")).toMatchObject({
      standardCharactersOnly: true,
      nonStandardCharacters: [],
      forbiddenHitCount: 0,
      restrictedHitCount: 0,
    });
  });

  it("gives no 规范汉字 verdict without the characters catalog (a standard reading it cannot pass)", async () => {
    const { characters: _c, variants: _v, ...older } = OPTIONS;
    const parse = await parser(older);
    const parts = parse("深圳市南山區中國丽华便利店");
    expect(parts).not.toHaveProperty("standardCharactersOnly");
    expect(parts).not.toHaveProperty("nonStandardCharacters");
    // The fold without a variants table still applies NFKC and drops invisible characters.
    expect(parse("深圳市南山区丽华\u2F08大便利店")).toMatchObject({ forbiddenHits: ["人大"] });
  });

  it("reports optional catalog options that are not catalog names, or not loaded", () => {
    const catalogs = new Set(Object.values(OPTIONS).filter((v) => v !== "individualBusiness"));
    expect(businessName.checkOptions?.(OPTIONS, catalogs)).toEqual([]);
    expect(
      businessName.checkOptions?.({ ...OPTIONS, characters: 1, variants: "nope" }, catalogs),
    ).toEqual(['option "characters" must be a catalog name', 'no catalog named "nope" is loaded']);
  });
});
