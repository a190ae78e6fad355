import type { LocalizedText } from "../model/common.js";

/**
 * Readable names for what the library's derived functions produce, and for the values some of
 * them take, so a published guide can say "经营者身份证件：年龄（周岁）" rather than
 * `operatorIdentity.age`. Generic to each function, never to a matter. Outputs without a name
 * here are shown as they are written in the rule file.
 */
export const OUTPUT_LABELS: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  "identity-document": {
    type: { "zh-CN": "证件类型", en: "document type" },
    holder: { "zh-CN": "持证人身份", en: "holder" },
    valid: { "zh-CN": "证件号码有效", en: "number valid" },
    age: { "zh-CN": "周岁年龄", en: "age in full years" },
    birthdayToday: { "zh-CN": "申请当日为生日", en: "birthday on the application date" },
    birthDate: { "zh-CN": "出生日期", en: "date of birth" },
    sex: { "zh-CN": "性别", en: "sex" },
  },
  "identity-document-list": {
    count: { "zh-CN": "人数", en: "number of people" },
    allValid: { "zh-CN": "证件号码均有效", en: "all numbers valid" },
    allMainland: { "zh-CN": "均为内地居民", en: "all mainland residents" },
    youngestAge: { "zh-CN": "最小周岁年龄", en: "youngest age in full years" },
  },
  "catalog-match": {
    count: { "zh-CN": "条目数", en: "number of entries" },
    allKnown: { "zh-CN": "均为规范条目", en: "all in the catalog" },
    unknownCount: { "zh-CN": "非规范条目数", en: "entries not in the catalog" },
  },
  "date-distance": {
    daysAfterApplication: { "zh-CN": "距申请日天数", en: "days after the application date" },
    withinYears: { "zh-CN": "在规定年限内", en: "within the years allowed" },
  },
  "business-name": {
    hanOnly: { "zh-CN": "仅使用汉字", en: "Chinese characters only" },
    standardCharactersOnly: {
      "zh-CN": "仅使用规范汉字（《通用规范汉字表》）",
      en: "standard Chinese characters only (2013 table)",
    },
    regionFound: { "zh-CN": "含行政区划", en: "contains a region" },
    regionOrderValid: { "zh-CN": "行政区划位置规范", en: "region in the right place" },
    tradeNameHanLength: { "zh-CN": "字号字数", en: "trade name length" },
    tradeNameIsRegion: { "zh-CN": "字号为行政区划名称", en: "trade name is a region name" },
    tradeNameIsIndustry: { "zh-CN": "字号为行业用语", en: "trade name is an industry term" },
    industryFound: { "zh-CN": "含行业或经营特点", en: "contains an industry term" },
    organizationFormFound: { "zh-CN": "含组织形式", en: "contains an organisation form" },
    organizationFormAllowed: {
      "zh-CN": "组织形式可以使用",
      en: "organisation form allowed",
    },
    restrictedHitCount: { "zh-CN": "含限制用语数", en: "restricted words" },
    forbiddenHitCount: { "zh-CN": "含禁止用语数", en: "forbidden words" },
  },
  "name-scope-fit": {
    industry: { "zh-CN": "名称中的行业用语", en: "industry term of the name" },
    termInRelation: { "zh-CN": "行业用语已列明对应的经营范围", en: "term has a scope relation" },
    determined: { "zh-CN": "能够判断是否相符", en: "fit can be determined" },
    consistent: { "zh-CN": "行业用语与经营范围相符", en: "term fits the scope" },
  },
  "credit-code": {
    valid: { "zh-CN": "统一社会信用代码有效", en: "credit code valid" },
    category: { "zh-CN": "登记管理部门类别", en: "registering authority" },
    entityKind: { "zh-CN": "机构类别", en: "kind of entity" },
  },
};

/** Readable names for values of some outputs (`holder: "mainland"` → 内地居民). */
export const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  holder: {
    mainland: { "zh-CN": "内地居民", en: "mainland resident" },
    "hong-kong": { "zh-CN": "香港居民", en: "Hong Kong resident" },
    macao: { "zh-CN": "澳门居民", en: "Macao resident" },
    taiwan: { "zh-CN": "台湾居民", en: "Taiwan resident" },
    hmt: { "zh-CN": "港澳台居民", en: "Hong Kong, Macao or Taiwan resident" },
    foreign: { "zh-CN": "外国人", en: "foreign national" },
  },
};
