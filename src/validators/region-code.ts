import type { Invalid } from "./problem.js";

/**
 * The 34 province-level prefixes of GB/T 2260 行政区划代码 with their names (SPEC §7.5).
 * The full county table changes every year and lives in a versioned data catalog, not here.
 */
export const provinceCodes = {
  "11": "北京市",
  "12": "天津市",
  "13": "河北省",
  "14": "山西省",
  "15": "内蒙古自治区",
  "21": "辽宁省",
  "22": "吉林省",
  "23": "黑龙江省",
  "31": "上海市",
  "32": "江苏省",
  "33": "浙江省",
  "34": "安徽省",
  "35": "福建省",
  "36": "江西省",
  "37": "山东省",
  "41": "河南省",
  "42": "湖北省",
  "43": "湖南省",
  "44": "广东省",
  "45": "广西壮族自治区",
  "46": "海南省",
  "50": "重庆市",
  "51": "四川省",
  "52": "贵州省",
  "53": "云南省",
  "54": "西藏自治区",
  "61": "陕西省",
  "62": "甘肃省",
  "63": "青海省",
  "64": "宁夏回族自治区",
  "65": "新疆维吾尔自治区",
  "71": "台湾省",
  "81": "香港特别行政区",
  "82": "澳门特别行政区",
} as const satisfies Record<string, string>;

/** A two-digit GB/T 2260 province prefix, such as `"44"`. */
export type ProvinceCode = keyof typeof provinceCodes;

/** Stable problem codes of {@link parseRegionCode}. */
export type RegionCodeProblemCode = "format" | "province";

/** A well-formed six-digit region code, split into its levels. */
export interface RegionCode {
  readonly valid: true;
  readonly code: string;
  readonly level: "province" | "prefecture" | "county";
  readonly province: ProvinceCode;
  /** Four digits; present when the code names a prefecture or a county. */
  readonly prefecture?: string;
  /** Six digits; present when the code names a county. */
  readonly county?: string;
}

/**
 * Tells whether two digits are one of the 34 GB/T 2260 province prefixes.
 *
 * @example
 * isProvincePrefix("44"); //=> true
 * isProvincePrefix("83"); //=> false
 */
export function isProvincePrefix(code: string): code is ProvinceCode {
  return Object.hasOwn(provinceCodes, code);
}

/**
 * Reads a six-digit GB/T 2260 code: 2 digits province + 2 prefecture + 2 county, trailing
 * `00` pairs marking a higher level. Only the shape and the province are checked; whether
 * the prefecture or county exists is a question for the versioned code table.
 *
 * @example
 * parseRegionCode("440305");
 * //=> { valid: true, code: "440305", level: "county", province: "44", prefecture: "4403", county: "440305" }
 * parseRegionCode("990000");
 * //=> { valid: false, problems: [{ code: "province", message: "…" }] }
 */
export function parseRegionCode(value: string): RegionCode | Invalid<RegionCodeProblemCode> {
  if (!/^\d{6}$/.test(value)) {
    return {
      valid: false,
      problems: [{ code: "format", message: "A region code is exactly six digits." }],
    };
  }
  const province = value.slice(0, 2);
  if (!isProvincePrefix(province)) {
    return {
      valid: false,
      problems: [
        { code: "province", message: `"${province}" is not a GB/T 2260 province prefix.` },
      ],
    };
  }
  const prefecture = value.slice(0, 4);
  if (!value.endsWith("00")) {
    return { valid: true, code: value, level: "county", province, prefecture, county: value };
  }
  if (!prefecture.endsWith("00")) {
    return { valid: true, code: value, level: "prefecture", province, prefecture };
  }
  return { valid: true, code: value, level: "province", province };
}
