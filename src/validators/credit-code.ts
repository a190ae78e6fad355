import type { Invalid, Problem } from "./problem.js";
import { isProvincePrefix } from "./region-code.js";

/** What a code's first two characters say about the registered entity, for the 9 (市场监管) codes. */
export type CreditCodeEntityKind =
  | "enterprise"
  | "individual-business"
  | "farmers-cooperative"
  | "other";

/** Stable problem codes of {@link parseCreditCode}. */
export type CreditCodeProblemCode = "format" | "charset" | "region" | "check-character";

/** A code that passed every check of GB 32100-2015, with what it encodes. */
export interface CreditCode {
  readonly valid: true;
  /** The 18 characters, upper-case. */
  readonly code: string;
  /** 登记管理部门代码, the first character (`9` = 市场监管). */
  readonly department: string;
  /** 机构类别: the first two characters, such as `92`. */
  readonly category: string;
  /** 登记管理机关行政区划码, characters 3–8. */
  readonly regionCode: string;
  readonly entityKind: CreditCodeEntityKind;
}

// GB 32100-2015 drops I, O, Z, S and V, which are easily confused with 1, 0, 2, 5 and U.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const FORBIDDEN = /[IOZSV]/g;
const SHAPE = /^[0-9A-Z]{2}\d{6}[0-9A-Z]{10}$/;
// Central registration authorities (for example ministries, 11100000…) use 100000.
const CENTRAL_REGION = "100000";

const ENTITY_KINDS: Readonly<Record<string, CreditCodeEntityKind>> = {
  "91": "enterprise",
  "92": "individual-business",
  "93": "farmers-cooperative",
};

/**
 * The GB 32100-2015 check character (weights 3^i mod 31, modulus 31) for the first 17
 * characters of a 统一社会信用代码. Undefined unless given 17 characters of the code's
 * 31-character alphabet (digits and upper-case letters other than I, O, Z, S, V).
 *
 * @example
 * creditCodeCheckCharacter("91110000600037341"); //=> "L"
 */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  let weight = 1;
  for (const character of first17) {
    const value = ALPHABET.indexOf(character);
    if (value < 0) return undefined;
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

function regionProblem(regionCode: string): Problem<"region"> | undefined {
  if (regionCode === CENTRAL_REGION || isProvincePrefix(regionCode.slice(0, 2))) return undefined;
  return {
    code: "region",
    message: `Characters 3–8 ("${regionCode}") do not start with a GB/T 2260 province prefix.`,
  };
}

/**
 * Checks a 统一社会信用代码 (GB 32100-2015) and reads what it encodes. Every problem that
 * applies is listed: `format` (not 18 characters of digits and letters with digits in
 * positions 3–8), `charset` (one of the excluded letters I, O, Z, S, V), `region` (no known
 * province prefix) and `check-character`. Lower-case letters are accepted and upper-cased.
 * Some early pilot codes fail the checksum: for an existing entity, a registry look-up
 * outranks this check.
 *
 * @example
 * parseCreditCode("92440300MA5G12345H");
 * //=> { valid: true, code: "92440300MA5G12345H", department: "9", category: "92",
 * //     regionCode: "440300", entityKind: "individual-business" }
 */
export function parseCreditCode(value: string): CreditCode | Invalid<CreditCodeProblemCode> {
  const code = value.replace(/[a-z]/g, (letter) => letter.toUpperCase());
  if (!SHAPE.test(code)) {
    const message =
      "A 统一社会信用代码 is 18 characters of digits and upper-case letters, with digits in positions 3–8.";
    return { valid: false, problems: [{ code: "format", message }] };
  }
  const problems: Problem<CreditCodeProblemCode>[] = [];
  const forbidden = [...new Set(code.match(FORBIDDEN))];
  if (forbidden.length > 0) {
    problems.push({
      code: "charset",
      message: `The letters ${forbidden.join(", ")} are never used (GB 32100 excludes I, O, Z, S, V).`,
    });
  }
  const regionCode = code.slice(2, 8);
  const region = regionProblem(regionCode);
  if (region) problems.push(region);
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (forbidden.length === 0 && expected !== code.slice(17)) {
    problems.push({
      code: "check-character",
      message: "The check character does not match the other 17; a character is probably mistyped.",
    });
  }
  if (problems.length > 0) return { valid: false, problems };
  return {
    valid: true,
    code,
    department: code.slice(0, 1),
    category: code.slice(0, 2),
    regionCode,
    entityKind: ENTITY_KINDS[code.slice(0, 2)] ?? "other",
  };
}
