import { isPlainDate, parsePlainDate } from "./plain-date.js";
import type { Invalid, Problem } from "./problem.js";
import { isProvincePrefix } from "./region-code.js";

/** Who issued the number: a mainland 居民身份证, or a 港澳台居民居住证 (810000/820000/830000). */
export type ResidentIdKind = "mainland" | "hong-kong" | "macao" | "taiwan";

/** Stable problem codes of {@link parseResidentId}. */
export type ResidentIdProblemCode = "format" | "province" | "birth-date" | "check-digit";

/** A number that passed every check of GB 11643-1999, with what it encodes. */
export interface ResidentId {
  readonly valid: true;
  /** The 18 characters, with a final `x` written as `X`. */
  readonly number: string;
  readonly kind: ResidentIdKind;
  /** The 地址码 (first six digits); may be a historical county code. */
  readonly regionCode: string;
  readonly provinceCode: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: "male" | "female";
}

export interface ResidentIdOptions {
  /** `YYYY-MM-DD`; when given, a birth date after it is a problem. */
  readonly today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";

// 港澳台居民居住证申领发放办法 art 3 fixes these address codes; 830000 is not Taiwan's GB/T 2260 code.
const PERMIT_KINDS: Readonly<Record<string, ResidentIdKind>> = {
  "810000": "hong-kong",
  "820000": "macao",
  "830000": "taiwan",
};

/**
 * The GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits of a
 * number: a digit or `X`. Undefined unless given exactly 17 digits.
 *
 * @example
 * residentIdCheckCharacter("11010519491231002"); //=> "X"
 * residentIdCheckCharacter("44052418800101001"); //=> "4"
 */
export function residentIdCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  }
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Upgrades a legacy 15-digit number (GB 11643-1989: address, YYMMDD, sequence, no check) to
 * its 18-digit form by inserting the century `19` and appending the check character.
 * Undefined unless given 15 digits with a real date. People born before 1900 are not handled.
 *
 * @example
 * upgradeLegacyResidentId("110105491231002"); //=> "11010519491231002X"
 */
export function upgradeLegacyResidentId(fifteen: string): string | undefined {
  if (!/^\d{15}$/.test(fifteen)) return undefined;
  const body = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`;
  if (!isPlainDate(`${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`)) {
    return undefined;
  }
  return `${body}${residentIdCheckCharacter(body)}`;
}

function regionProblem(regionCode: string): Problem<"province"> | undefined {
  const province = regionCode.slice(0, 2);
  if (PERMIT_KINDS[regionCode]) return undefined;
  if (province === "81" || province === "82" || province === "83") {
    return {
      code: "province",
      message: `"${province}" appears only in the residence-permit codes 810000, 820000 and 830000.`,
    };
  }
  if (province === "71") {
    return {
      code: "province",
      message:
        "No 居民身份证 carries Taiwan's GB/T 2260 code 71; Taiwan residents' permits use 830000.",
    };
  }
  if (!isProvincePrefix(province)) {
    return { code: "province", message: `"${province}" is not a GB/T 2260 province prefix.` };
  }
  return undefined;
}

function birthDateProblem(
  birthDate: string,
  today: string | undefined,
): Problem<"birth-date"> | undefined {
  if (!parsePlainDate(birthDate)) {
    return { code: "birth-date", message: `The birth date ${birthDate} does not exist.` };
  }
  if (today === undefined) return undefined;
  if (!isPlainDate(today)) {
    return {
      code: "birth-date",
      message: `The birth date cannot be checked against the invalid date "${today}".`,
    };
  }
  if (birthDate > today) {
    return { code: "birth-date", message: `The birth date ${birthDate} is after ${today}.` };
  }
  return undefined;
}

const SHAPE_MESSAGE = "A 居民身份证 number is 18 characters: 17 digits, then a digit or X.";

/**
 * Checks a 居民身份证 or 港澳台居民居住证 number (GB 11643-1999) and reads what it encodes.
 * Every problem that applies is listed: `format`, `province` (only the province is checked,
 * never the county, because address codes of old cards may no longer exist; 81, 82 and 83
 * only as the permit codes 810000/820000/830000, and Taiwan's 71 never, since no card is
 * issued with it), `birth-date` (not a real date, or after `options.today`) and
 * `check-digit`. A final lower-case `x` is accepted. Legacy 15-digit numbers are a `format` problem: ask for the 18-digit number.
 * A last character other than a digit or X is a `format` problem, not a `check-digit` one.
 * Messages never reveal the expected check character, which would invite "fixing" a typo
 * elsewhere in the number by changing only the last character.
 *
 * @example
 * parseResidentId("11010519491231002x");
 * //=> { valid: true, number: "11010519491231002X", kind: "mainland", regionCode: "110105",
 * //     provinceCode: "11", birthDate: "1949-12-31", sex: "female" }
 * parseResidentId("11010519491231002Y");
 * //=> { valid: false, problems: [{ code: "format", message: "…" }] }
 */
export function parseResidentId(
  value: string,
  options: ResidentIdOptions = {},
): ResidentId | Invalid<ResidentIdProblemCode> {
  if (/^\d{15}$/.test(value)) {
    const message = `${SHAPE_MESSAGE} This is a legacy 15-digit number; give the 18-digit number on the current card.`;
    return { valid: false, problems: [{ code: "format", message }] };
  }
  // A final lower-case x as X (what `value.replace(/x$/, "X")` gives).
  const number = value.endsWith("x") ? `${value.slice(0, -1)}X` : value;
  if (!/^\d{17}.$/u.test(number)) {
    return { valid: false, problems: [{ code: "format", message: SHAPE_MESSAGE }] };
  }
  const body = number.slice(0, 17);
  const last = number.slice(17);
  const regionCode = body.slice(0, 6);
  const birthDate = `${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`;
  const problems: Problem<ResidentIdProblemCode>[] = [];
  const lastIsLegal = /^[\dX]$/.test(last);
  if (!lastIsLegal) {
    problems.push({
      code: "format",
      message: `The last character must be a digit or X, not "${last}".`,
    });
  }
  const region = regionProblem(regionCode);
  if (region) problems.push(region);
  const birth = birthDateProblem(birthDate, options.today);
  if (birth) problems.push(birth);
  if (lastIsLegal && residentIdCheckCharacter(body) !== last) {
    problems.push({
      code: "check-digit",
      message: "The check character does not match the other 17; a character is probably mistyped.",
    });
  }
  if (problems.length > 0) return { valid: false, problems };
  return {
    valid: true,
    number,
    kind: PERMIT_KINDS[regionCode] ?? "mainland",
    regionCode,
    provinceCode: regionCode.slice(0, 2),
    birthDate,
    sex: Number(body[16]) % 2 === 1 ? "male" : "female",
  };
}
