import { completedYears, isBirthday } from "../../validators/age.js";
import { normalizeDocumentNumber } from "../../validators/document-number.js";
import { parseResidentId } from "../../validators/resident-id.js";
import {
  parseHongKongMacaoTravelPermit,
  parseTaiwanTravelPermit,
} from "../../validators/travel-permit.js";
import type { DerivedFunction } from "./derived-function.js";

/** Identity documents an applicant may hold, as the `type` of the input. */
export const DOCUMENT_TYPES = [
  "resident-id",
  "hmt-residence-permit",
  "hk-macao-permit",
  "taiwan-permit",
  "foreign-passport",
] as const;

type Holder = "mainland" | "hong-kong" | "macao" | "taiwan" | "hmt" | "foreign";

/**
 * Reads an identity document `{ type, number }`: whether the number is valid for its type
 * (GB 11643 for 居民身份证 and 港澳台居民居住证, the 通行证 formats otherwise), who holds it,
 * and — where the number carries a birth date — sex and age in completed years (周岁) on the
 * application date, with a flag for the birthday itself. `normalizedNumber` is the number to
 * compare people by: a 居民身份证 number with its final `x` as `X`, a 通行证's lifelong holder
 * number (the same across renewals), otherwise the folded number (normalizeDocumentNumber).
 * Rule files compare it, never the raw `number`: `…002x` and `…002X` are one person.
 */
export const identityDocument: DerivedFunction = {
  name: "identity-document",
  description: "Validates an identity document and derives holder, birth date, sex and age",
  outputs: {
    type: "string",
    holder: "string",
    valid: "boolean",
    problems: "array",
    birthDate: "string",
    sex: "string",
    age: "number",
    birthdayToday: "boolean",
    regionCode: "string",
    normalizedNumber: "string",
  },
  compute(input, { appliedOn }) {
    const { type, number } = (input ?? {}) as { type?: unknown; number?: unknown };
    if (typeof type !== "string" || typeof number !== "string") return {};
    return { normalizedNumber: normalizeDocumentNumber(number), ...read(type, number, appliedOn) };
  },
};

function read(type: string, number: string, appliedOn: string): Record<string, unknown> {
  switch (type) {
    case "resident-id":
    case "hmt-residence-permit":
      return fromResidentId(type, number, appliedOn);
    case "hk-macao-permit": {
      const permit = parseHongKongMacaoTravelPermit(number);
      return permit.valid
        ? {
            type,
            holder: permit.region,
            valid: true,
            problems: [],
            normalizedNumber: permit.holderNumber,
          }
        : { type, holder: "hmt", valid: false, problems: codes(permit.problems) };
    }
    case "taiwan-permit": {
      const permit = parseTaiwanTravelPermit(number);
      return permit.valid
        ? {
            type,
            holder: "taiwan",
            valid: true,
            problems: [],
            normalizedNumber: permit.holderNumber,
          }
        : { type, holder: "taiwan", valid: false, problems: codes(permit.problems) };
    }
    case "foreign-passport": {
      // A passport number has no check character; validity is the issuer's. ICAO Doc 9303
      // (part 4) writes document numbers in upper-case Latin letters and digits only, so
      // anything else once folded — blank, punctuation, invisible characters — is no number.
      const valid = /^[A-Z0-9]+$/.test(normalizeDocumentNumber(number));
      return { type, holder: "foreign", valid, problems: valid ? [] : ["format"] };
    }
    default:
      return { type, valid: false, problems: ["unknown-document-type"] };
  }
}

function fromResidentId(type: string, number: string, appliedOn: string) {
  const expectMainland = type === "resident-id";
  const id = parseResidentId(number, { today: appliedOn });
  if (!id.valid) {
    return {
      type,
      holder: expectMainland ? "mainland" : "hmt",
      valid: false,
      problems: codes(id.problems),
    };
  }
  const holder: Holder = id.kind;
  // A 居住证 number (810000/820000/830000) declared as a 居民身份证, or the reverse.
  const mismatch = (id.kind === "mainland") !== expectMainland;
  return {
    type,
    holder,
    valid: !mismatch,
    problems: mismatch ? ["document-type-mismatch"] : [],
    birthDate: id.birthDate,
    sex: id.sex,
    age: completedYears(id.birthDate, appliedOn),
    birthdayToday: isBirthday(id.birthDate, appliedOn),
    regionCode: id.regionCode,
    normalizedNumber: id.number,
  };
}

function codes(problems: readonly { code: string }[]): string[] {
  return problems.map((p) => p.code);
}
